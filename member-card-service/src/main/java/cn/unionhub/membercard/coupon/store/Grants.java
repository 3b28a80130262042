package cn.unionhub.membercard.coupon.store;

import cn.unionhub.membercard.common.store.AcceptedOnce;
import cn.unionhub.platform.events.AggregateStore;
import java.time.Clock;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Coupon grants ({@code coupon_grants}, keyed {@code <campaign>:<grant key>}): who was to get which
 * tier, who was skipped and why, and the ledger batch that paid them. Stored CLAIMING with a reminder before its
 * members' coupons are claimed, ACCEPTED once they are, before the batch, and announced once the batch posted
 * ({@link AcceptedOnce}).
 */
@Repository
public class Grants {

    /** A grant as stored; CLAIMING, then ACCEPTED, ending as GRANTED or REJECTED (the budget did not cover it). */
    @org.springframework.data.mongodb.core.mapping.Document("coupon_grants")
    public static class GrantDocument extends AcceptedOnce.Accepted {
        public String campaignId;
        public String key;
        public String fingerprint;
        public long tierFen;
        public List<String> members;
        public List<String> skipped;
        public String transferId;
    }

    private final AcceptedOnce<GrantDocument> grants;

    Grants(MongoTemplate mongo, AggregateStore store, Clock clock) {
        this.grants = new AcceptedOnce<>(mongo, store, clock, GrantDocument.class, "coupon-grants");
    }

    public AcceptedOnce<GrantDocument> store() {
        return grants;
    }
}
