package cn.unionhub.membercard.coupon.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.membercard.coupon.domain.Campaign;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.DueTimers;
import cn.unionhub.platform.store.IdLists;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Campaigns ({@code coupon_campaigns}, with their events), the members' index of their campaigns
 * ({@code member_coupons}: one document per member listing the campaigns they hold a coupon of, so a
 * wallet is a key lookup), per-member daily redemption counters, and the timers that sweep a
 * campaign after its window and look again at a grant a crash cut off.
 */
@Repository
public class Campaigns {

    /** One document per member's coupon of a campaign ({@code <campaign>:<member>}), naming the grant that pays it. */
    static final String COUPON_CLAIMS = "coupon_claims";

    @org.springframework.data.mongodb.core.mapping.Document("coupon_campaigns")
    static class CampaignDocument {
        @Id
        String id;
        @Version
        Long version;
        Campaign campaign;
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final DueTimers sweeps;
    /** Each district's campaigns ({@code <district>}), so its union's list is a key read. */
    private final IdLists lists;

    Campaigns(MongoTemplate mongo, AggregateStore store, Clock clock) {
        this.mongo = mongo;
        this.store = store;
        this.sweeps = new DueTimers(mongo, "coupon-campaigns", Duration.ofMinutes(1), Duration.ofMinutes(10), clock);
        this.lists = new IdLists(mongo, "coupon_campaign_lists");
    }

    /** Inserts the campaign, listed in its district, and sets its sweep; false if its id is taken. */
    public boolean insert(Campaign campaign) {
        lists.add(campaign.district(), campaign.id());
        sweeps.schedule(campaign.id(), campaign.endsAt().plus(Campaign.SWEEP_AFTER));
        CampaignDocument d = new CampaignDocument();
        d.id = campaign.id();
        d.campaign = campaign;
        return store.insertOnce(d, List.of());
    }

    public Optional<Campaign> find(String id) {
        return Optional.ofNullable(mongo.findById(id, CampaignDocument.class)).map(d -> d.campaign);
    }

    /** The district's campaigns, the newest first (an id listed by another district's try at a taken id is not theirs). */
    public List<Campaign> ofDistrict(String district) {
        List<String> ids = lists.ids(district);
        return ids.isEmpty() ? List.of() : findAll(ids).stream().filter(c -> district.equals(c.district()))
                .sorted(java.util.Comparator.comparing(Campaign::createdAt).reversed()).toList();
    }

    public List<Campaign> findAll(Collection<String> ids) {
        return mongo.find(new Query(where("_id").in(ids)), CampaignDocument.class).stream().map(d -> d.campaign).toList();
    }

    /** Counts a sweep (the campaign read before it) with its event, if nobody counted it first. */
    public void markSwept(Campaign before, List<? extends DomainEvent> events) {
        store.modify(CampaignDocument.class, before.id(), d -> {
            if (d.campaign.sweeps() != before.sweeps()) {
                return new AggregateStore.Change<>(d, List.of());
            }
            d.campaign = d.campaign.swept();
            return new AggregateStore.Change<>(d, events);
        });
    }

    /** Ends the campaign's window now and sets its sweeps: at once, and again after every hold can have been released. */
    public Campaign endNow(String id, Instant now) {
        Campaign ended = store.modify(CampaignDocument.class, id, d -> {
            d.campaign = d.campaign.endNow(now);
            return new AggregateStore.Change<>(d, List.of());
        }).orElseThrow().campaign;
        sweeps.schedule(id, now);
        sweeps.schedule(id, now.plus(Campaign.SWEEP_AFTER));
        return ended;
    }

    /** Notes a grant of the campaign (before the grant is stored, so a sweep never misses one). */
    public void noteGrant(String campaignId, String grantId) {
        mongo.upsert(new Query(where("_id").is(campaignId)), new Update().addToSet("grants", grantId), "coupon_campaign_grants");
    }

    public List<String> grantsOf(String campaignId) {
        Document d = mongo.findById(campaignId, Document.class, "coupon_campaign_grants");
        return d == null ? List.of() : d.getList("grants", String.class);
    }

    /** Hands every campaign whose sweep is due to {@code sweep}. */
    public int sweepDue(Instant now, Consumer<String> sweep) {
        return sweeps.fire(now, due -> sweep.accept(due.id()), null);
    }

    /** Notes the campaign in each member's index (before the coupons are paid, so a wallet never misses one). */
    public void index(String campaignId, Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "member_coupons");
        memberIds.forEach(m -> bulk.upsert(new Query(where("_id").is(m)), new Update().addToSet("campaigns", campaignId)));
        bulk.execute();
    }

