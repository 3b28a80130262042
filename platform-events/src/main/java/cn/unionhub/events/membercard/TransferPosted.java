package cn.unionhub.events.membercard;

import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * Money moved: a transfer or the posting of a hold (in full or in part).
 *
 */
@EventContract(type = "cn.unionhub.member-card.transfer-posted.v1", topic = Topics.LEDGER)
public record TransferPosted(String transferId, String kind, String code, String reference, String debitAccount,
        String creditAccount, long amountFen, String holdId, Instant occurredAt) implements TransferEvent {
}
