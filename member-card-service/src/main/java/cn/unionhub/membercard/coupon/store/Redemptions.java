package cn.unionhub.membercard.coupon.store;

import cn.unionhub.membercard.coupon.domain.Redemption;
import cn.unionhub.platform.events.AggregateStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/** Redemptions at tills ({@code coupon_redemptions}, keyed {@code <merchant>:<order number>}), with their events. */
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

    /** Inserts the redemption; false if its order number is taken. */
    public boolean insert(Redemption redemption) {
        RedemptionDocument d = new RedemptionDocument();
        d.id = redemption.id();
        d.redemption = redemption;
        return store.insertOnce(d, List.of());
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