    /**
     * Claims each member's one coupon of the campaign for this grant (one unordered insert of
     * {@code <campaign>:<member>} keys; a key another grant holds stays that grant's), and answers the
     * members whose claim is this grant's. Without it, a second grant under another Idempotency-Key paid a
     * member's coupon twice.
     */
    public Set<String> claimCoupons(String campaignId, String grantId, Collection<String> memberIds) {
        List<Document> claims = memberIds.stream().map(m -> new Document("_id", campaignId + ":" + m).append("grant", grantId)).toList();
        try {
            mongo.getCollection(COUPON_CLAIMS).insertMany(claims, new com.mongodb.client.model.InsertManyOptions().ordered(false));
        } catch (com.mongodb.MongoBulkWriteException e) {
            // Keys claimed before: by an earlier try of this grant, or by another grant (read below).
            if (e.getWriteErrors().stream().anyMatch(w -> w.getCode() != 11000)) {
                throw e;
            }
        }
        Set<String> ours = new HashSet<>();
        mongo.find(new Query(where("_id").in(claims.stream().map(d -> d.get("_id")).toList())), Document.class, COUPON_CLAIMS)
                .forEach(d -> {
                    if (grantId.equals(d.getString("grant"))) {
                        String key = d.getString("_id");
                        ours.add(key.substring(campaignId.length() + 1));
                    }
                });
        return ours;
    }

    /** A grant that was refused moved nothing: its members' coupons are free for another grant. */
    public void releaseCoupons(String campaignId, String grantId, Collection<String> memberIds) {
        mongo.remove(new Query(where("_id").in(memberIds.stream().map(m -> campaignId + ":" + m).toList()).and("grant").is(grantId)),
                COUPON_CLAIMS);
    }

    public List<String> campaignsOf(String memberId) {
        Document d = mongo.findById(memberId, Document.class, "member_coupons");
        return d == null ? List.of() : d.getList("campaigns", String.class);
    }

    /** Gives back the place the order took on the member's day ({@link #countRedemption}; never below zero, once per order). */
    public void uncountRedemption(String campaignId, String memberId, String day, String orderId) {
        String key = campaignId + ":" + memberId + ":" + day;
        if (mongo.updateFirst(new Query(where("_id").is(key).and("count").gt(0).and("orders").is(orderId)),
                new Update().inc("count", -1).pull("orders", orderId), "coupon_redemption_days").getMatchedCount() == 0) {
            // A place counted before 2026-12-05 names no order: given back by the count alone, as then.
            mongo.updateFirst(new Query(where("_id").is(key).and("count").gt(0).and("orders").exists(false)),
                    new Update().inc("count", -1), "coupon_redemption_days");
        }
    }

    /** Whether the member has no place left on the day (without taking one). */
    public boolean usedUpOn(String campaignId, String memberId, String day, int limit) {
        if (limit == 0) {
            return false;
        }
        Document counted = mongo.findById(campaignId + ":" + memberId + ":" + day, Document.class, "coupon_redemption_days");
        return counted != null && counted.get("count", Number.class).intValue() >= limit;
    }

    /** The orders holding the member's places of the day (a lapsed hold among them gives its place back when looked at). */
    public List<String> ordersCounted(String campaignId, String memberId, String day) {
        Document counted = mongo.findById(campaignId + ":" + memberId + ":" + day, Document.class, "coupon_redemption_days");
        return counted == null || counted.getList("orders", String.class) == null ? List.of() : counted.getList("orders", String.class);
    }

    /** What counting an order on the member's day did. */
    public enum Count {
        /** This call took a place for the order. */
        COUNTED,
        /** The order holds a place already (the same order sent twice at once): nothing to give back for this call. */
        ALREADY,
        /** The day's places are taken by other orders. */
        FULL
    }

    /**
     * Counts the order as one redemption of the member on the day, if the day's limit allows. One conditional upsert on
     * the day's counter, which also names the orders that took the places.
     */
    public Count countRedemption(String campaignId, String memberId, String day, int limit, String orderId) {
        if (limit == 0) {
            return Count.COUNTED;
        }
        String key = campaignId + ":" + memberId + ":" + day;
        Query below = new Query(where("_id").is(key).and("count").lt(limit).and("orders").ne(orderId));
        try {
            mongo.upsert(below, new Update().inc("count", 1).addToSet("orders", orderId), "coupon_redemption_days");
            return Count.COUNTED;
        } catch (org.springframework.dao.DuplicateKeyException fullOrCounted) {
            return ordersCounted(campaignId, memberId, day).contains(orderId) ? Count.ALREADY : Count.FULL;
        }
    }
}
