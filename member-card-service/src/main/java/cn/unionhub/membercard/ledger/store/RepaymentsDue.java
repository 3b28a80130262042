package cn.unionhub.membercard.ledger.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.unionhub.platform.store.IdLists;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * What a merchant owes back for refunds of orders settled to it already ({@code ledger_repayments_due}, one document per
 * order, listed by receivable): the district union's hand credit of a receivable (code {@code merchant-repayment}) is
 * capped by it — a clerk booked 99,999 yuan "returned" by a merchant that owed nothing and settled it out again
 * (exploratory test, 2026-12-05). An order's entry goes when its refund goes through.
 */
@Repository
public class RepaymentsDue {

    private static final String COLLECTION = "ledger_repayments_due";

    private final MongoTemplate mongo;
    private final IdLists lists;

    RepaymentsDue(MongoTemplate mongo) {
        this.mongo = mongo;
        this.lists = new IdLists(mongo, "ledger_repayments_due_lists");
    }

    /** The receivable owes {@code fen} for the order's refund (again: the same amount, once). */
    public void due(String receivable, String order, long fen) {
        String id = receivable + "|" + order;
        lists.add(receivable, id);
        mongo.upsert(new Query(where("_id").is(id)), new Update().set("fen", fen), COLLECTION);
    }

    /** The order's refund went through: it owes nothing more for it. */
    public void settled(String receivable, String order) {
        String id = receivable + "|" + order;
        mongo.remove(new Query(where("_id").is(id)), COLLECTION);
        lists.remove(receivable, id);
    }

    /** What the receivable owes back in all, for the refunds waiting on it. */
    public long owed(String receivable) {
        List<String> ids = lists.ids(receivable);
        if (ids.isEmpty()) {
            return 0;
        }
        return mongo.find(new Query(where("_id").in(ids)), Document.class, COLLECTION).stream()
                .mapToLong(d -> ((Number) d.get("fen")).longValue()).sum();
    }
}
