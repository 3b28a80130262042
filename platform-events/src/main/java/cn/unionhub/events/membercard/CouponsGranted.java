package cn.unionhub.events.membercard;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A campaign granted coupons: one batch from its budget, every member the same tier. Totals only.
 *
 * @param grantId    the grant's id within the campaign (the union's key)
 * @param transferId the ledger batch that paid it
 * @param members    how many members received a coupon
 * @param tierFen    each coupon's value
 * @param amountFen  the total, {@code members × tierFen}
 */
@EventContract(type = "cn.unionhub.member-card.coupons-granted.v1", topic = Topics.LEDGER)
public record CouponsGranted(String campaignId, String grantId, String transferId, int members, long tierFen, long amountFen,
        Instant occurredAt) implements DomainEvent {

    @Override
    public String subject() {
        return campaignId;
    }
}
