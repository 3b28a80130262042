package cn.unionhub.events.membercard;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A coupon paid part of a purchase at a campaign merchant (the member paid the rest). No member in
 * the event: the campaign, the merchant and the amounts.
 *
 * @param redemptionId {@code <merchant id>:<order number>}
 */
@EventContract(type = "cn.unionhub.member-card.coupon-redeemed.v1", topic = Topics.LEDGER)
public record CouponRedeemed(String redemptionId, String campaignId, String merchantId, long spendFen, long discountFen,
        Instant occurredAt) implements DomainEvent {

    @Override
    public String subject() {
        return campaignId;
    }
}
