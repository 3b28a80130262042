package cn.unionhub.platform.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Reading the documents of one key range — an event's ledger lines, its registrations — whose keys
 * share a prefix and sort in the order they are wanted. Read a batch at a time in key order with a
 * limit, each batch starting after the last key of the one before: on MongoDB an {@code _id} index
 * range; on the embedded store a walk of its key-ordered map that starts at the lower bound and stops
 * at the limit (an unlimited range there reads every document of the collection, every event's), and
 * no reply ever outgrows the wire's message limit (a 100,000-line ledger is 48 MB in one).
 */
public final class KeyRanges {

    /** Small enough for a reply of a few MB, large enough that round trips do not count. */
    public static final int BATCH = 2000;

    private KeyRanges() {
    }

    /**
     * Every document with {@code from <= _id < to}, in key order.
     *
     * @param idOf  the key of a document read
     * @param shape what else the query says (fields left out), or null
     */
    public static <T> List<T> read(MongoTemplate mongo, Class<T> type, String collection, String from, String to, Function<T, String> idOf,
            Consumer<Query> shape) {
        List<T> all = new ArrayList<>();
        String after = null;
        while (true) {
            Query batch = new Query(after == null ? where("_id").gte(from).lt(to) : where("_id").gt(after).lt(to))
                    .with(Sort.by("_id")).limit(BATCH);
            if (shape != null) {
                shape.accept(batch);
            }
            List<T> read = mongo.find(batch, type, collection);
            all.addAll(read);
            if (read.size() < BATCH) {
                return all;
            }
            after = idOf.apply(read.get(read.size() - 1));
        }
    }
}
