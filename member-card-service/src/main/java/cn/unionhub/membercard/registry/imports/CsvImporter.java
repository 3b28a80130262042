package cn.unionhub.membercard.registry.imports;

import cn.unionhub.platform.web.CsvRows;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Imports a CSV file into the register, streaming: rows are read, checked and written a batch at a
 * time, so memory stays flat for 350,000 enterprises or millions of members, and a bad row is
 * reported with its line and reasons and never stops the rest. What a row means and how a batch is
 * written is the {@link Target}'s business; reading, batching, duplicate rows, the error report and
 * the progress people watch are this class's.
 */
@Component
public class CsvImporter {

    private static final Logger log = LoggerFactory.getLogger(CsvImporter.class);

    static final int BATCH = 1_000;

    private final ImportJobs jobs;
    private final Clock clock;

    CsvImporter(ImportJobs jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    /** What one kind of file imports into. */
    public interface Target<T> {

        /** Column name → the header names (English and Chinese, lower case) that mean it. */
        Map<String, List<String>> columns();

        List<String> requiredColumns();

        /** What names a row in the error report; never personal data in clear. */
        default String reportKey(Map<String, String> row) {
            String value = row.get(requiredColumns().get(0));
            return value == null ? null : value.strip();
        }

        /** A row's record, or what is wrong with it. */
        Checked<T> check(Map<String, String> row);

        /** The key two rows must not share, e.g. the USCC; {@code null} when the write itself finds repeats. */
        String keyOf(T record);

        /**
         * Writes a batch of checked records and counts what happened to them; a row worth reporting
         * (refused, or found on file already) goes into {@code report} with its line.
         */
        void write(List<Line<T>> batch, Counts counts, List<ImportJob.RowError> report);
    }

    /** A checked record and the line of the file it came from. */
    public record Line<T>(long line, T record) {
    }

    public static ImportJob.RowError refusal(long line, String key, String field, String code, String... arguments) {
        return new ImportJob.RowError(line, key, field, code, List.of(arguments));
    }

    public record Checked<T>(T record, List<FieldViolation> violations) {

        public static <T> Checked<T> ok(T record) {
            return new Checked<>(record, List.of());
        }

        public static <T> Checked<T> bad(List<FieldViolation> violations) {
            return new Checked<>(null, violations);
        }
    }

    /** What became of the rows so far. */
    public static final class Counts {
        long rows;
        public long created;
        public long updated;
        public long unchanged;
        public long rejected;
        long errorsKept;
    }

    /** Imports the whole file, saving the job's progress after every batch; returns the finished job. */
    public <T> ImportJob run(ImportJob job, Reader file, Target<T> target) {
        Counts counts = new Counts();
        Pending<T> pending = null;
        try {
            CsvRows csv = new CsvRows(file);
            Map<String, Integer> columns = header(csv.next(), target);
            Set<String> seen = new HashSet<>();
            List<Line<T>> batch = new ArrayList<>(BATCH);
            List<ImportJob.RowError> errors = new ArrayList<>();
            pending = new Pending<>(batch, errors);
            for (List<String> fields = csv.next(); fields != null; fields = csv.next()) {
                counts.rows++;
                Map<String, String> row = new HashMap<>();
                List<String> cells = fields;
                columns.forEach((column, index) -> row.put(column, index < cells.size() ? cells.get(index) : null));
                Checked<T> checked = target.check(row);
                String key = checked.record() == null ? null : target.keyOf(checked.record());
                if (checked.record() == null) {
                    long line = csv.line();
                    checked.violations().forEach(v -> errors.add(error(line, target.reportKey(row), v)));
                    counts.rejected++;
                } else if (key != null && !seen.add(key)) {
                    errors.add(error(csv.line(), key, new FieldViolation(target.requiredColumns().get(0), "duplicate-in-file")));
                    counts.rejected++;
                } else {
                    batch.add(new Line<>(csv.line(), checked.record()));
                }
                if (batch.size() == BATCH || errors.size() >= BATCH) {
                    job = flush(job, batch, errors, counts, target);
                }
            }
            job = flush(job, batch, errors, counts, target).finished(clock.instant());
        } catch (IOException | MissingColumns e) {
            log.info("Import {} stopped at row {}: {}", job.id(), counts.rows, e.getMessage());
            if (e instanceof IOException && pending != null) {
                // The rows read before the broken line are imported and the refused ones reported: they were dropped
                // with the line, and the job said FAILED with an empty error list (exploratory test, 2026-12-05).
                job = flush(job, pending.batch(), pending.errors(), counts, target);
            }
            job = job.progress(counts.rows, counts.created, counts.updated, counts.unchanged, counts.rejected)
                    .failed(clock.instant(), e instanceof java.nio.charset.CharacterCodingException
                            ? "文件中有既不是 UTF-8 也不是 GBK 的字节（第 " + (counts.rows + 1) + " 行附近），请另存为 CSV（UTF-8 或 GBK）后重新上传"
                                    + " / bytes near line " + (counts.rows + 1) + " are neither UTF-8 nor GBK text: save as CSV (UTF-8 or GBK)"
                                    + " and upload again"
                            : e.getMessage());
        }
        jobs.save(job);
        return job;
    }

    /** The rows checked and the refusals since the last flush: written even when a later line breaks the file. */
    private record Pending<T>(List<Line<T>> batch, List<ImportJob.RowError> errors) {
    }

    private <T> ImportJob flush(ImportJob job, List<Line<T>> batch, List<ImportJob.RowError> errors, Counts counts,
            Target<T> target) {
        if (!batch.isEmpty()) {
            target.write(batch, counts, errors);
            batch.clear();
        }
        if (counts.errorsKept < ImportJobs.MAX_ERRORS_KEPT && !errors.isEmpty()) {
            List<ImportJob.RowError> kept = errors.subList(0,
                    (int) Math.min(errors.size(), ImportJobs.MAX_ERRORS_KEPT - counts.errorsKept));
            jobs.addErrors(job.id(), kept);
            counts.errorsKept += kept.size();
        }
        errors.clear();
        ImportJob progressed = job.progress(counts.rows, counts.created, counts.updated, counts.unchanged, counts.rejected);
        jobs.save(progressed);
        return progressed;
    }

    private static Map<String, Integer> header(List<String> header, Target<?> target) throws MissingColumns {
        if (header == null) {
            throw new MissingColumns("文件是空的 / the file is empty");
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            int index = i;
            target.columns().forEach((column, aliases) -> {
                if (aliases.contains(name)) {
                    columns.putIfAbsent(column, index);
                }
            });
        }
        List<String> missing = target.requiredColumns().stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            // The job's message is read by whoever uploaded it, in either language: both, Chinese first.
            throw new MissingColumns("表头缺少必需的列 " + missing + "（第一行为 " + header + "；中英文列名均可）/ the header lacks "
                    + missing + " (found " + header + ")");
        }
        return columns;
    }

    private static ImportJob.RowError error(long line, String key, FieldViolation v) {
        return new ImportJob.RowError(line, key, v.field(), v.code(), Arrays.stream(v.arguments()).map(String::valueOf).toList());
    }

    /** The file cannot be imported at all (no header, a required column missing). */
    static final class MissingColumns extends Exception {
        MissingColumns(String message) {
            super(message);
        }
    }
}
