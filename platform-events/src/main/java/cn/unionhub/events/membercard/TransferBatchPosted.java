package cn.unionhub.events.membercard;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A batch was paid: one debit, many credits (a campaign's grant to its members, a payroll). Totals
 * only — who received what is in the ledger, not in the event.
 *
 * @param credits how many accounts were paid
 */
@EventContract(type = "cn.unionhub.member-card.transfer-batch-posted.v1", topic = Topics.LEDGER)
public record TransferBatchPosted(String transferId, String code, String reference, String debitAccount, int credits,
        long amountFen, Instant occurredAt) implements DomainEvent {

    @Override
    public String subject() {
        return transferId;
    }
}
