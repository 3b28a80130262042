package cn.unionhub.events.membercard;

import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A transfer was refused and moved nothing (e.g. insufficient-funds, hold-expired, hold-already-settled).
 *
 * @param reason why (a stable code)
 */
@EventContract(type = "cn.unionhub.member-card.transfer-rejected.v1", topic = Topics.LEDGER)
public record TransferRejected(String transferId, String kind, String code, String reference, String debitAccount,
        String creditAccount, long amountFen, String holdId, String reason, Instant occurredAt) implements TransferEvent {
}
