package cn.unionhub.platform.stream;

import cn.unionhub.platform.concurrent.DaemonThreads;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.unionhub.platform.store.Filters;
import cn.unionhub.platform.store.KeyRanges;
import cn.unionhub.platform.store.UniqueInserts;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
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
 * once in each log: its once-key, stored as {@code <key>/<once>}, is unique among the entries (a sparse
 * unique index), so the same insert that claims a place also refuses a second copy, and a process
 * stopped in between leaves nothing half done. Read by key and key range only.
 *
 * <p>Entries logged in the background ({@link #logLater}) go through lanes: a key always to the same
 * one, whose single thread takes everything told meanwhile and logs each key's entries together.
 * So this process's writers of one key never race for a place (a lost race is two more commands and a
 * try at the next place), and a key told many times in a moment — an organisation's queue while its
 * cases pour in, one worker's many complaints — costs one look at its head for all of them.
 *
 * <p>Until 2026-12 the once-keys had a collection of their own ({@code <name>_keys}: taken, then
 * completed with the number, three more commands per entry). Entries logged then are still found
 * there; nothing writes to it any more. From then until the lanes came, the once-key was stored as it
 * was told, unique across all the logs of a name: a case moving from one organisation's queue to
 * another's was logged in whichever came first and refused in the other. Entries stored so are still
 * found by their bare once-key.
 */
public final class NumberedLog {

    private static final Logger log = LoggerFactory.getLogger(NumberedLog.class);
    private static final int ATTEMPTS = 1000;
    private static final String ONCE = "once";
    private static final Duration ABANDONED = Duration.ofSeconds(30);
    private static final int LANES = 2;
    /**
     * Entries waiting in a lane; beyond it they are dropped (and logged when told again). A burst of
     * 10,000 complaints from one worker is about 30,000: a few megabytes.
     */
    private static final int LANE_CAPACITY = 50_000;
    /** The most entries of one key logged in one call (one look for their once-keys). */
    private static final int LANE_BATCH = 500;

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
    private final Lane[] lanes;

    /** Collections {@code <name>s}, {@code <name>_entries} and {@code <name>_keys}. */
    public NumberedLog(MongoTemplate mongo, String name) {
        this.mongo = mongo;
        this.heads = name + "s";
        this.entries = name + "_entries";
        this.keys = name + "_keys";
        mongo.indexOps(entries).createIndex(new Index(ONCE, Sort.Direction.ASC).unique().sparse().named(ONCE));
        this.keysBefore = mongo.findOne(new Query().limit(1), Document.class, keys) != null;
        this.lanes = new Lane[LANES];
        for (int i = 0; i < LANES; i++) {
            lanes[i] = new Lane(name + "-log-" + i);
        }
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
        logAll(Map.of(key, told));
    }

    /**
     * {@link #log} for several keys at once (a lane's round: the timelines of a dozen workers
     * complaining together), in four commands however many keys: one look for the once-keys, one
     * for the heads, one ordered insert of every key's entries and one bulk moving the heads. Key by
     * key, that was four commands per key, in turn.
     */
    public void logAll(Map<String, List<Entry>> told) {
        Map<String, String> once = new HashMap<>();
        told.forEach((key, entries) -> entries.forEach(e -> once.put(scoped(key, e.once()), e.once())));
        if (once.isEmpty()) {
            return;
        }
        Set<String> logged = logged(once);
        Map<String, List<Entry>> fresh = new LinkedHashMap<>();
        told.forEach((key, entries) -> {
            for (Entry e : entries) {
                if (logged.add(scoped(key, e.once()))) { // not logged before, nor earlier in this list: the first telling stands
                    fresh.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
                }
            }
        });
        if (fresh.isEmpty()) {
            return;
        }
        Map<String, Long> last = claimAcross(fresh, hints(fresh.keySet()));
        if (last.isEmpty()) {
            return;
        }
        BulkOperations moved = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, heads);
        last.forEach((key, number) -> moved.upsert(new Query(where("_id").is(key)), new Update().max("last", number)));
        moved.execute();
        last.keySet().forEach(key -> listeners.forEach(l -> l.accept(key)));
    }

    /**
     * Every key's entries at consecutive places after its head, in one ordered insert, which stops
     * at the first refusal: the keys before it are done, the refused key goes on through
     * {@link #claimAll}, and the keys after it follow in one insert again.
     *
     * @return the last place taken per key that took any
     */
    private Map<String, Long> claimAcross(Map<String, List<Entry>> fresh, Map<String, Long> heads) {
        Map<String, Long> last = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(fresh.keySet());
        int[] firstOf = new int[keys.size()]; // where each key's entries start in the insert's documents
        int done = 0;
        while (done < keys.size()) {
            List<Document> documents = new ArrayList<>();
            for (int k = done; k < keys.size(); k++) {
                firstOf[k] = documents.size();
                List<Entry> entries = fresh.get(keys.get(k));
                for (int i = 0; i < entries.size(); i++) {
                    documents.add(entryDocument(keys.get(k), heads.get(keys.get(k)) + 1 + i, entries.get(i)));
                }
            }
            int refusedAt = documents.size(); // none
            try {
                mongo.getCollection(entries).insertMany(documents, new InsertManyOptions().ordered(true));
            } catch (MongoBulkWriteException partly) {
                BulkWriteError refused = partly.getWriteErrors().get(0);
                if (refused.getCode() != UniqueInserts.DUPLICATE_KEY) {
                    throw partly;
                }
                refusedAt = refused.getIndex();
            }
            int k = done;
            for (; k < keys.size() && (k + 1 == keys.size() ? documents.size() : firstOf[k + 1]) <= refusedAt; k++) {
                last.put(keys.get(k), heads.get(keys.get(k)) + fresh.get(keys.get(k)).size()); // all of its entries in
            }
            if (k < keys.size()) { // the refused key: its entries from the refused one go the way of one key
                String key = keys.get(k);
                int inserted = refusedAt - firstOf[k];
                long place = heads.get(key) + 1 + inserted;
                List<Entry> entries = fresh.get(key);
                long lastOfKey = Math.max(inserted > 0 ? place - 1 : 0, claimAll(key, place, entries.subList(inserted, entries.size())));
                if (lastOfKey > 0) {
                    last.put(key, lastOfKey);
                }
            }
            done = k + 1;
        }
        return last;
    }

    /**
     * Inserts the entries at consecutive places from {@code from} in one ordered insert, which stops
     * at the first refusal: the entries before it have their places. The refused one goes through
     * {@link #claim} (the place was taken by another writer, or the entry was logged by one), and the
     * rest follow in one insert again. A lane is this process's only writer of a key, so the usual
     * round is one command however many entries it carries (one insert per entry kept a lane of one
     * busy worker's timeline seconds behind at 80 complaints a second).
     *
     * @return the last place taken, 0 if none
     */
    private long claimAll(String key, long from, List<Entry> fresh) {
        long last = 0;
        long place = from;
        int next = 0;
        while (next < fresh.size()) {
            List<Document> documents = new ArrayList<>(fresh.size() - next);
            for (int i = next; i < fresh.size(); i++) {
                documents.add(entryDocument(key, place + i - next, fresh.get(i)));
            }
            try {
                mongo.getCollection(entries).insertMany(documents, new InsertManyOptions().ordered(true));
                return place + documents.size() - 1;
            } catch (MongoBulkWriteException partly) {
                BulkWriteError refused = partly.getWriteErrors().get(0);
                if (refused.getCode() != UniqueInserts.DUPLICATE_KEY) {
                    throw partly;
                }
                int inserted = refused.getIndex();
                if (inserted > 0) {
                    last = place + inserted - 1;
                }
                place += inserted;
                Long at = claim(key, place, fresh.get(next + inserted));
                if (at != null) {
                    last = at;
                    place = at + 1;
                }
                next += inserted + 1;
            }
        }
        return last;
    }

    /**
     * Which of these once-keys are logged, each given as its scoped form ({@code <key>/<once>}) with
     * its bare one: one lookup by the unique once-key, under both forms (two lookups for data from
     * before the entries held it). Answers in the scoped form.
     */
    private Set<String> logged(Map<String, String> bareOfScoped) {
        Map<String, List<String>> scopedOfBare = new HashMap<>();
        bareOfScoped.forEach((scoped, bare) -> scopedOfBare.computeIfAbsent(bare, b -> new ArrayList<>()).add(scoped));
        List<String> stored = new ArrayList<>(bareOfScoped.keySet());
        stored.addAll(scopedOfBare.keySet());
        Query byOnce = new Query(where(ONCE).in(stored));
        byOnce.fields().include(ONCE);
        Set<String> logged = new HashSet<>();
        mongo.find(byOnce, Document.class, entries).forEach(d -> {
            String found = d.getString(ONCE);
            // Stored bare (before the once-keys were scoped): logged for each key told it.
            logged.addAll(scopedOfBare.getOrDefault(found, List.of(found)));
        });
        if (keysBefore && logged.size() < bareOfScoped.size()) {
            // Logged then, or still being logged by a process of the version before (an upgrade
            // under way); a key taken longer ago than that and never completed was abandoned.
            Instant abandoned = Instant.now().minus(ABANDONED);
            mongo.find(new Query(where("_id").in(scopedOfBare.keySet())), Document.class, keys).stream()
                    .filter(d -> d.get("number") != null || d.getDate("takenAt").toInstant().isAfter(abandoned))
                    .forEach(d -> logged.addAll(scopedOfBare.get(d.getString("_id"))));
        }
        return logged;
    }

    /**
     * {@link #log} on a background thread, off the path that changed the record (at 15 complaints a
     * second, logging on the consumer's thread made it fall seconds behind). What is not logged — a full
     * queue, a failure, a stop — must be told again by the caller (with the record's next change).
     */
    public void logLater(String key, List<Entry> told) {
        lanes[Math.floorMod(key.hashCode(), lanes.length)].tell(key, told);
    }

    public void stop() {
        for (Lane lane : lanes) {
            lane.thread.shutdown();
        }
    }

    /**
     * Inserts the entry at the first free place from {@code from}: its number, or null if the entry
     * is logged already (its once-key refused the insert, whichever index the store checked first).
     */
    private Long claim(String key, long from, Entry e) {
        for (long place = from; place < from + ATTEMPTS; place++) {
            try {
                mongo.insert(entryDocument(key, place, e), entries);
                return place;
            } catch (DuplicateKeyException taken) {
                if (Filters.exists(mongo, new Query(where(ONCE).is(scoped(key, e.once()))), entries)) {
                    return null;
                }
                // the place was taken: the next
            }
        }
        throw new IllegalStateException("no free place in the log of " + key + " after " + ATTEMPTS + " tries");
    }

    /**
     * One thread and the entries told to it since it last looked, per key, each once-key once (the
     * first telling stands). It takes all of them at a time, so the slower a round, the more the next
     * one carries.
     */
    private final class Lane {

        private final ExecutorService thread;
        private Map<String, Map<String, Entry>> waiting = new LinkedHashMap<>();
        private int waitingEntries;
        private boolean scheduled;

        Lane(String name) {
            this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), DaemonThreads.named(name),
                    new ThreadPoolExecutor.DiscardPolicy()); // stopped: what is told now is told again after a restart
        }

        void tell(String key, List<Entry> told) {
            synchronized (this) {
                Map<String, Entry> forKey = waiting.computeIfAbsent(key, k -> new LinkedHashMap<>());
                for (Entry e : told) {
                    if (waitingEntries >= LANE_CAPACITY) {
                        break; // dropped, and logged when told again
                    }
                    if (forKey.putIfAbsent(e.once(), e) == null) {
                        waitingEntries++;
                    }
                }
                if (scheduled) {
                    return;
                }
                scheduled = true;
            }
            thread.execute(this::logWaiting);
        }

        private void logWaiting() {
            Map<String, Map<String, Entry>> taken;
            synchronized (this) {
                taken = waiting;
                waiting = new LinkedHashMap<>();
                waitingEntries = 0;
                scheduled = false;
            }
            Map<String, List<Entry>> told = new LinkedHashMap<>();
            taken.forEach((key, entries) -> told.put(key, List.copyOf(entries.values())));
            // Every key's next LANE_BATCH entries together, until all are logged.
            for (int from = 0; ; from += LANE_BATCH) {
                Map<String, List<Entry>> round = new LinkedHashMap<>();
                for (Map.Entry<String, List<Entry>> ofKey : told.entrySet()) {
                    List<Entry> entries = ofKey.getValue();
                    if (from < entries.size()) {
                        round.put(ofKey.getKey(), entries.subList(from, Math.min(entries.size(), from + LANE_BATCH)));
                    }
                }
                if (round.isEmpty()) {
                    return;
                }
                try {
                    logAll(round);
                } catch (RuntimeException e) {
                    log.warn("Entries for {} not logged for their streams (logged when told again): {}", round.keySet(), e.toString());
                }
            }
        }
    }

    private long hint(String key) {
        Document head = mongo.findById(key, Document.class, heads);
        return head == null ? 0 : ((Number) head.get("last")).longValue();
    }

    /** {@link #hint} of several keys, in one lookup. */
    private Map<String, Long> hints(Collection<String> keys) {
        Map<String, Long> hints = new HashMap<>();
        keys.forEach(key -> hints.put(key, 0L));
        mongo.find(new Query(where("_id").in(keys)), Document.class, heads)
                .forEach(head -> hints.put(head.getString("_id"), ((Number) head.get("last")).longValue()));
        return hints;
    }

    private static Document entryDocument(String key, long place, Entry e) {
        return new Document("_id", entryId(key, place)).append("number", place).append(ONCE, scoped(key, e.once()))
                .append("body", e.body());
    }

    private static String scoped(String key, String once) {
        return key + "/" + once;
    }

    private static String entryId(String key, long number) {
        return key + ":" + String.format("%010d", number);
    }
}
