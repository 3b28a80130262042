package cn.unionhub.membercard.common.store;

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
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Requests that move money in one ledger batch (a coupon grant, a payroll): stored ACCEPTED under
 * their key before the money moves — with a reminder set first, so a crash before the end is
 * finished — and ended once, with their event in the same write.
 *
 * @param <D> the stored document
 */
public final class AcceptedOnce<D extends AcceptedOnce.Accepted> {

    public static final String ACCEPTED = "ACCEPTED";

    /** What every such document has: its key, its version, its status and, for a refusal, why. */
    public abstract static class Accepted {
        @Id
        public String id;
        @Version
        Long version;
        /** ACCEPTED until it ends (e.g. GRANTED, DISBURSED, REJECTED). */
        public String status;
        public String reason;
        public Instant createdAt;
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final DueTimers reminders;
    private final Class<D> type;

    /** @param timers the reminders' name, unique per database */
    public AcceptedOnce(MongoTemplate mongo, AggregateStore store, Clock clock, Class<D> type, String timers) {
        this.mongo = mongo;
        this.store = store;
        this.type = type;
        this.reminders = new DueTimers(mongo, timers, Duration.ofSeconds(10), Duration.ofMinutes(1), clock);
    }

    /** Stores the accepted document with its reminder set first; false if its key is taken. */
    public boolean insert(D accepted, Instant remindAt) {
        reminders.schedule(accepted.id, remindAt);
        return store.insertOnce(accepted, List.of());
    }

    public Optional<D> find(String id) {
        return Optional.ofNullable(mongo.findById(id, type));
    }

    /** The documents of the ids (by key), in the ids' order; an id naming nothing is left out. */
    public List<D> findAll(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        java.util.Map<String, D> found = new java.util.HashMap<>();
        mongo.find(new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").in(ids)), type).forEach(d -> found.put(d.id, d));
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * Moves the document on from status {@code from} ({@code next} sets what it becomes, its status too); whatever it is
     * now when it has left {@code from} (another request moved it first) comes back unchanged.
     */
    public D advance(String id, String from, Consumer<D> next) {
        return advance(id, java.util.Set.of(from), next);
    }

    /** As {@link #advance(String, String, Consumer)}, from any of the statuses {@code from}. */
    public D advance(String id, java.util.Set<String> from, Consumer<D> next) {
        return store.modify(type, id, d -> {
            if (!from.contains(d.status)) {
                return new AggregateStore.Change<>(d, List.of());
            }
            next.accept(d);
            return new AggregateStore.Change<>(d, List.of());
        }).orElseThrow();
    }

    /** Sets (or moves) the document's reminder: a step that must be finished after it is stored (money to return, say). */
    public void remind(String id, Instant at) {
        reminders.schedule(id, at);
    }

    /** Removes the document while it is still {@code status}: a request that came to nothing leaves no key behind. */
    public void forget(String id, String status) {
        mongo.remove(new Query(Criteria.where("_id").is(id).and("status").is(status)), type);
    }

    /** Ends the document with its events, unless it ended before (then it stays as it was). */
    public D finish(String id, String status, String reason, List<? extends DomainEvent> events) {
        return store.modify(type, id, d -> {
            if (!ACCEPTED.equals(d.status)) {
                return new AggregateStore.Change<>(d, List.of());
            }
            d.status = status;
            d.reason = reason;
            return new AggregateStore.Change<>(d, events);
        }).orElseThrow();
    }

    /**
     * Opens a refused document again for another attempt ({@code next} names it), with its reminder set
     * first: a refusal moved nothing, so trying again cannot pay twice. Whatever the document is now
     * when it was not refused (another request reopened or finished it first) comes back unchanged.
     */
    public D reopen(String id, String refused, Consumer<D> next, Instant remindAt) {
        reminders.schedule(id, remindAt);
        return store.modify(type, id, d -> {
            if (!refused.equals(d.status)) {
                return new AggregateStore.Change<>(d, List.of());
            }
            next.accept(d);
            d.status = ACCEPTED;
            d.reason = null;
            return new AggregateStore.Change<>(d, List.of());
        }).orElseThrow();
    }

    public int remindDue(Instant now, Consumer<String> look) {
        return reminders.fire(now, due -> look.accept(due.id()), null);
    }
}
