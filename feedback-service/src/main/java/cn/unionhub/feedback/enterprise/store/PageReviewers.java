package cn.unionhub.feedback.enterprise.store;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Who has reviewed an enterprise, and who has rated each of its dimensions, by their per-enterprise
 * reporter key (a keyed pseudonym: it names nobody): one document per person and enterprise (and
 * per dimension), so the page can count distinct people — a worker reviewing five times is still one
 * person, not the five an average would need. Each check is one insert by key. And each person's latest stars
 * per dimension ({@link #vote}): the averages count one vote per person, so posting a review fifty times
 * weighs no more than posting it once.
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

    /**
     * What a person's new stars for a dimension change on the page: one vote per person, their latest. {@code first}
     * when they had not rated it before (the count grows), else {@code delta} is the change of their vote (the sum
     * moves, the count stays). {@link #NOTHING} for a rating older than the one held (it arrived late) .
     */
    public record Vote(boolean first, long delta) {
    }

    public static final Vote NOTHING = new Vote(false, 0);

    /**
     * Makes {@code stars} this person's vote on the dimension unless a later review of theirs holds it. Each vote
     * keeps the one it replaced, so the same review delivered again changes the page by the same amount, not twice
     * and not by nothing. A handful of reads and conditional writes by key, however many reviews the enterprise has.
     */
    public Vote vote(String enterprise, String dimension, String reviewer, int stars, Instant at, String review) {
        String id = "vote|" + enterprise + "|" + dimension + "|" + reviewer;
        for (int attempt = 0; attempt < 10; attempt++) {
            Document held = mongo.findById(id, Document.class, COLLECTION);
            if (held == null) {
                try {
                    mongo.insert(new Document("_id", id).append("stars", stars).append("at", Date.from(at)).append("review", review)
                            .append("previous", null), COLLECTION);
                    return new Vote(true, stars);
                } catch (DuplicateKeyException raced) {
                    continue;
                }
            }
            if (review.equals(held.getString("review"))) {
                Integer previous = held.getInteger("previous");
                return previous == null ? new Vote(true, stars) : new Vote(false, stars - previous);
            }
            Instant heldAt = held.getDate("at").toInstant();
            if (heldAt.isAfter(at) || heldAt.equals(at) && held.getString("review").compareTo(review) > 0) {
                return NOTHING;
            }
            Query unchanged = Query.query(Criteria.where("_id").is(id).and("review").is(held.getString("review")));
            Update replaced = new Update().set("stars", stars).set("at", Date.from(at)).set("review", review)
                    .set("previous", held.getInteger("stars"));
            if (mongo.updateFirst(unchanged, replaced, COLLECTION).getModifiedCount() == 1) {
                return new Vote(false, stars - held.getInteger("stars"));
            }
        }
        throw new IllegalStateException("the vote of " + id + " kept changing under ten tries");
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
