package cn.unionhub.membercard.coupon.store;

import cn.unionhub.membercard.coupon.domain.Campaign;
import cn.unionhub.membercard.coupon.domain.Redemption;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.KeyRanges;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Redemptions at tills ({@code coupon_redemptions}, keyed {@code <merchant>:<order number>}), with their events, and each
 * merchant's orders by Beijing day ({@code coupon_redemption_days}, keyed {@code <merchant>:<day>:<time>:<order number>}),
 * so a day's statement is one key range however many orders the merchant took before.
 */
@Repository
public class Redemptions {

    @org.springframework.data.mongodb.core.mapping.Document("coupon_redemptions")
    static class RedemptionDocument {
        @Id
        String id;
        @Version
        Long version;
        Redemption redemption;
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;

    Redemptions(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    private static final String BY_DAY = "coupon_redemption_days_index";

    /** Inserts the redemption, on its merchant's day first (a stop in between lists an order that names nothing); false if its order number is taken. */
    public boolean insert(Redemption redemption) {
        try {
            mongo.insert(new org.bson.Document("_id", dayKey(redemption)).append("redemption", redemption.id()), BY_DAY);
        } catch (org.springframework.dao.DuplicateKeyException sameOrderSameMoment) {
            // listed already
        }
        RedemptionDocument d = new RedemptionDocument();
        d.id = redemption.id();
        d.redemption = redemption;
        return store.insertOnce(d, List.of());
    }

    /** The orders the merchant took on the Beijing day, in the order they came, each as it stands now. */
    public List<Redemption> ofMerchantOn(String merchantId, java.time.LocalDate day) {
        String prefix = merchantId + ":" + day + ":";
        List<String> ids = KeyRanges.read(mongo, org.bson.Document.class, BY_DAY, prefix, merchantId + ":" + day + ";",
                d -> d.getString("_id"), null).stream().map(d -> d.getString("redemption")).distinct().toList();
        java.util.Map<String, Redemption> found = new java.util.HashMap<>();
        for (int from = 0; from < ids.size(); from += KeyRanges.BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + KeyRanges.BATCH));
            mongo.find(new org.springframework.data.mongodb.core.query.Query(
                    org.springframework.data.mongodb.core.query.Criteria.where("_id").in(batch)), RedemptionDocument.class)
                    .forEach(d -> found.put(d.id, d.redemption));
        }
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    private static String dayKey(Redemption r) {
        java.time.LocalDate day = java.time.LocalDate.ofInstant(r.createdAt(), Campaign.BEIJING);
        return r.merchantId() + ":" + day + ":" + String.format("%013d", r.createdAt().toEpochMilli()) + ":" + r.orderNo();
    }

    public Optional<Redemption> find(String id) {
        return read(id).map(Read::redemption);
    }

    /** A redemption as read, with the version a {@link #change} of it writes on. */
    public static final class Read {
        private final RedemptionDocument document;

        private Read(RedemptionDocument document) {
            this.document = document;
        }

        public Redemption redemption() {
            return document.redemption;
        }
    }

    public Optional<Read> read(String id) {
        return Optional.ofNullable(mongo.findById(id, RedemptionDocument.class)).map(Read::new);
    }

    /** Applies a change (null: none) by compare-and-set, with its events. */
    public Redemption change(String id, Function<Redemption, Redemption.Change> how) {
        return store.modify(RedemptionDocument.class, id, changing(how)).orElseThrow().redemption;
    }

    /** {@link #change} on the redemption as read: no second read unless it changed in between. */
    public Redemption change(Read read, Function<Redemption, Redemption.Change> how) {
        return store.modifyLoaded(read.document, read.document.id, changing(how)).redemption;
    }

    private static Function<RedemptionDocument, AggregateStore.Change<RedemptionDocument>> changing(
            Function<Redemption, Redemption.Change> how) {
        return d -> {
            Redemption.Change change = how.apply(d.redemption);
            if (change == null) {
                return new AggregateStore.Change<>(d, List.of());
            }
            d.redemption = change.redemption();
            return new AggregateStore.Change<>(d, change.events());
        };
    }
}
