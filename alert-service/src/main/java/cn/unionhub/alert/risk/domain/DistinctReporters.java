package cn.unionhub.alert.risk.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How many distinct workers raised a wage issue within the collective-dispute window, in constant
 * space and time: per hour, the number of workers whose <em>latest</em> report falls in that hour.
 * Who reported when is in the {@link WageReporterLedger}; each report hands over a
 * {@link WageReporter.Move} (minus one in the hour of the worker's previous latest report, plus
 * one in the hour of the new one), so a worker counts once however often they report, and the
 * window slides by summing the hours it covers. Hours that left the window are dropped, so there
 * are never more than about window / 1 h + 2 of them (74 for 72 h), whatever the number of reports.
 *
 * <p>Approximation: an hour counts while any part of it lies within the window, so a report counts
 * for up to one hour longer than the window (72 to 73 h), never shorter.
 *
 * <p>Moves commute (they only add and subtract), so they may be applied in any order: when two
 * reports of one worker race, an hour may hold −1 for a moment, until the other move arrives.
 * Reports at or before {@link #since()} no longer count (the last warning was closed).
 */
public final class DistinctReporters {

    /** The bucket width. */
    public static final Duration BUCKET = Duration.ofHours(1);
    private static final long BUCKET_MILLIS = BUCKET.toMillis();

    /** Bucket start (epoch milliseconds) → workers whose latest report falls in that bucket. */
    private final TreeMap<Long, Integer> buckets;
    private Instant since;
    private Instant newest;

    /**
     * @param buckets workers per bucket, keyed by the bucket's start
     * @param since   reports at or before this no longer count (null: all count)
     * @param newest  the newest report counted so far (null: none)
     */
    public DistinctReporters(Map<Instant, Integer> buckets, Instant since, Instant newest) {
        this.buckets = new TreeMap<>();
        buckets.forEach((start, workers) -> this.buckets.merge(bucketOf(start), workers, Integer::sum));
        this.since = since;
        this.newest = newest;
    }

    public static DistinctReporters none() {
        return new DistinctReporters(Map.of(), null, null);
    }

    /** Applies one worker's move; {@code window} is the collective-dispute window. */
    public void apply(WageReporter.Move move, Duration window) {
        if (move.previous() != null && counts(move.previous())) {
            add(bucketOf(move.previous()), -1);
        }
        if (counts(move.latest())) {
            add(bucketOf(move.latest()), 1);
            if (newest == null || move.latest().isAfter(newest)) {
                newest = move.latest();
            }
        }
        dropBefore(window);
    }

    /** Distinct workers whose latest wage-issue report lies within {@code window} before {@code at}. */
    public int within(Instant at, Duration window) {
        long from = at.minus(window).toEpochMilli();
        // Buckets that end after the window's start and begin no later than at.
        int workers = 0;
        for (int n : buckets.subMap(from - BUCKET_MILLIS, false, at.toEpochMilli(), true).values()) {
            workers += n;
        }
        return Math.max(0, workers);
    }

    /**
     * Starts counting again: reports up to {@code handledUntil} were handled with the closed
     * warning. Also up to the newest report counted, in case one was dated after the close: its
     * worker's next move would otherwise take one from a bucket that was just emptied.
     */
    public void restartAfter(Instant handledUntil) {
        buckets.clear();
        since = newest != null && newest.isAfter(handledUntil) ? newest : handledUntil;
    }

    /** Workers per bucket, keyed by the bucket's start. */
    public Map<Instant, Integer> buckets() {
        Map<Instant, Integer> out = new TreeMap<>();
        buckets.forEach((start, workers) -> out.put(Instant.ofEpochMilli(start), workers));
        return out;
    }

    public Instant since() {
        return since;
    }

    public Instant newest() {
        return newest;
    }

    private boolean counts(Instant report) {
        return since == null || report.isAfter(since);
    }

    private void add(long bucket, int delta) {
        buckets.merge(bucket, delta, (a, b) -> a + b == 0 ? null : a + b);
    }

    /**
     * Drops buckets no assessment will count again: those that ended a window (and one bucket of
     * slack, for an assessment a little earlier than a report dated ahead) before the newest
     * report. {@code newest} never goes back, so a dropped bucket stays out of every later window,
     * and a move that reaches into one (a worker's previous report long ago) changes nothing.
     */
    private void dropBefore(Duration window) {
        if (newest == null) {
            return;
        }
        long horizon = newest.minus(window).toEpochMilli() - BUCKET_MILLIS;
        NavigableMap<Long, Integer> old = buckets.headMap(horizon - BUCKET_MILLIS, true);
        old.clear();
    }

    private static long bucketOf(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), BUCKET_MILLIS) * BUCKET_MILLIS;
    }
}
