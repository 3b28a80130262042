package cn.unionhub.contest.judging.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.unionhub.contest.common.store.Bodies;
import cn.unionhub.contest.judging.domain.LedgerHead;
import cn.unionhub.contest.judging.domain.ScoreEntry;
import cn.unionhub.contest.judging.domain.Scoresheet;
import cn.unionhub.contest.judging.domain.Scoring;
import cn.unionhub.contest.registration.store.Registrations;
import cn.unionhub.events.DomainEvent;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.KeyRanges;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Score ledgers. A line claims its numbered place: it is inserted with the id
 * {@code <event>:<sequence, 8 digits>}, unique, before the head moves; a duplicate means another
 * judge took the place first, and the line is sealed again after the new head. Lines are never
 * updated. A line written whose head did not move (a crash between the two writes) is found by the
 * next writer at the head's next place and the head is moved past it first, so the chain never
 * forks. The head carries the outbox for the events the line caused.
 */
@Repository
public class Ledgers {

    private static final String LINES = "score_lines";
    private static final int ATTEMPTS = 20;
    /**
     * What a kept line weighs on the heap, measured (RankingBenchmark: 100,000 lines and their 10,000
     * registrations about 84 MB); without a configured allowance the kept lines take at most a quarter of the heap.
     */
    private static final long BYTES_PER_KEPT_LINE = 850;

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final Bodies bodies;
    private final Registrations registrations;
    private final KnownLines known;

    Ledgers(MongoTemplate mongo, AggregateStore store, Bodies bodies, Registrations registrations,
            @Value("${unionhub.contests.kept-ledger-lines:0}") long keptLines) {
        this.mongo = mongo;
        this.store = store;
        this.bodies = bodies;
        this.registrations = registrations;
        this.known = new KnownLines(keptLines > 0 ? keptLines : Runtime.getRuntime().maxMemory() / 4 / BYTES_PER_KEPT_LINE);
    }

    public LedgerHead head(String eventId) {
        HeadDocument d = mongo.findById(eventId, HeadDocument.class);
        if (d == null) {
            HeadDocument start = toDocument(LedgerHead.start(eventId));
            store.insertOnce(start, List.of());
            d = mongo.findById(eventId, HeadDocument.class);
        }
        return new LedgerHead(d.id, d.sequence, d.hash, d.closedAt);
    }

    /** A competitor's lines, read by key through the sequences noted on their registration. */
    public Scoresheet sheet(String eventId, String registrationId, List<Integer> sequences) {
        if (sequences.isEmpty()) {
            return Scoresheet.empty(eventId, registrationId);
        }
        List<String> ids = sequences.stream().map(s -> lineId(eventId, s)).toList();
        List<ScoreEntry> lines = mongo.find(new Query(where("_id").in(ids)), Document.class, LINES).stream()
                .map(this::toEntry)
                .sorted(Comparator.comparingInt(ScoreEntry::sequence)).toList();
        return new Scoresheet(eventId, registrationId, lines);
    }

    /**
     * The ledger in order up to its head, for rankings: the lines read before are kept in memory
     * ({@link KnownLines}), so only the lines written since are read from the store.
     */
    public List<ScoreEntry> lines(String eventId) {
        HeadDocument d = mongo.findById(eventId, HeadDocument.class);
        if (d == null) {
            return List.of();
        }
        return known.upTo(new LedgerHead(d.id, d.sequence, d.hash, d.closedAt), this::read);
    }

    /**
     * The events whose ledgers still take lines: judging under way. Read once at start-up (a scan of
     * the heads, one small document per event, on the embedded store).
     */
    public List<String> open() {
        Query open = new Query(where("closedAt").is(null));
        open.fields().include("_id");
        return mongo.find(open, HeadDocument.class).stream().map(d -> d.id).toList();
    }

    /** The whole ledger as the store holds it, every line read and parsed again: what a tamper check must see. */
    public List<ScoreEntry> stored(String eventId) {
        return range(eventId + ":", eventId + ";");
    }

    /** Lines {@code from} on as the store holds them, at most {@code limit}. */
    public List<ScoreEntry> stored(String eventId, int from, int limit) {
        return range(lineId(eventId, from), lineId(eventId, from + limit));
    }

    /** One line, by key. */
    public Optional<ScoreEntry> line(String eventId, int sequence) {
        return Optional.ofNullable(mongo.findById(lineId(eventId, sequence), Document.class, LINES)).map(this::toEntry);
    }

    /** Lines {@code from} to {@code to} (both included), in order: what {@link KnownLines} reads. */
    private List<ScoreEntry> read(String eventId, int from, int to) {
        return stored(eventId, from, to - from + 1);
    }

    /** The lines whose ids lie in {@code [from, to)}, a batch at a time in key order. */
    private List<ScoreEntry> range(String from, String to) {
        return KeyRanges.read(mongo, Document.class, LINES, from, to, d -> d.getString("_id"), null).stream().map(this::toEntry).toList();
    }

    private ScoreEntry toEntry(Document stored) {
        return bodies.read(stored.get("line", Document.class), ScoreEntry.class);
    }

    /**
     * Writes one line: {@code write} seals it after the head it is given (reading the competitor's
     * sheet as it stands); on a lost race it is called again with the new head.
     */
    public Scoring.Recorded append(String eventId, Function<LedgerHead, Scoring.Recorded> write) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            LedgerHead head = catchUp(eventId);
            Scoring.Recorded recorded = write.apply(head);
            ScoreEntry line = recorded.entry();
            try {
                mongo.insert(new Document("_id", lineId(eventId, line.sequence())).append("line", bodies.write(line)), LINES);
            } catch (DuplicateKeyException taken) {
                continue;
            }
            registrations.noteLine(line.registrationId(), line.sequence());
            moveHead(head, recorded.head(), recorded.events());
            return recorded;
        }
        throw new OptimisticLockingFailureException("score ledger of " + eventId + " busy");
    }

    /** Closes the ledger once the results are final: it takes no more lines. */
    public void close(String eventId, Instant at) {
        LedgerHead head = catchUp(eventId);
        moveHead(head, head.close(at), List.of());
    }

    /** The head, moved past any line written after it whose head update did not happen. */
    private LedgerHead catchUp(String eventId) {
        LedgerHead head = head(eventId);
        while (true) {
            Document orphan = mongo.findById(lineId(eventId, head.sequence() + 1), Document.class, LINES);
            if (orphan == null) {
                return head;
            }
            ScoreEntry line = toEntry(orphan);
            registrations.noteLine(line.registrationId(), line.sequence());
            moveHead(head, head.after(line), List.of());
            head = head(eventId);
        }
    }

    /** Moves the head if it is still where the writer found it; someone who moved it first moved it to the same line. */
    private void moveHead(LedgerHead from, LedgerHead to, List<? extends DomainEvent> events) {
        store.modify(HeadDocument.class, from.eventId(), current -> {
            if (current.sequence != from.sequence() || !java.util.Objects.equals(current.closedAt, from.closedAt())) {
                return new AggregateStore.Change<>(current, List.of());
            }
            HeadDocument moved = toDocument(to);
            moved.version = current.version;
            return new AggregateStore.Change<>(moved, events);
        });
    }

    private static HeadDocument toDocument(LedgerHead head) {
        HeadDocument d = new HeadDocument();
        d.id = head.eventId();
        d.sequence = head.sequence();
        d.hash = head.hash();
        d.closedAt = head.closedAt();
        return d;
    }

    private static String lineId(String eventId, int sequence) {
        return eventId + ":" + String.format("%08d", sequence);
    }
}
