package cn.unionhub.membercard.withdrawal.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.unionhub.membercard.common.store.AcceptedOnce;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.IdLists;
import cn.unionhub.platform.store.RequestKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Withdrawals ({@code withdrawals}, keyed by their id), stored {@code ACCEPTED} with a reminder before the wallet is
 * debited ({@link AcceptedOnce}). Two lists are kept by key in {@code withdrawal_lists}, so neither is a scan: each
 * member's withdrawals ({@code member:<id>}) and each district's open ones, the clerk's queue ({@code open:<district>};
 * an id stays there until its withdrawal ends, and one left behind by a stop is dropped when the queue is read).
 */
@Repository
public class Withdrawals {

    /** The statuses a withdrawal waits for the bank in. */
    public static final Set<String> OPEN = Set.of("REQUESTED", "SENT");

    /** How many of a member's withdrawals their list shows, newest first. */
    static final int MEMBER_LIST = 100;

    /**
     * A withdrawal as stored. Its status: ACCEPTED (the wallet not debited yet), then REQUESTED or REFUSED (nothing moved);
     * REQUESTED becomes SENT (in the bank's payment file), CANCELLED (by the worker) or directly PAID / RETURNED; SENT
     * becomes PAID or RETURNED. A CANCELLED or RETURNED withdrawal's money goes back to the wallet.
     */
    @org.springframework.data.mongodb.core.mapping.Document("withdrawals")
    public static class WithdrawalDocument extends AcceptedOnce.Accepted {
        public String memberId;
        /** The worker's login that asked for it. */
        public String account;
        public String district;
        /** The member's service card (co-branded on bank card stock): the money is paid to its bank account. */
        public String card;
        public long amountFen;
        public String transferId;
        public String returnTransferId;
        public String bankReference;
        /** Why the bank returned it (RETURNED), in the clerk's words. */
        public String note;
        public Instant sentAt;
        public Instant finishedAt;
        /** Who last moved it on (a clerk, or the worker cancelling). */
        public String handledBy;
        /**
         * For a payout without a card (a worker who left the union and whose card is gone): where the money goes, as the
         * clerk verified it in person, and who entered it — another person sends it to the bank.
         */
        public String payee;
        public String enteredBy;
    }

    private final MongoTemplate mongo;
    private final AcceptedOnce<WithdrawalDocument> store;
    private final RequestKeys keys;
    private final IdLists lists;

    Withdrawals(MongoTemplate mongo, AggregateStore store, Clock clock) {
        this.mongo = mongo;
        this.store = new AcceptedOnce<>(mongo, store, clock, WithdrawalDocument.class, "withdrawals");
        this.keys = new RequestKeys(mongo, "withdrawal_keys");
        this.lists = new IdLists(mongo, "withdrawal_lists");
    }

    public AcceptedOnce<WithdrawalDocument> store() {
        return store;
    }

    public RequestKeys keys() {
        return keys;
    }

    /** Lists the withdrawal in its member's and its district's lists (before it is stored: a stop in between lists nothing real). */
    public void list(WithdrawalDocument w) {
        lists.add("member:" + w.memberId, w.id);
        lists.add("open:" + w.district, w.id);
    }

    /** Takes an ended withdrawal out of its district's queue. */
    public void unlistOpen(String district, String id) {
        lists.remove("open:" + district, id);
    }

    /** The member's withdrawals, newest first; not those refused at once (answered 409 when asked: nothing happened). */
    public List<WithdrawalDocument> ofMember(String memberId) {
        List<String> ids = lists.ids("member:" + memberId);
        List<String> latest = ids.subList(Math.max(0, ids.size() - MEMBER_LIST), ids.size());
        return store.findAll(latest).stream().filter(w -> memberId.equals(w.memberId) && !AcceptedOnce.ACCEPTED.equals(w.status)
                        && !"REFUSED".equals(w.status))
                .sorted(Comparator.comparing((WithdrawalDocument w) -> w.createdAt).reversed()).toList();
    }

    /** The district's withdrawals waiting for the bank, oldest first. */
    public List<WithdrawalDocument> openIn(String district) {
        List<WithdrawalDocument> open = new ArrayList<>();
        for (WithdrawalDocument w : store.findAll(lists.ids("open:" + district))) {
            if (OPEN.contains(w.status)) {
                open.add(w);
            } else if (!AcceptedOnce.ACCEPTED.equals(w.status)) {
                unlistOpen(district, w.id); // ended, and its stop came before it left the queue
            }
        }
        open.sort(Comparator.comparing((WithdrawalDocument w) -> w.createdAt));
        return open;
    }

}
