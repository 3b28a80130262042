package cn.unionhub.contest.judging.store;

import cn.unionhub.contest.common.store.Bodies;
import cn.unionhub.contest.judging.domain.LedgerHead;
import cn.unionhub.contest.judging.domain.ScoreEntry;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The store side of an event's ledger for load drivers: lines and head written as the service writes them, read by its own {@link Ledgers}. */
public final class LedgerReads {

    private final Ledgers ledgers;
    private final MongoTemplate mongo;
    private final Bodies bodies;

    public LedgerReads(MongoTemplate mongo, Bodies bodies) {
        // lines() and stored() read with the template and the bodies only
        this.ledgers = new Ledgers(mongo, null, bodies, null, 150_000);
        this.mongo = mongo;
        this.bodies = bodies;
    }

    /**
     * Inserts the lines in the service's document shape, then moves the head to {@code head} (without
     * the registrations a real append also notes).
     */
    public void write(List<ScoreEntry> lines, LedgerHead head) {
        for (int from = 0; from < lines.size(); from += 1000) {
            mongo.insert(lines.subList(from, Math.min(lines.size(), from + 1000)).stream()
                    .map(l -> new Document("_id", head.eventId() + ":" + String.format("%08d", l.sequence())).append("line", bodies.write(l)))
                    .toList(), "score_lines");
        }
        HeadDocument d = mongo.findById(head.eventId(), HeadDocument.class);
        if (d == null) {
            d = new HeadDocument();
            d.id = head.eventId();
        }
        d.sequence = head.sequence();
        d.hash = head.hash();
        d.closedAt = head.closedAt();
        mongo.save(d);
    }

    /** As a ranking request reads them. */
    public List<ScoreEntry> lines(String eventId) {
        return ledgers.lines(eventId);
    }

    /** As a tamper check reads them: every line from the store. */
    public List<ScoreEntry> stored(String eventId) {
        return ledgers.stored(eventId);
    }
}
