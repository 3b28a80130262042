package cn.unionhub.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymKeyTest {

    @Test
    void withoutAConfiguredKeyOrKeyFileNothingStarts() {
        assertThatThrownBy(() -> PseudonymKey.resolve(null, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UNIONHUB_SECURITY_PSEUDONYM_KEY");
        assertThatThrownBy(() -> PseudonymKey.resolve("", " ")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PseudonymKey.resolve("too-short", null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyFileIsCreatedOnceOwnerOnlyAndEveryServiceOfTheInstallationReadsTheSameKey(@TempDir Path home) throws Exception {
        Path file = home.resolve("data/secrets/pseudonym.key");

        byte[] first = PseudonymKey.resolve(null, file.toString());
        byte[] second = PseudonymKey.resolve(null, file.toString());

        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new Pseudonyms(first).of("worker-zhang-wei")).isEqualTo(new Pseudonyms(second).of("worker-zhang-wei"));
        // Another installation gets another key: the same account has another pseudonym there.
        byte[] elsewhere = PseudonymKey.resolve(null, home.resolve("other/pseudonym.key").toString());
        assertThat(new Pseudonyms(elsewhere).of("worker-zhang-wei")).isNotEqualTo(new Pseudonyms(first).of("worker-zhang-wei"));
        try (var left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void aConfiguredKeyWinsOverTheFile(@TempDir Path home) {
        byte[] key = PseudonymKey.resolve("a-configured-key-of-at-least-32-bytes!", home.resolve("k").toString());
        assertThat(new String(key, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("a-configured-key-of-at-least-32-bytes!");
        assertThat(home.resolve("k")).doesNotExist();
    }
}
