package cn.unionhub.platform.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Counters that only grow, one document per key ({@code _id} = the key), advanced by a single atomic
 * {@code findAndModify $inc}: every call gets a value nobody else got, with any number of instances,
 * so a number made from it (a card number, a station number) is never given twice.
 */
public final class Sequences {

    private final MongoTemplate mongo;
    private final String collection;

    public Sequences(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** The next value of the key's counter (1 the first time). */
    public long next(String key) {
        Query counter = new Query(where("_id").is(key));
        Update advance = new Update().inc("last", 1L);
        try {
            return advance(counter, advance);
        } catch (DuplicateKeyException firstUseOfTheKey) {
            // Two upserts raced to create the counter: it exists now, so this one increments it.
            return advance(counter, advance);
        }
    }

    /** The key's counter as it stands, without advancing it (0 before its first use). */
    public long current(String key) {
        Document counter = mongo.findById(key, Document.class, collection);
        return counter == null ? 0 : valueOf(counter);
    }

    /** A counter's value as read from its document (e.g. by a query for many keys at once). */
    public static long valueOf(Document counter) {
        return ((Number) counter.get("last")).longValue();
    }

    private long advance(Query counter, Update advance) {
        return valueOf(mongo.findAndModify(counter, advance, FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class, collection));
    }
}
