package cn.unionhub.feedback.timeline.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One worker's timeline as a log: every entry added to any of their items, numbered 1, 2, 3 … in
 * the order they were logged, the newest {@value #KEPT} kept. The number is what a stream sends as
 * its event id, so a client that reconnects with {@code Last-Event-ID} gets exactly the entries after
 * it — across all their items, none twice, none skipped. A client further behind than the kept
 * entries is told to reload instead ({@link #after} is empty).
 *
 * <p>The log is written after the item, so it is told an item's whole timeline each time and logs
 * what it has not logged yet: an entry whose logging was lost (a process stopped between the two
 * writes) is logged with the item's next change.
 *
 * @param last    the number of the newest entry (0 before the first)
 * @param entries the newest entries, oldest first
 * @param logged  per item (the {@value #ITEMS} most recently logged), how many of its entries are logged
 */
public record TimelineLog(long last, List<Entry> entries, Map<String, Integer> logged) {

    public static final int KEPT = 100;
    public static final int ITEMS = 200;

    /**
     * An entry of one item's timeline, as its worker sees it.
     *
     * @param index the entry's place in its item's timeline (0 for RECEIVED)
     */
    public record Entry(long number, String feedbackId, String trackingNumber, int index, Instant at, String kind, String note,
            Instant dueAt) {
    }

    /** An entry of an item's timeline, as the item has it. */
    public record Step(Instant at, String kind, String note, Instant dueAt) {
    }

    public TimelineLog {
        entries = List.copyOf(entries);
        logged = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(logged));
    }

    public static TimelineLog empty() {
        return new TimelineLog(0, List.of(), Map.of());
    }

    /** The log with the item's entries not logged yet appended, numbered on; the same log when none is new. */
    public TimelineLog append(String feedbackId, String trackingNumber, List<Step> timeline) {
        int done = logged.getOrDefault(feedbackId, 0);
        if (timeline.size() <= done) {
            return this;
        }
        List<Entry> next = new ArrayList<>(entries);
        long number = last;
        for (int i = done; i < timeline.size(); i++) {
            Step s = timeline.get(i);
            next.add(new Entry(++number, feedbackId, trackingNumber, i, s.at(), s.kind(), s.note(), s.dueAt()));
        }
        LinkedHashMap<String, Integer> items = new LinkedHashMap<>(logged);
        items.remove(feedbackId);
        items.put(feedbackId, timeline.size());
        while (items.size() > ITEMS) {
            items.remove(items.keySet().iterator().next());
        }
        return new TimelineLog(number, next.subList(Math.max(0, next.size() - KEPT), next.size()), items);
    }

    /**
     * The entries after {@code number}, oldest first; empty when some of them are no longer kept
     * (the reader must reload the timeline) or {@code number} is not a number this log gave.
     */
    public Optional<List<Entry>> after(long number) {
        if (number > last || number < 0) {
            return Optional.empty();
        }
        if (number < last && number + 1 < entries.get(0).number()) {
            return Optional.empty();
        }
        return Optional.of(entries.stream().filter(e -> e.number() > number).toList());
    }
}
