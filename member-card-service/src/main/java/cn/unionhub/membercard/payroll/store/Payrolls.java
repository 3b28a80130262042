package cn.unionhub.membercard.payroll.store;

import cn.unionhub.membercard.common.store.AcceptedOnce;
import cn.unionhub.platform.store.IdLists;
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
    /** Each employer's batches ({@code <employer id>}), so the district's clerk lists them by key. */
    private final IdLists lists;

    Payrolls(MongoTemplate mongo, AggregateStore store, Clock clock) {
        this.batches = new AcceptedOnce<>(mongo, store, clock, PayrollDocument.class, "payroll-batches");
        this.lists = new IdLists(mongo, "payroll_lists");
    }

    /** Lists the batch under its employer (before it is stored: a stop in between lists an id that names nothing). */
    public void list(PayrollDocument batch) {
        lists.add(batch.employer, batch.id);
    }

    /** The employer's batches, the newest first. */
    public List<PayrollDocument> ofEmployer(String employerId) {
        List<PayrollDocument> all = new java.util.ArrayList<>(batches.findAll(lists.ids(employerId)));
        java.util.Collections.reverse(all);
        return all;
    }

    public AcceptedOnce<PayrollDocument> store() {
        return batches;
    }
}
