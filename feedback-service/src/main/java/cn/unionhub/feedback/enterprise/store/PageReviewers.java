package cn.unionhub.feedback.enterprise.store;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Who has reviewed an enterprise, and who has rated each of its dimensions, by their per-enterprise
 * reporter key (a keyed pseudonym: it names nobody): one document per person and enterprise (and
 * per dimension), so the page can count distinct people — a worker reviewing five times is still one
 * person, not the five an average would need. Each check is one insert by key.
 */
@Repository
public class PageReviewers {

    private static final String COLLECTION = "enterprise_page_reviewers";
    /** Stands for "any dimension": the review itself. */
    public static final String REVIEW = "*";

    private final MongoTemplate mongo;

    PageReviewers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Records that {@code reviewer} reviewed (or rated {@code dimension} of) the enterprise; true the first time. */
    public boolean firstTime(String enterprise, String dimension, String reviewer) {
        try {
            mongo.insert(new Document("_id", enterprise + "|" + dimension + "|" + reviewer), COLLECTION);
            return true;
        } catch (DuplicateKeyException seenBefore) {
            return false;
        }
    }
}
