package cn.unionhub.contest.judging.store;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

/** The end of an event's score ledger: one small document, changed under optimistic locking, carrying the outbox. */
@org.springframework.data.mongodb.core.mapping.Document("ledger_heads")
class HeadDocument {

    @Id
    String id;
    @Version
    Long version;
    int sequence;
    String hash;
    Instant closedAt;
}
