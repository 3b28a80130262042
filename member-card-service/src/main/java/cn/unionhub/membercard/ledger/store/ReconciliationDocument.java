package cn.unionhub.membercard.ledger.store;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/** One reconciliation run's report, with its event in the same write. */
@Document("ledger_reconciliations")
public class ReconciliationDocument {

    @Id
    public String id;
    @Version
    Long version;
    public String businessDate;
    public boolean clean;
    public long accounts;
    public long entries;
    public long inFlight;
    public List<String> violations;
    public Instant startedAt;
    public Instant finishedAt;
}
