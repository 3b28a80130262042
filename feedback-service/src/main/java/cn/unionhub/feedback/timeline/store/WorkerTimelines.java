package cn.unionhub.feedback.timeline.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.unionhub.feedback.timeline.domain.TimelineStep;
import cn.unionhub.platform.store.KeyRanges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jakarta.annotation.PreDestroy;
import org.slf4j.LoggerFactory;
import java.util.stream.IntStream;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Each worker's timeline log: every entry of their items, numbered 1, 2, 3 … in the order logged,
 * which is what their stream resumes from ({@code Last-Event-ID}).
 *
 * <p>Numbers are places claimed by unique inserts ({@code worker_timeline_entries}, id
 * {@code <pseudonym>:<number, 10 digits>}): a writer tries the place after the last it knows of and
 * the next one on a duplicate, so places fill without a hole and in the order their writes succeed —
 * a reader that read up to n and later reads n+1 onwards misses nothing. The head
 * ({@code worker_timelines}, moved up with {@code $max}) is only a hint of where to start. Many
 * writers for one worker never wait for one another (a hot worker, or staff recording hotline calls
 * for them). Each item's entry is logged once: its key {@code <feedback id>:<index>} is taken by a
 * unique insert before the entry is written, and a key taken but never completed (a process stopped
 * in between) is taken over after 30 seconds by the next writer or stream that looks. Read by key
 * and key range only.
 */
@Repository
public class WorkerTimelines {

    private static final String HEADS = "worker_timelines";
    private static final String ENTRIES = "worker_timeline_entries";
    private static final String KEYS = "worker_timeline_keys";
    private static final int ATTEMPTS = 1000;
    private static final Duration ABANDONED = Duration.ofSeconds(30);

    private final MongoTemplate mongo;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    /**
     * Logging off the path that changed the item (a request, the consumer of case-service's
     * events): at 15 complaints a second, logging on the consumer's thread made it fall seconds behind.
     */
    private final ThreadPoolExecutor background = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000),
            r -> {
                Thread t = new Thread(r, "timeline-log");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());

    WorkerTimelines(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * {@link #log} on a background thread. What is not logged — a full queue, a failure, a process
     * stopped first — is logged with the item's next change or before the worker's next stream starts.
     */
    public void logLater(String pseudonym, String feedbackId, String trackingNumber, List<TimelineStep.Unlogged> timeline) {
        background.execute(() -> {
            try {
                log(pseudonym, feedbackId, trackingNumber, timeline);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(WorkerTimelines.class).warn("Timeline of item {} not logged for its worker's stream"
                        + " (logged with its next change): {}", feedbackId, e.toString());
            }
        });
    }

    @PreDestroy
    void stop() {
        background.shutdown();
    }

    /** Tells {@code listener} the pseudonym of a worker whose log this process just appended to. */
    public void onAppend(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** The number of the newest entry (0 before the first). */
    public long last(String pseudonym) {
        long last = hint(pseudonym);
        while (mongo.findById(entryId(pseudonym, last + 1), Document.class, ENTRIES) != null) {
            last++; // written by a writer that has not moved the head yet
        }
        return last;
    }

    /** The entries after {@code number}, oldest first, up to the first place not yet written. */
    public List<TimelineStep> after(String pseudonym, long number) {
        List<Document> read = KeyRanges.read(mongo, Document.class, ENTRIES, entryId(pseudonym, number + 1),
                pseudonym + ";", d -> d.getString("_id"), null);
        List<TimelineStep> steps = new ArrayList<>(read.size());
        long expected = number + 1;
        for (Document d : read) {
            TimelineStep step = toStep(d);
            if (step.number() != expected) {
                break; // cannot happen with places filled in order; never skip one
            }
            steps.add(step);
            expected++;
        }
        return steps;
    }

    /** Logs the entries of the item's timeline that are not logged yet (none when all of them are). */
    public void log(String pseudonym, String feedbackId, String trackingNumber, List<TimelineStep.Unlogged> timeline) {
        if (timeline.isEmpty()) {
            return;
        }
        List<String> keys = IntStream.range(0, timeline.size()).mapToObj(i -> feedbackId + ":" + i).toList();
        Map<String, Document> known = new HashMap<>();
        mongo.find(new Query(where("_id").in(keys)), Document.class, KEYS).forEach(d -> known.put(d.getString("_id"), d));
        long place = hint(pseudonym) + 1;
        boolean appended = false;
        for (int i = 0; i < timeline.size(); i++) {
            if (!take(keys.get(i), known.get(keys.get(i)))) {
                continue;
            }
            TimelineStep.Unlogged step = timeline.get(i);
            place = claim(pseudonym, place, new Document("feedbackId", feedbackId).append("trackingNumber", trackingNumber)
                    .append("index", i).append("at", Date.from(step.at())).append("kind", step.kind()).append("note", step.note()));
            mongo.updateFirst(new Query(where("_id").is(keys.get(i))), new Update().set("number", place), KEYS);
            appended = true;
            place++;
        }
        if (appended) {
            mongo.upsert(new Query(where("_id").is(pseudonym)), new Update().max("last", place - 1), HEADS);
            listeners.forEach(l -> l.accept(pseudonym));
        }
    }

    /**
     * Whether this writer logs the entry: it takes the entry's key first (a unique insert, so two
     * writers never both log it), and takes over a key whose writer took it more than
     * {@link #ABANDONED} ago without logging the entry (stopped between the two writes).
     */
    private boolean take(String key, Document known) {
        Date now = new Date();
        if (known == null) {
            try {
                mongo.insert(new Document("_id", key).append("number", null).append("takenAt", now), KEYS);
                return true;
            } catch (DuplicateKeyException takenMeanwhile) {
                return false;
            }
        }
        if (known.get("number") != null || known.getDate("takenAt").toInstant().isAfter(now.toInstant().minus(ABANDONED))) {
            return false;
        }
        return mongo.updateFirst(new Query(where("_id").is(key).and("number").is(null).and("takenAt").is(known.getDate("takenAt"))),
                new Update().set("takenAt", now), KEYS).getModifiedCount() == 1;
    }

    /** Inserts the entry at the first free place from {@code from} on; answers the place taken. */
    private long claim(String pseudonym, long from, Document entry) {
        for (long place = from; place < from + ATTEMPTS; place++) {
            try {
                mongo.insert(new Document(entry).append("_id", entryId(pseudonym, place)).append("number", place), ENTRIES);
                return place;
            } catch (DuplicateKeyException taken) {
                // the next place
            }
        }
        throw new IllegalStateException("no free place in a worker's timeline log after " + ATTEMPTS + " tries");
    }

    private long hint(String pseudonym) {
        Document head = mongo.findById(pseudonym, Document.class, HEADS);
        return head == null ? 0 : ((Number) head.get("last")).longValue();
    }

    private static TimelineStep toStep(Document d) {
        return new TimelineStep(((Number) d.get("number")).longValue(), d.getString("feedbackId"), d.getString("trackingNumber"),
                d.getInteger("index"), d.getDate("at").toInstant(), d.getString("kind"), d.getString("note"));
    }

    private static String entryId(String pseudonym, long number) {
        return pseudonym + ":" + String.format("%010d", number);
    }

}
