package cn.unionhub.events.membercard;

import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * Money was held on the debit account for a two-phase transfer; it is posted or voided later, or released when the hold expires.
 *
 */
@EventContract(type = "cn.unionhub.member-card.transfer-held.v1", topic = Topics.LEDGER)
public record TransferHeld(String transferId, String kind, String code, String reference, String debitAccount,
        String creditAccount, long amountFen, String holdId, Instant occurredAt) implements TransferEvent {
}
