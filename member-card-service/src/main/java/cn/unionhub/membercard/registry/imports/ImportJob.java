package cn.unionhub.membercard.registry.imports;

import java.time.Instant;
import java.util.List;

/**
 * One file being imported, as its uploader follows it: how far it got and what it did with each row.
 *
 * @param id          job id, part of its URL
 * @param kind        ENTERPRISES or MEMBERS
 * @param target      what the rows go into: the union members are enrolled in; {@code null} for enterprises
 * @param requestedBy subject of the uploader
 * @param district    the uploader's district when they may only touch their own; {@code null} for the city
 * @param status      RUNNING, DONE or FAILED (the file could not be read to its end; the rows before stay imported)
 * @param rows        data rows read so far
 * @param created     rows that created a record
 * @param updated     rows that changed one
 * @param unchanged   rows identical to what the register holds
 * @param rejected    rows refused, each with its line and reasons in the error report
 * @param message     why a job failed
 */
public record ImportJob(String id, String kind, String target, String requestedBy, String district, String status,
        long rows, long created, long updated, long unchanged, long rejected, Instant startedAt, Instant finishedAt,
        String message) {

    public ImportJob progress(long rows, long created, long updated, long unchanged, long rejected) {
        return new ImportJob(id, kind, target, requestedBy, district, status, rows, created, updated, unchanged, rejected,
                startedAt, finishedAt, message);
    }

    public ImportJob finished(Instant at) {
        return new ImportJob(id, kind, target, requestedBy, district, "DONE", rows, created, updated, unchanged, rejected,
                startedAt, at, null);
    }

    public ImportJob failed(Instant at, String why) {
        return new ImportJob(id, kind, target, requestedBy, district, "FAILED", rows, created, updated, unchanged,
                rejected, startedAt, at, why);
    }

    /**
     * One refused row: its line in the file, the key it named (if readable) and why, as a message
     * code with arguments so the report reads in the reader's language.
     */
    public record RowError(long line, String key, String field, String code, List<String> arguments) {
    }
}
