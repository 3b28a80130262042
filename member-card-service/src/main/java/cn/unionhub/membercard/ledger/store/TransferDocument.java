package cn.unionhub.membercard.ledger.store;

import cn.unionhub.membercard.ledger.domain.Transfer;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/** A transfer as stored: the record, a version for compare-and-set, and (in {@code _outbox}) the events it caused. */
@Document(LedgerStore.TRANSFERS)
class TransferDocument {

    @Id
    String id;
    @Version
    Long version;
    Transfer transfer;
}
