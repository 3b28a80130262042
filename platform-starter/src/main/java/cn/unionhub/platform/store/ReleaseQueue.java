package cn.unionhub.platform.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Work waiting for one of a few shared instants — anonymous workers' items waiting for their release, every
 * item of a three-hour window for the same instant. {@link DueTimers} spreads timers over buckets of time and
 * keeps each bucket's in a few documents; here a whole window falls into one bucket, whose documents would grow
 * with every item and be rewritten whole on each (quadratic in a busy window). So each waiting item is a small
 * document of its own, keyed {@code <due epoch millis, 13 digits>:<id>}: scheduling is one insert, and a run reads
 * what is due as one key range from the start of the collection, in key order (at an instant, by the items' ids),
 * a batch at a time. At rest, with nothing due, a run is one empty range read however much waits for later.
 *
 * <p>An item leaves the queue only after its handler returned, so a crash runs it again: handlers must be
 * idempotent, which also lets several instances run the same queue.
 */
public class ReleaseQueue {

    private static final int BATCH = 500;

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
        try {
            mongo.insert(document(id, at, data), collection);
        } catch (DuplicateKeyException again) {
            // queued before: the first one stays
        }
    }

    /** {@link #add} for many items in one command. */
    public void addAll(List<Due> items) {
        if (items.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        items.forEach(item -> bulk.upsert(new Query(Criteria.where("_id").is(key(item.id(), item.at()))),
                new org.springframework.data.mongodb.core.query.Update().setOnInsert("at", Date.from(item.at()))
                        .setOnInsert("id", item.id()).setOnInsert("data", item.data() == null ? new Document() : item.data())));
        bulk.execute();
    }

    /**
     * Hands every item due by {@code now} to {@code handler}, in key order, and removes each one whose handler
     * returned; one that throws stays for the next run (and the run goes on with the others).
     *
     * @return how many items were handled
     */
    public int fire(Instant now, Consumer<Due> handler) {
        String end = String.format("%013d;", now.toEpochMilli()); // ';' sorts after ':', so items due at now are in
        int handled = 0;
        String after = null;
        while (true) {
            Criteria range = after == null ? Criteria.where("_id").lt(end) : Criteria.where("_id").gt(after).lt(end);
            List<Document> batch = mongo.find(new Query(range).with(Sort.by("_id")).limit(BATCH), Document.class, collection);
            List<Object> done = new ArrayList<>(batch.size());
            for (Document d : batch) {
                try {
                    handler.accept(new Due(d.getString("id"), d.getDate("at").toInstant(), d.get("data", Document.class)));
                    done.add(d.get("_id"));
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(ReleaseQueue.class)
                            .warn("{}: {} failed, tried again next run: {}", collection, d.get("_id"), e.toString());
                }
            }
            if (!done.isEmpty()) {
                mongo.remove(new Query(Criteria.where("_id").in(done)), collection);
                handled += done.size();
            }
            if (batch.size() < BATCH) {
                return handled;
            }
            after = batch.get(batch.size() - 1).getString("_id");
        }
    }

    private static Document document(String id, Instant at, Document data) {
        return new Document("_id", key(id, at)).append("at", Date.from(at)).append("id", id)
                .append("data", data == null ? new Document() : data);
    }

    private static String key(String id, Instant at) {
        return String.format("%013d:%s", at.toEpochMilli(), id);
    }
}
