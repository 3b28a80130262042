package cn.unionhub.membercard.coupon.store;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.DueTimers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Coupon grants ({@code coupon_grants}, keyed {@code <campaign>:<grant key>}): who was to get which
 * tier, who was skipped and why, and the ledger batch that paid them. The grant is stored before the
 * batch (claiming the key) with a reminder, and announced once the batch posted.
 */
@Repository
public class Grants {

    /** A grant as stored. */
    @org.springframework.data.mongodb.core.mapping.Document("coupon_grants")
    public static class GrantDocument {
        @Id
        public String id;
        @Version
        Long version;
        public String campaignId;
        public String key;
        public String fingerprint;
        public long tierFen;
        public List<String> members;
        public List<String> skipped;
        public String transferId;
        /** ACCEPTED, GRANTED or REJECTED. */
        public String status;
        public String reason;
        public Instant createdAt;
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final DueTimers reminders;

    Grants(MongoTemplate mongo, AggregateStore store, Clock clock) {
        this.mongo = mongo;
        this.store = store;
        this.reminders = new DueTimers(mongo, "coupon-grants", Duration.ofSeconds(10), Duration.ofMinutes(1), clock);
    }

    /** Stores the accepted grant with a reminder set first; false if its key is taken. */
    public boolean insert(GrantDocument grant, Instant remindAt) {
        reminders.schedule(grant.id, remindAt);
        return store.insertOnce(grant, List.of());
    }

    public Optional<GrantDocument> find(String id) {
        return Optional.ofNullable(mongo.findById(id, GrantDocument.class));
    }

    /** Ends the grant with its event, once. */
    public GrantDocument finish(String id, String status, String reason, List<? extends DomainEvent> events) {
        return store.modify(GrantDocument.class, id, g -> {
            if (!"ACCEPTED".equals(g.status)) {
                return new AggregateStore.Change<>(g, List.of());
            }
            g.status = status;
            g.reason = reason;
            return new AggregateStore.Change<>(g, events);
        }).orElseThrow();
    }

    public int remindDue(Instant now, Consumer<String> look) {
        return reminders.fire(now, due -> look.accept(due.id()), null);
    }
}
