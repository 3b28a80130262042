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
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
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

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final Bodies bodies;
    private final Registrations registrations;

    Ledgers(MongoTemplate mongo, AggregateStore store, Bodies bodies, Registrations registrations) {
        this.mongo = mongo;
        this.store = store;
        this.bodies = bodies;
        this.registrations = registrations;
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
                .map(d -> bodies.read(d.get("line", Document.class), ScoreEntry.class))
                .sorted(Comparator.comparingInt(ScoreEntry::sequence)).toList();
        return new Scoresheet(eventId, registrationId, lines);
    }

    /** The whole ledger in order: one key range. */
    public List<ScoreEntry> lines(String eventId) {
        Query range = new Query(where("_id").gte(eventId + ":").lt(eventId + ";")).with(Sort.by("_id"));
        return mongo.find(range, Document.class, LINES).stream().map(d -> bodies.read(d.get("line", Document.class), ScoreEntry.class))
                .toList();
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
            ScoreEntry line = bodies.read(orphan.get("line", Document.class), ScoreEntry.class);
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
