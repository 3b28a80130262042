package cn.unionhub.platform.events;

import cn.unionhub.platform.store.UniqueInserts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Event ids each consumer has applied, one document per (consumer, event) under the unique
 * {@code _id}, so a redelivered event is recognised and skipped.
 *
 * <p>The key orders a consumer's entries by the event's own time: {@code <consumer>@<13-digit epoch
 * millis>:<event id>}. Two reasons. New entries land at the end of the consumer's range instead of at
 * random places among every entry ever written (event ids are random), so a store keeps the few pages
 * they touch in memory and writes only those: with entries keyed by event id alone, every insert and
 * lookup of a burst touched a different page of an index that held six entries per complaint ever
 * made. And entries older than the retention are one key range, removed by {@link #trim} without
 * reading anything else. The time is the event's ({@code time} of the CloudEvent, set once by its
 * producer), never the record's, so a republished copy of an event finds the same key.
 *
 * <p>Entries written before this key existed ({@code <consumer>:<event id>}) are still found: an event
 * that may have been applied under the old key (one from before the first start of this version on
 * the database, plus an hour for instances of the old version still running during a rolling
 * upgrade) is looked up under both. A database whose inbox was empty at that first start holds no
 * old keys, so nothing is looked up twice there. An event without a time uses the old key.
 */
public class Inbox {

    public static final String COLLECTION = "inbox";
    /** The marker of until when an event may have been recorded under the old key, in this database. */
    static final String OLD_KEYS_UNTIL = "~old-keys-until";
    /** Old-version instances may still record old keys this long after the first new one started. */
    static final Duration ROLLOUT = Duration.ofHours(1);
    private static final int TRIM_BATCH = 500;

    private final MongoTemplate mongo;
    private final Clock clock;
    private volatile Instant oldKeysUntil;

    public Inbox(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Whether the consumer has applied the event: one lookup, under both keys when it may be under the old one. */
    public boolean contains(String consumer, String eventId, Instant time) {
        return !applied(consumer, List.of(new Seen(eventId, time))).isEmpty();
    }

    /** An event a consumer was handed: its id and its time (null if it carries none). */
    public record Seen(String eventId, Instant time) {
    }

    /** The ids of these events the consumer has applied: {@link #contains} for a poll's worth, in one lookup. */
    public Set<String> applied(String consumer, List<Seen> events) {
        Map<String, String> idsByKey = new HashMap<>();
        Instant oldKeysUntil = oldKeysUntil();
        for (Seen e : events) {
            if (e.time() != null) {
                idsByKey.put(key(consumer, e.eventId(), e.time()), e.eventId());
            }
            if (e.time() == null || e.time().isBefore(oldKeysUntil)) {
                idsByKey.put(legacyKey(consumer, e.eventId()), e.eventId());
            }
        }
        Query byKey = new Query(Criteria.where("_id").in(idsByKey.keySet()));
        byKey.fields().include("_id");
        Set<String> applied = new HashSet<>();
        mongo.find(byKey, Document.class, COLLECTION).forEach(d -> applied.add(idsByKey.get(d.getString("_id"))));
        return applied;
    }

    /** Records the event as applied; recording it twice is harmless. */
    public void record(String consumer, String eventId, Instant time, String type) {
        try {
            mongo.insert(entry(consumer, eventId, time, type, clock.instant()), COLLECTION);
        } catch (DuplicateKeyException alreadyRecorded) {
            // a concurrent redelivery recorded it first: the outcome is the same
        }
    }

    /** An event to record: {@link Seen} and its type. */
    public record Applied(String eventId, Instant time, String type) {
    }

    /** {@link #record} for events applied together, in one insert. */
    public void recordAll(String consumer, List<Applied> events) {
        Instant now = clock.instant();
        UniqueInserts.insertUnlessTaken(mongo.getCollection(COLLECTION),
                events.stream().map(e -> entry(consumer, e.eventId(), e.time(), e.type(), now)).toList());
    }

    private static Document entry(String consumer, String eventId, Instant time, String type, Instant appliedAt) {
        String key = time == null ? legacyKey(consumer, eventId) : key(consumer, eventId, time);
        return new Document("_id", key).append("type", type).append("appliedAt", Date.from(appliedAt));
    }

    /**
     * Forgets the consumer's events whose time is before {@code before}, a batch of key lookups at a
     * time; how many. Entries under the old key are left (they stopped growing with the upgrade).
     */
    public long trim(String consumer, Instant before) {
        long removed = 0;
        Criteria range = Criteria.where("_id").gte(consumer + "@").lt(consumer + "@" + millis(before));
        while (true) {
            Query oldest = new Query(range).with(Sort.by("_id")).limit(TRIM_BATCH);
            oldest.fields().include("_id");
            List<Object> ids = mongo.find(oldest, Document.class, COLLECTION).stream().map(d -> d.get("_id")).toList();
            if (ids.isEmpty()) {
                return removed;
            }
            removed += mongo.remove(new Query(Criteria.where("_id").in(ids)), COLLECTION).getDeletedCount();
            if (ids.size() < TRIM_BATCH) {
                return removed;
            }
        }
    }

    /**
     * Read once per process; the first instance of this version on the database sets it: an hour
     * after its start if the inbox held anything then (entries of the old key), else the epoch.
     */
    private Instant oldKeysUntil() {
        Instant until = oldKeysUntil;
        if (until == null) {
            Query marker = new Query(Criteria.where("_id").is(OLD_KEYS_UNTIL));
            Document found = mongo.findOne(marker, Document.class, COLLECTION);
            if (found == null) {
                Query any = new Query().with(Sort.by("_id"));
                any.fields().include("_id");
                boolean oldEntries = mongo.findOne(any.limit(1), Document.class, COLLECTION) != null;
                Instant value = oldEntries ? clock.instant().plus(ROLLOUT) : Instant.EPOCH;
                mongo.upsert(marker, new Update().setOnInsert("at", Date.from(value)), COLLECTION);
                found = mongo.findOne(marker, Document.class, COLLECTION);
            }
            until = found.getDate("at").toInstant();
            oldKeysUntil = until;
        }
        return until;
    }

    private static String key(String consumer, String eventId, Instant time) {
        return consumer + "@" + millis(time) + ":" + eventId;
    }

    private static String legacyKey(String consumer, String eventId) {
        return consumer + ":" + eventId;
    }

    /** Thirteen digits, zero-padded (String.format parses its pattern on every call: 2 % of a consumer's CPU). */
    private static String millis(Instant time) {
        String digits = Long.toString(Math.max(0, time.toEpochMilli()));
        return digits.length() >= 13 ? digits : "0".repeat(13 - digits.length()) + digits;
    }
}
