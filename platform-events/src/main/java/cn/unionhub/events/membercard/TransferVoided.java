package cn.unionhub.events.membercard;

import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A hold was released without moving money: voided by its maker, or expired (reason hold-expired).
 *
 * @param reason why (a stable code)
 */
@EventContract(type = "cn.unionhub.member-card.transfer-voided.v1", topic = Topics.LEDGER)
public record TransferVoided(String transferId, String kind, String code, String reference, String debitAccount,
        String creditAccount, long amountFen, String holdId, String reason, Instant occurredAt) implements TransferEvent {
}
