package cn.unionhub.membercard.registry.imports;

import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.TooLargeException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import jakarta.annotation.PreDestroy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Runs uploaded files as jobs. The upload is copied to a temporary file first (counting bytes, so
 * an oversized file is refused even when sent without a length), answered with the job at once,
 * and imported by one background thread — imports queue rather than compete for the store. A job
 * an instance was running when it stopped is marked failed at the next start; uploading the file
 * again finishes it, since imports are idempotent.
 */
@Component
public class Imports {

    private static final Logger log = LoggerFactory.getLogger(Imports.class);

    private final CsvImporter importer;
    private final ImportJobs jobs;
    private final Clock clock;
    private final long maxBytes;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "register-import");
        t.setDaemon(true);
        return t;
    });

    Imports(CsvImporter importer, ImportJobs jobs, Clock clock,
            @Value("${unionhub.web.max-upload-size:64MB}") DataSize maxUpload) {
        this.importer = importer;
        this.jobs = jobs;
        this.clock = clock;
        this.maxBytes = maxUpload.toBytes();
    }

    /** Takes the upload and starts importing it; the job answers at once and reports progress. */
    public <T> ImportJob start(String kind, String target, String requestedBy, String district, InputStream upload,
            CsvImporter.Target<T> into) {
        Path file = copy(upload);
        ImportJob job = new ImportJob(UUID.randomUUID().toString(), kind, target, requestedBy, district, "RUNNING",
                0, 0, 0, 0, 0, clock.instant(), null, null);
        try {
            jobs.save(job);
            worker.submit(() -> run(job, file, into));
        } catch (RuntimeException notStarted) {
            // The store refused the job (the caller gets a 503 and uploads again) or the service is
            // stopping: no job will read this copy of the upload, so it goes now, not at a start 6 h later.
            delete(file);
            throw notStarted;
        }
        return job;
    }

    /** On the import thread: reads the copy of the upload into the register, then deletes it whatever happened. */
    private <T> void run(ImportJob job, Path file, CsvImporter.Target<T> into) {
        try (BufferedReader reader = Files.newBufferedReader(file, encodingOf(file))) {
            ImportJob done = importer.run(job, reader, into);
            log.info("Import {} of {} {}: {} rows, {} created, {} updated, {} unchanged, {} rejected", done.id(),
                    job.kind(), done.status(), done.rows(), done.created(), done.updated(), done.unchanged(), done.rejected());
        } catch (cn.unionhub.platform.web.CsvEncoding.MixedEncoding e) {
            log.info("Import {} refused: {}", job.id(), e.getMessage());
            jobs.save(job.failed(clock.instant(), e.getMessage()));
        } catch (RuntimeException | IOException e) {
            log.warn("Import {} failed", job.id(), e);
            // Why, for the person who uploaded it; the exception's own text stays in the log.
            jobs.save(job.failed(clock.instant(), "导入失败，请检查文件后重新上传；仍失败请联系管理员（任务 " + job.id()
                    + "）/ the import failed: check the file and upload it again (job " + job.id() + ")"));
        } finally {
            delete(file);
        }
    }

    /** The upload's encoding ({@link cn.unionhub.platform.web.CsvEncoding}): UTF-8, GBK, or refused naming a mixed line. */
    static java.nio.charset.Charset encodingOf(Path file) throws IOException {
        try (java.nio.channels.ReadableByteChannel channel = Files.newByteChannel(file)) {
            return cn.unionhub.platform.web.CsvEncoding.of(channel);
        }
    }

    /** Imports a file in this thread (reference and demo data at start-up). */
    public <T> ImportJob runNow(String kind, String id, java.io.Reader file, CsvImporter.Target<T> into) {
        ImportJob job = new ImportJob(id, kind, null, "system", null, "RUNNING", 0, 0, 0, 0, 0, clock.instant(), null, null);
        return importer.run(job, file, into);
    }

    @EventListener(ApplicationReadyEvent.class)
    void failInterruptedJobs() {
        jobs.running().forEach(job -> jobs.save(job.failed(clock.instant(), "导入中断：服务停止了，请重新上传文件 / interrupted: the service stopped; upload the file again")));
        deleteAbandonedUploads();
    }

    /**
     * A process killed during an import cannot delete its copy of the upload; the next start does,
     * once it is older than any import runs (another instance on the same host may still be reading a newer one).
     */
    private static void deleteAbandonedUploads() {
        java.time.Instant before = java.time.Instant.now().minus(java.time.Duration.ofHours(6));
        try (var files = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), "unionhub-import-*.csv")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                    delete(file);
                }
            }
        } catch (IOException e) {
            log.debug("Could not look for abandoned uploads: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private Path copy(InputStream upload) {
        Path file = null;
        try {
            file = Files.createTempFile("unionhub-import-", ".csv");
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int n = upload.read(buffer); n >= 0; n = upload.read(buffer)) {
                    total += n;
                    if (total > maxBytes) {
                        throw new FileTooLarge(DataSize.ofBytes(maxBytes).toMegabytes());
                    }
                    out.write(buffer, 0, n);
                }
            }
            if (total == 0) {
                throw new RuleViolationException("invalid-import", List.of(new FieldViolation("file", "required")));
            }
            return file;
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.debug("Could not delete {}: {}", file, e.toString());
            }
        }
    }

    /** The upload is larger than this service takes (413 with the limit in megabytes). */
    static final class FileTooLarge extends TooLargeException {
        FileTooLarge(long megabytes) {
            super("file-too-large", megabytes);
        }
    }
}
