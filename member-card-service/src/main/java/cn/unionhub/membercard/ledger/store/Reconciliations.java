package cn.unionhub.membercard.ledger.store;

import cn.unionhub.events.membercard.LedgerReconciled;
import cn.unionhub.platform.events.AggregateStore;
import java.util.List;
import java.util.Optional;
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

    public Optional<ReconciliationDocument> latest() {
        return Optional.ofNullable(mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "_id")).limit(1),
                ReconciliationDocument.class));
    }
}
