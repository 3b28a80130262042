package cn.unionhub.platform.store;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Counter documents kept from events (a district's monthly bulletin, an enterprise's page), a poll's
 * events at a time and each counted once: one read and one bulk write per part of up to
 * {@value #PART} events, where counting event by event took an upsert and an inbox entry each.
 *
 * <p>Each counter document remembers the keys of the last {@value #REMEMBERED} events it counted
 * ({@value #COUNTED}). A part is counted only where its document has not seen it, and written only if
 * no other writer counted one of its events meanwhile (else it is read and tried again). The consumer
 * records a part's events in its inbox once the part is written ({@code EventRouter.gathered}), so a
 * process stopped in between brings back at most that part, which its documents still remember.
 * A key names what happened, not the message that told it (a feedback item's submission, not the
 * event's id), so an event published twice under two ids is counted once too.
 */
public final class EventCounters {

    /** Keys each counter document remembers: more than a part can add to it. */
    public static final int REMEMBERED = 200;
    /** Events per part: at most this many new keys per document and write. */
    public static final int PART = 100;
    static final String COUNTED = "_counted";
    private static final int ATTEMPTS = 5;

    /** Increments (and fields set when the document is created) for one counter document. */
    public record Increment(String document, Map<String, Long> add, Map<String, Object> onInsert) {
    }

    /** What one event counts: its key and its increments, in one or more documents. */
    public record Counted(String key, List<Increment> increments) {
    }

    private final MongoTemplate mongo;
    private final String collection;

    public EventCounters(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** Counts a poll's events in parts, reporting each part to {@code counted} once it is written (a {@code PollWork}). */
    public void countAll(List<Counted> events, Consumer<List<Counted>> counted) {
        for (int from = 0; from < events.size(); from += PART) {
            List<Counted> part = events.subList(from, Math.min(events.size(), from + PART));
            countPart(part);
            counted.accept(part);
        }
    }

    private void countPart(List<Counted> part) {
        for (int attempt = 1; ; attempt++) {
            Map<String, Set<String>> seen = remembered(part);
            Map<String, Map<String, Long>> sums = new LinkedHashMap<>();
            Map<String, Map<String, Object>> onInsert = new HashMap<>();
            Map<String, Set<String>> newKeys = new HashMap<>();
            for (Counted event : part) {
                for (Increment increment : event.increments()) {
                    Set<String> keys = newKeys.computeIfAbsent(increment.document(), d -> new LinkedHashSet<>());
                    if (seen.getOrDefault(increment.document(), Set.of()).contains(event.key()) || !keys.add(event.key())) {
                        continue; // counted there already (a part brought back after a stop), or earlier in this part
                    }
                    Map<String, Long> sum = sums.computeIfAbsent(increment.document(), d -> new LinkedHashMap<>());
                    increment.add().forEach((field, by) -> sum.merge(field, by, Long::sum));
                    onInsert.computeIfAbsent(increment.document(), d -> new LinkedHashMap<>()).putAll(increment.onInsert());
                }
            }
            if (sums.isEmpty()) {
                return;
            }
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
            sums.forEach((document, sum) -> {
                Update update = new Update();
                sum.forEach((field, by) -> {
                    if (by != 0) {
                        update.inc(field, by);
                    }
                });
                onInsert.get(document).forEach(update::setOnInsert);
                Set<String> keys = newKeys.get(document);
                update.push(COUNTED).slice(-REMEMBERED).each(keys.toArray());
                // Matches only if no other writer counted one of these meanwhile; then the upsert's insert is refused.
                bulk.upsert(new Query(Criteria.where("_id").is(document).and(COUNTED).nin(keys)), update);
            });
            try {
                bulk.execute();
                return;
            } catch (BulkOperationException raced) {
                if (!onlyDuplicates(raced) || attempt == ATTEMPTS) {
                    throw raced;
                }
                // The documents that were written now remember their keys: the next attempt skips them.
            }
        }
    }

    /** The keys each document of the part remembers: one read. */
    private Map<String, Set<String>> remembered(List<Counted> part) {
        Set<String> documents = new HashSet<>();
        part.forEach(event -> event.increments().forEach(i -> documents.add(i.document())));
        Query query = new Query(Criteria.where("_id").in(documents));
        query.fields().include(COUNTED);
        Map<String, Set<String>> seen = new HashMap<>();
        for (Document d : mongo.find(query, Document.class, collection)) {
            seen.put(d.getString("_id"), new HashSet<>(d.getList(COUNTED, String.class, List.of())));
        }
        return seen;
    }

    private static boolean onlyDuplicates(BulkOperationException e) {
        return !e.getErrors().isEmpty() && e.getErrors().stream().allMatch(error -> error.getCode() == UniqueInserts.DUPLICATE_KEY);
    }
}
