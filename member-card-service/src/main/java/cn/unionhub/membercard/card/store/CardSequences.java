package cn.unionhub.membercard.card.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One counter per number range ({@code card_counters}, {@code _id} = the range's 10-digit prefix),
 * advanced by a single atomic {@code findAndModify $inc}: every call gets a sequence nobody else
 * got, with any number of instances. The counter only grows, so a number is never issued twice.
 */
@Repository
public class CardSequences {

    static final String COLLECTION = "card_counters";

    private final MongoTemplate mongo;

    CardSequences(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The next sequence of the range (1 for its first card). */
    public long next(String prefix) {
        Query range = new Query(where("_id").is(prefix));
        Update advance = new Update().inc("last", 1L);
        try {
            return advance(range, advance);
        } catch (DuplicateKeyException firstUseOfTheRange) {
            // Two upserts raced to create the counter: it exists now, so this one increments it.
            return advance(range, advance);
        }
    }

    private long advance(Query range, Update advance) {
        Document counter = mongo.findAndModify(range, advance, FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class, COLLECTION);
        return ((Number) counter.get("last")).longValue();
    }
}
