package cn.unionhub.contest.common.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Keys that one live record holds at a time — a competitor's place in an event, a nominee's in a
 * craftsman batch — as documents {@code {_id: key, <field>: holder id}}: "once per person" is then a
 * unique key, not a search, and a record that is no longer live hands its key on by compare-and-set.
 */
public final class HeldKeys {

    private final MongoTemplate mongo;
    private final String collection;
    private final String field;

    public HeldKeys(MongoTemplate mongo, String collection, String field) {
        this.mongo = mongo;
        this.collection = collection;
        this.field = field;
    }

    /** The id of the record holding the key, if any (live or not). */
    public Optional<String> holder(String key) {
        Document held = mongo.findById(key, Document.class, collection);
        return held == null ? Optional.empty() : Optional.ofNullable(held.getString(field));
    }

    /**
     * Takes the key for {@code id}: a free key, or one held by {@code released} (a record no longer live).
     * False when another record took it first.
     */
    public boolean take(String key, String id, Optional<String> released) {
        try {
            if (released.isPresent()) {
                Query held = new Query(where("_id").is(key).and(field).is(released.get()));
                return mongo.updateFirst(held, Update.update(field, id), collection).getModifiedCount() == 1;
            }
            mongo.insert(new Document("_id", key).append(field, id), collection);
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }
}
