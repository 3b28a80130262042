package cn.unionhub.platform.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Durable timers ("look at aggregate X at time T") that a periodic job finds by key lookups, so
 * its cost at rest does not grow with the data stored. The obvious query — every document whose
 * next check is due — reads the whole collection on a store without secondary indexes (the
 * embedded MongoDB-wire server), and on any store it is answered again every run.
 *
 * <p>Timers live in the {@value #COLLECTION} collection in documents per timer name, bucket of time
 * and shard ({@code <name>:<epoch millis of the bucket start>:<shard>}), each listing {@code id@at}
 * entries. The shard (a hash of the id) keeps each document small when many timers fall into one
 * bucket — a burst of complaints sets thousands a minute, and the embedded store rewrites a whole
 * document on every change. A run reads the buckets from its cursor (less a look-back for writers
 * that were slow or whose clock lags) to now in one {@code _id $in} query: key lookups only.
 *
 * <p>Timers are hints, not the truth: the aggregate's own document says whether anything is due.
 * A timer is set <em>before</em> the write that makes it necessary, so a crash can leave a timer
 * without a reason (the handler finds nothing to do) but never a reason without a timer; a timer
 * leaves its bucket only after its handler returned, so a crash in between runs it again.
 * Handlers must therefore be idempotent, which also lets several instances run the same timers.
 */
public class DueTimers {

    private static final Logger log = LoggerFactory.getLogger(DueTimers.class);
    public static final String COLLECTION = "due_timers";
    /** Beyond this many keys between cursor and now, one range read replaces the lookups. */
    private static final int MAX_LOOKUPS = 2_000;
    private static final int SHARDS = 8;

    /** What a run hands to its handler: the aggregate and the time its timer was set for. */
    public record Due(String id, Instant at) {
    }

    /** Looks at one due aggregate; returns normally when done (also when nothing was due). */
    @FunctionalInterface
    public interface Handler {
        void handle(Due due);
    }

    /**
     * Looks at the due timers of one bucket together — one read for all their aggregates instead of
     * one each, when most of them turn out to have nothing left to do — and returns the ones it
     * finished; the others stay for the next run.
     */
    @FunctionalInterface
    public interface BatchHandler {
        java.util.Collection<Due> handleAll(List<Due> due);
    }

    private final MongoTemplate mongo;
    private final String name;
    private final long bucketMillis;
    private final long lookBackMillis;
    private final Clock clock;

    /**
     * @param name     the timers' name (one job's timers), unique per database
     * @param bucket   the precision of a timer; a run finds timers of the current bucket too
     * @param lookBack how far before its cursor a run looks again, for writers slower than a run
     */
    public DueTimers(MongoTemplate mongo, String name, Duration bucket, Duration lookBack, Clock clock) {
        this.mongo = mongo;
        this.name = name;
        this.bucketMillis = bucket.toMillis();
        this.lookBackMillis = lookBack.toMillis();
        this.clock = clock;
    }

    /**
     * Sets a timer for {@code id} at {@code at}; a time already past goes into the current bucket.
     * Setting the same timer twice is harmless.
     */
    public void schedule(String id, Instant at) {
        scheduleAll(List.of(new Due(id, at)));
    }

    /** {@link #schedule} for many timers in one command (a bulk of one upsert per bucket they fall in). */
    public void scheduleAll(List<Due> timers) {
        if (timers.isEmpty()) {
            return;
        }
        long earliest = floor(clock.millis());
        Map<String, Map.Entry<Long, List<String>>> byKey = new LinkedHashMap<>();
        for (Due due : timers) {
            long bucket = Math.max(floor(due.at().toEpochMilli()), earliest);
            byKey.computeIfAbsent(key(bucket, Math.floorMod(due.id().hashCode(), SHARDS)), k -> Map.entry(bucket, new ArrayList<>()))
                    .getValue().add(due.id() + "@" + due.at().toEpochMilli());
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        byKey.forEach((key, bucket) -> bulk.upsert(new Query(Criteria.where("_id").is(key)),
                new Update().addToSet("due").each(bucket.getValue().toArray()).setOnInsert("at", new Date(bucket.getKey()))));
        bulk.execute();
    }

    /**
     * Hands every timer due by {@code now} to the handler, and removes each one whose handler
     * returned. A handler that throws keeps its timer for the next run.
     *
     * @param backfill on the very first run in a database, the timers of data written before
     *                 timers existed (one full read, once); may be null
     * @return how many timers were handled
     */
    public int fire(Instant now, Handler handler, Supplier<List<Due>> backfill) {
        return fireAll(now, due -> OneByOne.handle(due, handler::handle, (one, e) ->
                log.warn("Timers {}: {} failed, retried next run: {}", name, one.id(), e.toString())), backfill);
    }

    /** {@link #fire} with the due timers of a bucket handed over together. */
    public int fireAll(Instant now, BatchHandler handler, Supplier<List<Due>> backfill) {
        long nowBucket = floor(now.toEpochMilli());
        Document cursor = mongo.findById(cursorKey(), Document.class, COLLECTION);
        if (cursor == null) {
            if (backfill != null) {
                List<Due> earlier = backfill.get();
                earlier.forEach(due -> schedule(due.id(), due.at()));
                log.info("Timers {}: {} set for data written before timers existed", name, earlier.size());
            }
            mongo.upsert(new Query(Criteria.where("_id").is(cursorKey())), new Update().setOnInsert("at", new Date(nowBucket)),
                    COLLECTION);
            cursor = new Document("at", new Date(nowBucket));
        }
        long from = floor(cursor.getDate("at").getTime() - lookBackMillis);
        int handled = 0;
        for (Document bucket : buckets(from, nowBucket)) {
            handled += fireBucket(bucket, now, handler);
        }
        mongo.updateFirst(new Query(Criteria.where("_id").is(cursorKey())), new Update().max("at", new Date(nowBucket)),
                COLLECTION);
        return handled;
    }

    private List<Document> buckets(long from, long to) {
        if ((to - from) / bucketMillis * SHARDS > MAX_LOOKUPS) {
            // Long downtime or a clock jump: one read of the timers (only what is scheduled, never history).
            return mongo.find(new Query(Criteria.where("_id").gte(key(from, 0)).lte(key(to, SHARDS))).with(Sort.by("_id")),
                    Document.class, COLLECTION);
        }
        List<String> keys = new ArrayList<>();
        for (long bucket = from; bucket <= to; bucket += bucketMillis) {
            for (int shard = 0; shard < SHARDS; shard++) {
                keys.add(key(bucket, shard));
            }
        }
        return mongo.find(new Query(Criteria.where("_id").in(keys)).with(Sort.by("_id")), Document.class, COLLECTION);
    }

    private int fireBucket(Document bucket, Instant now, BatchHandler handler) {
        List<Due> due = new ArrayList<>();
        for (String entry : bucket.getList("due", String.class, List.of())) {
            int at = entry.lastIndexOf('@');
            Due one = new Due(entry.substring(0, at), Instant.ofEpochMilli(Long.parseLong(entry.substring(at + 1))));
            if (!one.at().isAfter(now)) { // a later one in the current bucket waits for its time
                due.add(one);
            }
        }
        if (due.isEmpty()) {
            return 0;
        }
        java.util.Collection<Due> handled;
        try {
            handled = handler.handleAll(due);
        } catch (RuntimeException e) {
            log.warn("Timers {}: {} due in {} failed, retried next run: {}", name, due.size(), bucket.get("_id"), e.toString());
            return 0;
        }
        if (!handled.isEmpty()) {
            Object id = bucket.get("_id");
            // Only the entries handled: one set meanwhile for the same aggregate (a new time) stays.
            Object[] done = handled.stream().map(d -> d.id() + "@" + d.at().toEpochMilli()).toArray();
            mongo.updateFirst(new Query(Criteria.where("_id").is(id)), new Update().pullAll("due", done), COLLECTION);
            mongo.remove(new Query(Criteria.where("_id").is(id).and("due").size(0)), COLLECTION);
        }
        return handled.size();
    }

    private long floor(long millis) {
        return Math.floorDiv(millis, bucketMillis) * bucketMillis;
    }

    private String key(long bucket, int shard) {
        return name + ":" + String.format("%013d", bucket) + ":" + shard;
    }

    private String cursorKey() {
        return name + ":cursor";
    }
}
