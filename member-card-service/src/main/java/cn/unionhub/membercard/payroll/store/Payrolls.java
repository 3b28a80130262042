package cn.unionhub.membercard.payroll.store;

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
 * Payroll batches ({@code payroll_batches}, keyed {@code <employer>:<batch id>}): each line's outcome with
 * the identity number masked only, the ledger batch that paid them, and a reminder that finishes a
 * batch a crash cut off. Stored before the money moves, so the key is claimed once.
 */
@Repository
public class Payrolls {

    /** One line as kept: the worker's number masked, where the money went and why. */
    public record Line(int row, String idMasked, String name, String memberId, long amountFen, String outcome, String reason) {
    }

    @org.springframework.data.mongodb.core.mapping.Document("payroll_batches")
    public static class PayrollDocument {
        @Id
        public String id;
        @Version
        Long version;
        public String employer;
        public String batchId;
        public String district;
        public String fingerprint;
        public List<Line> lines;
        public String transferId;
        /** ACCEPTED, DISBURSED or REJECTED (the escrow did not cover it: nothing moved). */
        public String status;
        public String reason;
        public Instant createdAt;
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final DueTimers reminders;

    Payrolls(MongoTemplate mongo, AggregateStore store, Clock clock) {
        this.mongo = mongo;
        this.store = store;
        this.reminders = new DueTimers(mongo, "payroll-batches", Duration.ofSeconds(10), Duration.ofMinutes(1), clock);
    }

    public boolean insert(PayrollDocument batch, Instant remindAt) {
        reminders.schedule(batch.id, remindAt);
        return store.insertOnce(batch, List.of());
    }

    public Optional<PayrollDocument> find(String id) {
        return Optional.ofNullable(mongo.findById(id, PayrollDocument.class));
    }

    public PayrollDocument finish(String id, String status, String reason, List<? extends DomainEvent> events) {
        return store.modify(PayrollDocument.class, id, p -> {
            if (!"ACCEPTED".equals(p.status)) {
                return new AggregateStore.Change<>(p, List.of());
            }
            p.status = status;
            p.reason = reason;
            return new AggregateStore.Change<>(p, events);
        }).orElseThrow();
    }

    public int remindDue(Instant now, Consumer<String> look) {
        return reminders.fire(now, due -> look.accept(due.id()), null);
    }
}
