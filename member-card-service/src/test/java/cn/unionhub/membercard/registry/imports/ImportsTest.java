package cn.unionhub.membercard.registry.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.util.unit.DataSize;

class ImportsTest {

    /**
     * The upload is copied to a temporary file before its job is recorded. When the store refuses the
     * job (the caller gets a 503 and sends the file again), no job will ever read or delete that copy:
     * a 40 MB file per refused attempt used to stay in the temporary folder until a restart 6 h later.
     */
    @Test
    void anUploadWhoseJobTheStoreRefusesLeavesNoCopyBehind() throws IOException {
        ImportJobs refusing = new ImportJobs(null) {
            @Override
            public void save(ImportJob job) {
                throw new DataAccessResourceFailureException("the store is down");
            }
        };
        Imports imports = new Imports(new CsvImporter(refusing, Clock.systemUTC()), refusing, Clock.systemUTC(),
                DataSize.ofMegabytes(1));
        Set<Path> before = uploads();
        try {
            byte[] csv = "统一社会信用代码,企业名称,行政区划代码\n91330211MA2H3K5Q1G,宁波测试企业,330211\n".getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> imports.start("enterprises", null, "admin-zhou", null, new ByteArrayInputStream(csv), null))
                    .isInstanceOf(DataAccessResourceFailureException.class);
            assertThat(uploads()).isEqualTo(before);
        } finally {
            imports.stop();
        }
    }

    private static Set<Path> uploads() throws IOException {
        Set<Path> found = new HashSet<>();
        try (var files = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), "unionhub-import-*.csv")) {
            files.forEach(found::add);
        }
        return found;
    }
}
