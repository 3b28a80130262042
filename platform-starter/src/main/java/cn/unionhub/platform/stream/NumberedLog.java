package cn.unionhub.platform.stream;

import static org.springframework.data.mongodb.core.query.Criteria.where;

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
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Logs numbered 1, 2, 3 … per key (a worker's timeline, an organisation's work queue): what a stream
 * sends as event ids, so a client reconnecting with {@code Last-Event-ID} gets exactly what it missed.
 *
 * <p>Each entry claims its place by a unique insert ({@code <name>_entries}, id
 * {@code <key>:<number, 10 digits>}), trying the place after the last it knows of and the next on a
 * duplicate: places fill without a hole and in the order the writes succeed, so a reader that had up
 * to n misses nothing after it, and writers for one key never wait on a shared document. The head
 * ({@code <name>s}, moved up with {@code $max}) is only a hint of where to start. Each entry is logged
 * once: its once-key ({@code <name>_keys}) is taken by a unique insert first; a key taken and not
 * completed within 30 s (a process stopped in between) is taken over by the next writer. Read by key
 * and key range only.
 */
public final class NumberedLog {

    private static final Logger log = LoggerFactory.getLogger(NumberedLog.class);
    private static final int ATTEMPTS = 1000;
    private static final Duration ABANDONED = Duration.ofSeconds(30);

    /** An entry to log: {@code once} names it (logged once however often it is told), {@code body} is what it says. */
    public record Entry(String once, Document body) {
    }

    /** A logged entry and its number. */
    public record Logged(long number, Document body) {
    }

    private final MongoTemplate mongo;
    private final String heads;
    private final String entries;
    private final String keys;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor background;

    /** Collections {@code <name>s}, {@code <name>_entries} and {@code <name>_keys}. */
    public NumberedLog(MongoTemplate mongo, String name) {
        this.mongo = mongo;
        this.heads = name + "s";
        this.entries = name + "_entries";
        this.keys = name + "_keys";
        this.background = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, name + "-log");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    /** Tells {@code listener} the key of a log this process just appended to. */
    public void onAppend(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** The number of the newest entry (0 before the first). */
    public long last(String key) {
        long last = hint(key);
        while (mongo.findById(entryId(key, last + 1), Document.class, entries) != null) {
            last++; // written by a writer that has not moved the head yet
        }
        return last;
    }

    /** The entries after {@code number}, oldest first, up to the first place not yet written. */
    public List<Logged> after(String key, long number) {
        List<Document> read = KeyRanges.read(mongo, Document.class, entries, entryId(key, number + 1), key + ";",
                d -> d.getString("_id"), null);
        List<Logged> logged = new ArrayList<>(read.size());
        long expected = number + 1;
        for (Document d : read) {
            long n = ((Number) d.get("number")).longValue();
            if (n != expected) {
                break; // cannot happen with places filled in order; never skip one
            }
            logged.add(new Logged(n, d.get("body", Document.class)));
            expected++;
        }
        return logged;
    }

    /** Logs the entries not logged yet, in order (none when all of them are). */
    public void log(String key, List<Entry> told) {
        if (told.isEmpty()) {
            return;
        }
        Map<String, Document> known = new HashMap<>();
        mongo.find(new Query(where("_id").in(told.stream().map(Entry::once).toList())), Document.class, keys)
                .forEach(d -> known.put(d.getString("_id"), d));
        long place = hint(key) + 1;
        boolean appended = false;
        for (Entry e : told) {
            if (!take(e.once(), known.get(e.once()))) {
                continue;
            }
            place = claim(key, place, e.body());
            mongo.updateFirst(new Query(where("_id").is(e.once())), new Update().set("number", place), keys);
            appended = true;
            place++;
        }
        if (appended) {
            mongo.upsert(new Query(where("_id").is(key)), new Update().max("last", place - 1), heads);
            listeners.forEach(l -> l.accept(key));
        }
    }

    /**
     * {@link #log} on a background thread, off the path that changed the record (at 15 complaints a
     * second, logging on the consumer's thread made it fall seconds behind). What is not logged — a full
     * queue, a failure, a stop — must be told again by the caller (with the record's next change).
     */
    public void logLater(String key, List<Entry> told) {
        background.execute(() -> {
            try {
                log(key, told);
            } catch (RuntimeException e) {
                log.warn("Entries for {} not logged for its stream (logged when told again): {}", key, e.toString());
            }
        });
    }

    public void stop() {
        background.shutdown();
    }

    private boolean take(String once, Document known) {
        Date now = new Date();
        if (known == null) {
            try {
                mongo.insert(new Document("_id", once).append("number", null).append("takenAt", now), keys);
                return true;
            } catch (DuplicateKeyException takenMeanwhile) {
                return false;
            }
        }
        if (known.get("number") != null || known.getDate("takenAt").toInstant().isAfter(now.toInstant().minus(ABANDONED))) {
            return false;
        }
        return mongo.updateFirst(new Query(where("_id").is(once).and("number").is(null).and("takenAt").is(known.getDate("takenAt"))),
                new Update().set("takenAt", now), keys).getModifiedCount() == 1;
    }

    private long claim(String key, long from, Document body) {
        for (long place = from; place < from + ATTEMPTS; place++) {
            try {
                mongo.insert(new Document("_id", entryId(key, place)).append("number", place).append("body", body), entries);
                return place;
            } catch (DuplicateKeyException taken) {
                // the next place
            }
        }
        throw new IllegalStateException("no free place in the log of " + key + " after " + ATTEMPTS + " tries");
    }

    private long hint(String key) {
        Document head = mongo.findById(key, Document.class, heads);
        return head == null ? 0 : ((Number) head.get("last")).longValue();
    }

    private static String entryId(String key, long number) {
        return key + ":" + String.format("%010d", number);
    }
}
