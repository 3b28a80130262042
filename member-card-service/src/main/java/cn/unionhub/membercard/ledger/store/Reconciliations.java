package cn.unionhub.membercard.ledger.store;

import cn.unionhub.events.membercard.LedgerReconciled;
import cn.unionhub.platform.events.AggregateStore;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Reconciliation reports, keyed by a time-ordered run id ({@code R<epoch millis>}) so the latest is
 * the first in reverse {@code _id} order. One a day, so the collection stays small.
 */
@Repository
public class Reconciliations {

    /** The daily runs taken, one document per business date. */
    static final String DAYS = "ledger_reconciliation_days";

    private final MongoTemplate mongo;
    private final AggregateStore store;

    Reconciliations(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    public void save(LedgerReconciled run) {
        ReconciliationDocument d = new ReconciliationDocument();
        d.id = run.runId();
        d.businessDate = run.businessDate();
        d.clean = run.clean();
        d.accounts = run.accounts();
        d.entries = run.entries();
        d.inFlight = run.inFlight();
        d.violations = run.violations();
        d.startedAt = run.startedAt();
        d.finishedAt = run.finishedAt();
        store.insert(d, List.of(run));
    }

    /**
     * Takes the daily run of {@code businessDate} for the caller: true for exactly one caller however
     * many replicas ask (the day's id is unique), so the whole journal is read once a day, not once per
     * replica, and one report a day is published. A claim is never released: if its holder dies before
     * the report, that day has none, which the reconciliation-age alert shows.
     */
    public boolean claimDay(String businessDate, String by, Instant at) {
        try {
            mongo.insert(new Document("_id", businessDate).append("by", by).append("at", Date.from(at)), DAYS);
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    public Optional<ReconciliationDocument> latest() {
        return Optional.ofNullable(mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "_id")).limit(1),
                ReconciliationDocument.class));
    }
}
