package cn.unionhub.platform.events;

import java.util.Date;
import cn.unionhub.platform.store.Filters;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Event ids each consumer has applied, one document per (consumer, event id) under the unique
 * {@code _id}, so a redelivered event is recognised and skipped.
 */
public class Inbox {

    public static final String COLLECTION = "inbox";

    private final MongoTemplate mongo;

    public Inbox(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public boolean contains(String consumer, String eventId) {
        return Filters.exists(mongo, new Query(Criteria.where("_id").is(key(consumer, eventId))), COLLECTION);
    }

    /** Records the event as applied; recording it twice is harmless. */
    public void record(String consumer, String eventId, String type) {
        try {
            mongo.insert(new Document("_id", key(consumer, eventId)).append("type", type).append("appliedAt", new Date()),
                    COLLECTION);
        } catch (DuplicateKeyException alreadyRecorded) {
            // a concurrent redelivery recorded it first: the outcome is the same
        }
    }

    private static String key(String consumer, String eventId) {
        return consumer + ":" + eventId;
    }
}
