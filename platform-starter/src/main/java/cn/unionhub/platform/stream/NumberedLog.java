package cn.unionhub.platform.stream;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.unionhub.platform.store.Filters;
import cn.unionhub.platform.store.KeyRanges;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
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
 * once: its once-key is unique among the entries (a sparse unique index), so the same insert that
 * claims a place also refuses a second copy, and a process stopped in between leaves nothing half
 * done. Read by key and key range only.
 *
 * <p>Until 2026-12 the once-keys had a collection of their own ({@code <name>_keys}: taken, then
 * completed with the number, three more commands per entry). Entries logged then are still found
 * there; nothing writes to it any more.
 */
public final class NumberedLog {

    private static final Logger log = LoggerFactory.getLogger(NumberedLog.class);
    private static final int ATTEMPTS = 1000;
    private static final String ONCE = "once";
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
    /** Whether entries logged before the once-keys moved into the entries may still be told again. */
    private final boolean keysBefore;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor background;

    /** Collections {@code <name>s}, {@code <name>_entries} and {@code <name>_keys}. */
    public NumberedLog(MongoTemplate mongo, String name) {
        this.mongo = mongo;
        this.heads = name + "s";
        this.entries = name + "_entries";
        this.keys = name + "_keys";
        mongo.indexOps(entries).createIndex(new Index(ONCE, Sort.Direction.ASC).unique().sparse().named(ONCE));
        this.keysBefore = mongo.findOne(new Query().limit(1), Document.class, keys) != null;
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
        Set<String> logged = logged(told.stream().map(Entry::once).toList());
        long place = hint(key) + 1;
        boolean appended = false;
        for (Entry e : told) {
            if (logged.contains(e.once())) {
                continue;
            }
            Long at = claim(key, place, e);
            if (at == null) {
                continue; // logged by another writer a moment ago
            }
            appended = true;
            place = at + 1;
        }
        if (appended) {
            mongo.upsert(new Query(where("_id").is(key)), new Update().max("last", place - 1), heads);
            listeners.forEach(l -> l.accept(key));
        }
    }

    /** Which of these once-keys are logged: one lookup by the unique once-key (two for data from before). */
    private Set<String> logged(List<String> once) {
        Set<String> logged = new HashSet<>();
        Query byOnce = new Query(where(ONCE).in(once));
        byOnce.fields().include(ONCE);
        mongo.find(byOnce, Document.class, entries).forEach(d -> logged.add(d.getString(ONCE)));
        if (keysBefore && logged.size() < once.size()) {
            // Logged then, or still being logged by a process of the version before (an upgrade
            // under way); a key taken longer ago than that and never completed was abandoned.
            Instant abandoned = Instant.now().minus(ABANDONED);
            mongo.find(new Query(where("_id").in(once)), Document.class, keys).stream()
                    .filter(d -> d.get("number") != null || d.getDate("takenAt").toInstant().isAfter(abandoned))
                    .forEach(d -> logged.add(d.getString("_id")));
        }
        return logged;
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

    /**
     * Inserts the entry at the first free place from {@code from}: its number, or null if the entry
     * is logged already (its once-key refused the insert, whichever index the store checked first).
     */
    private Long claim(String key, long from, Entry e) {
        for (long place = from; place < from + ATTEMPTS; place++) {
            try {
                mongo.insert(new Document("_id", entryId(key, place)).append("number", place).append(ONCE, e.once())
                        .append("body", e.body()), entries);
                return place;
            } catch (DuplicateKeyException taken) {
                if (Filters.exists(mongo, new Query(where(ONCE).is(e.once())), entries)) {
                    return null;
                }
                // the place was taken: the next
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
