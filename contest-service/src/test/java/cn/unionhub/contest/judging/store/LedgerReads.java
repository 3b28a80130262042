package cn.unionhub.contest.judging.store;

import cn.unionhub.contest.common.store.Bodies;
import cn.unionhub.contest.judging.domain.ScoreEntry;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The store side of an event's ledger for load drivers: lines written as the service writes them, read by its own {@link Ledgers#lines}. */
public final class LedgerReads {

    private final Ledgers ledgers;
    private final MongoTemplate mongo;
    private final Bodies bodies;

    public LedgerReads(MongoTemplate mongo, Bodies bodies) {
        this.ledgers = new Ledgers(mongo, null, bodies, null); // lines() reads with the template and the bodies only
        this.mongo = mongo;
        this.bodies = bodies;
    }

    /** Inserts the lines in the service's document shape (without the head and registrations a real append also moves). */
    public void write(String eventId, List<ScoreEntry> lines) {
        for (int from = 0; from < lines.size(); from += 1000) {
            mongo.insert(lines.subList(from, Math.min(lines.size(), from + 1000)).stream()
                    .map(l -> new Document("_id", eventId + ":" + String.format("%08d", l.sequence())).append("line", bodies.write(l)))
                    .toList(), "score_lines");
        }
    }

    public List<ScoreEntry> read(String eventId) {
        return ledgers.lines(eventId);
    }
}
