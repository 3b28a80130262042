package cn.unionhub.feedback.enterprise.store;

import java.time.Instant;
import java.util.Collection;
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
     *
     * @param visibleFrom when the change may show on the page: not before the release of the vote it replaced, if that
     *                    vote (an anonymous worker's) is still held — shown at once, the change would be measured from
     *                    stars the page does not show yet, telling that person's held vote, and averages left the 1–5
     *                    scale (found 2026-12-04)
     */
    public record Vote(boolean first, long delta, Instant visibleFrom) {
    }

    public static final Vote NOTHING = new Vote(false, 0, Instant.EPOCH);

    /**
     * Makes {@code stars} this person's vote on the dimension unless a later review of theirs holds it. Each vote
     * keeps the one it replaced, so the same review delivered again changes the page by the same amount, not twice
     * and not by nothing. A handful of reads and conditional writes by key, however many reviews the enterprise has.
     */
    public Vote vote(String enterprise, String dimension, String reviewer, int stars, Instant at, String review, Instant visibleFrom) {
        String id = voteId(enterprise, dimension, reviewer);
        for (int attempt = 0; attempt < 10; attempt++) {
            Document held = mongo.findById(id, Document.class, COLLECTION);
            if (held == null) {
                try {
                    mongo.insert(new Document("_id", id).append("stars", stars).append("at", Date.from(at)).append("review", review)
                            .append("previous", null).append("visibleFrom", Date.from(visibleFrom)), COLLECTION);
                    return new Vote(true, stars, visibleFrom);
                } catch (DuplicateKeyException raced) {
                    continue;
                }
            }
            if (review.equals(held.getString("review"))) {
                Integer previous = held.getInteger("previous");
                Instant shown = visibleFrom(held, visibleFrom);
                return previous == null ? new Vote(true, stars, shown) : new Vote(false, stars - previous, shown);
            }
            Instant heldAt = held.getDate("at").toInstant();
            if (heldAt.isAfter(at) || heldAt.equals(at) && held.getString("review").compareTo(review) > 0) {
                return NOTHING;
            }
            // Shown no earlier than the vote it replaces: the page moves by the change once both are visible.
            Instant replacedFrom = visibleFrom(held, Instant.EPOCH);
            Instant shown = replacedFrom.isAfter(visibleFrom) ? replacedFrom : visibleFrom;
            Query unchanged = Query.query(Criteria.where("_id").is(id).and("review").is(held.getString("review")));
            Update replaced = new Update().set("stars", stars).set("at", Date.from(at)).set("review", review)
                    .set("previous", held.getInteger("stars")).set("visibleFrom", Date.from(shown));
            if (mongo.updateFirst(unchanged, replaced, COLLECTION).getModifiedCount() == 1) {
                return new Vote(false, stars - held.getInteger("stars"), shown);
            }
        }
        throw new IllegalStateException("the vote of " + id + " kept changing under ten tries");
    }

    /**
     * Makes the votes of {@code review} on {@code dimensions} show no earlier than {@code from}: one of them replaced a
     * held vote, so the review's counts wait for that release, and a later review replacing any of its votes must wait
     * with them (each vote was stored before the review knew). Votes a later review has replaced are left as they are.
     */
    public void showNoEarlier(String enterprise, Collection<String> dimensions, String reviewer, String review, Instant from) {
        for (String dimension : dimensions) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(voteId(enterprise, dimension, reviewer)).and("review").is(review)
                    .and("visibleFrom").lt(Date.from(from))), new Update().set("visibleFrom", Date.from(from)), COLLECTION);
        }
    }

    private static String voteId(String enterprise, String dimension, String reviewer) {
        return "vote|" + enterprise + "|" + dimension + "|" + reviewer;
    }

    /** When a stored vote shows on the page; {@code otherwise} for a vote stored before this was kept. */
    private static Instant visibleFrom(Document vote, Instant otherwise) {
        Date at = vote.getDate("visibleFrom");
        return at == null ? otherwise : at.toInstant();
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
