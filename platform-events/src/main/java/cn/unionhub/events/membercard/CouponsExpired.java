package cn.unionhub.events.membercard;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A campaign's window closed and what its coupons had left went back to its budget. Totals only.
 *
 * @param coupons   how many coupons still had value
 * @param amountFen what went back
 */
@EventContract(type = "cn.unionhub.member-card.coupons-expired.v1", topic = Topics.LEDGER)
public record CouponsExpired(String campaignId, int coupons, long amountFen, Instant occurredAt) implements DomainEvent {

    @Override
    public String subject() {
        return campaignId;
    }
}
