package cn.unionhub.platform.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work waiting for one of a few shared instants — anonymous workers' items waiting for their release, every
 * item of a three-hour window for the same instant. {@link DueTimers} spreads timers over buckets of time and
 * keeps each bucket's in a few documents; here a whole window falls into one bucket, whose documents would grow
 * with every item and be rewritten whole on each (quadratic in a busy window). So each waiting item is a small
 * document of its own, keyed {@code <due epoch millis, 13 digits>:<id>}: queueing is one small upsert, and a run reads
 * what is due as one key range from the start of the collection, in key order (at an instant, by the items' ids),
 * a batch at a time. At rest, with nothing due, a run is one empty range read however much waits for later.
 *
 * <p>An item leaves the queue only after its handler returned, so a crash runs it again: handlers must be
 * idempotent, which also lets several instances run the same queue.
 */
public class ReleaseQueue {

    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(ReleaseQueue.class);

    /** One item whose time has come. */
    public record Due(String id, Instant at, Document data) {
    }

    private final MongoTemplate mongo;
    private final String collection;

    public ReleaseQueue(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** Queues {@code id} for {@code at} with what its handler needs; queueing it again for the same time changes nothing. */
    public void add(String id, Instant at, Document data) {
        addAll(List.of(new Due(id, at, data)));
    }

    /** {@link #add} for many items in one command. */
    public void addAll(List<Due> items) {
        if (items.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        items.forEach(item -> bulk.upsert(new Query(Criteria.where("_id").is(key(item.id(), item.at()))),
                new Update().setOnInsert("at", Date.from(item.at())).setOnInsert("id", item.id())
                        .setOnInsert("data", item.data() == null ? new Document() : item.data())));
        bulk.execute();
    }

    /**
     * Hands every item due by {@code now} to {@code handler}, in key order, and removes each one whose handler
     * returned; one that throws stays for the next run (and the run goes on with the others).
     *
     * @return how many items were handled
     */
    public int fire(Instant now, Consumer<Due> handler) {
        return fireAll(now, batch -> OneByOne.handle(batch, handler, (due, e) ->
                log.warn("{}: {} at {} failed, tried again next run: {}", collection, due.id(), due.at(), e.toString())));
    }

    /**
     * {@link #fire} a read's batch at a time (up to {@value #BATCH} items, in key order): for handlers that write
     * a batch together. The items the handler returns leave the queue; an exception keeps the whole batch.
     *
     * @return how many items were handled
     */
    public int fireAll(Instant now, Function<List<Due>, Collection<Due>> handler) {
        String end = String.format("%013d;", now.toEpochMilli()); // ';' sorts after ':', so items due at now are in
        int handled = 0;
        String after = null;
        while (true) {
            Criteria range = after == null ? Criteria.where("_id").lt(end) : Criteria.where("_id").gt(after).lt(end);
            List<Document> read = mongo.find(new Query(range).with(Sort.by("_id")).limit(BATCH), Document.class, collection);
            List<Due> batch = read.stream()
                    .map(d -> new Due(d.getString("id"), d.getDate("at").toInstant(), d.get("data", Document.class))).toList();
            Collection<Due> done;
            try {
                done = batch.isEmpty() ? List.of() : handler.apply(batch);
            } catch (RuntimeException e) {
                log.warn("{}: {} items failed, tried again next run: {}", collection, batch.size(), e.toString());
                done = List.of();
            }
            if (!done.isEmpty()) {
                mongo.remove(new Query(Criteria.where("_id").in(done.stream().map(d -> key(d.id(), d.at())).toList())), collection);
                handled += done.size();
            }
            if (read.size() < BATCH) {
                return handled;
            }
            after = read.get(read.size() - 1).getString("_id");
        }
    }

    private static String key(String id, Instant at) {
        return String.format("%013d:%s", at.toEpochMilli(), id);
    }
}
