package cn.unionhub.membercard.payroll.store;

import cn.unionhub.membercard.common.store.AcceptedOnce;
import cn.unionhub.platform.events.AggregateStore;
import java.time.Clock;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Payroll batches ({@code payroll_batches}, keyed {@code <employer>:<batch id>}): each line's outcome with
 * the identity number masked only, and the ledger batch that paid them. Stored before the money moves,
 * so the key is claimed once, with a reminder that finishes a batch a crash cut off ({@link AcceptedOnce}).
 */
@Repository
public class Payrolls {

    /** One line as kept: the worker's number masked, where the money went and why. */
    public record Line(int row, String idMasked, String name, String memberId, long amountFen, String outcome, String reason) {
    }

    /**
     * A batch as stored; its status ends ACCEPTED as DISBURSED or REJECTED (the escrow did not cover it:
     * nothing moved), and a REJECTED batch asked again is ACCEPTED for its next attempt.
     */
    @org.springframework.data.mongodb.core.mapping.Document("payroll_batches")
    public static class PayrollDocument extends AcceptedOnce.Accepted {
        public String employer;
        public String batchId;
        public String district;
        public String fingerprint;
        public List<Line> lines;
        public String transferId;
        /** Which attempt to pay the batch this is: a refused batch asked again is tried again; null before 2026-12-04, the first. */
        public Integer attempt;

        public int attempt() {
            return attempt == null ? 1 : attempt;
        }
    }

    private final AcceptedOnce<PayrollDocument> batches;

    Payrolls(MongoTemplate mongo, AggregateStore store, Clock clock) {
        this.batches = new AcceptedOnce<>(mongo, store, clock, PayrollDocument.class, "payroll-batches");
    }

    public AcceptedOnce<PayrollDocument> store() {
        return batches;
    }
}
