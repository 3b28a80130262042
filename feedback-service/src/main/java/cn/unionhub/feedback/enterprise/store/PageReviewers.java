package cn.unionhub.feedback.enterprise.store;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 * per dimension ({@link #vote}), with the stars the page shows for them ({@link #applyLatest}): the averages count one
 * vote per person, so posting a review fifty times weighs no more than posting it once.
 */
@Repository
public class PageReviewers {

    private static final String COLLECTION = "enterprise_page_reviewers";
    /** Stands for "any dimension": the review itself. */
    public static final String REVIEW = "*";
    /** The review whose stars the page shows for the person ({@link #NONE}: none yet); absent in votes kept before 2026-12-04. */
    private static final String SHOWN_REVIEW = "shownReview";
    private static final String NONE = "";
    private static final String SHOWN_STARS = "shownStars";
    /** The counting key the shown change was claimed under, and what it moved. */
    private static final String SHOWN_KEY = "shownKey";
    private static final String SHOWN_INCREMENTS = "shownIncrements";

    private final MongoTemplate mongo;

    PageReviewers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * What bringing the page to a person's latest vote moves ({@link #applyLatest}): counted under {@code key}, once.
     */
    public record Applied(String key, String enterprise, Map<String, Long> increments) {
    }

    /**
     * Makes {@code stars} this person's latest vote on the dimension, shown on the page from {@code visibleFrom} (an
     * anonymous worker's at its release), unless a later review of theirs holds it. Nothing moves on the page here:
     * {@link #applyLatest} does, when the vote shows.
     *
     * @return the vote's id; empty when a later review of theirs is the latest (this one arrived late)
     */
    public Optional<String> vote(String enterprise, String dimension, String reviewer, int stars, Instant at, String review,
            Instant visibleFrom) {
        String id = voteId(enterprise, dimension, reviewer);
        for (int attempt = 0; attempt < 10; attempt++) {
            Document held = mongo.findById(id, Document.class, COLLECTION);
            if (held == null) {
                try {
                    mongo.insert(new Document("_id", id).append("enterprise", enterprise).append("dimension", dimension)
                            .append("reviewer", reviewer).append("stars", stars).append("at", Date.from(at)).append("review", review)
                            .append("visibleFrom", Date.from(visibleFrom)).append(SHOWN_REVIEW, NONE), COLLECTION);
                    return Optional.of(id);
                } catch (DuplicateKeyException raced) {
                    continue;
                }
            }
            if (review.equals(held.getString("review"))) {
                return Optional.of(id); // told again
            }
            Instant heldAt = held.getDate("at").toInstant();
            if (heldAt.isAfter(at) || heldAt.equals(at) && held.getString("review").compareTo(review) > 0) {
                return Optional.empty();
            }
            // Whose vote it is, kept on it (votes kept before 2026-12-04 had it in their id only).
            Update replaced = new Update().set("stars", stars).set("at", Date.from(at)).set("review", review)
                    .set("visibleFrom", Date.from(visibleFrom)).set("enterprise", enterprise).set("dimension", dimension)
                    .set("reviewer", reviewer);
            if (!held.containsKey(SHOWN_REVIEW)) {
                // Kept before the page was brought to votes one at a time: its stars were counted (or are held) as they were.
                replaced.set(SHOWN_REVIEW, held.getString("review")).set(SHOWN_STARS, held.getInteger("stars"));
            }
            Query unchanged = Query.query(Criteria.where("_id").is(id).and("review").is(held.getString("review")));
            if (mongo.updateFirst(unchanged, replaced, COLLECTION).getModifiedCount() == 1) {
                return Optional.of(id);
            }
        }
        throw new IllegalStateException("the vote of " + id + " kept changing under ten tries");
    }

    /**
     * Brings the page to the person's latest vote on the dimension if it shows by {@code now}: the sum moves from the stars
     * the page shows for them (none: the count grows) to the latest. So a vote that replaced one still held moves the page
     * from what it shows, never from the held stars — measured from those, the change told the held anonymous vote (found
     * 2026-12-04), and holding the change with it told that the person had one (the page did not move at once for a named
     * review). A vote still held is brought by its release; one replaced before its release never shows.
     *
     * <p>The change is claimed in the vote's document first, with its increments, then counted under {@code key}: a claim
     * whose counting a stop cut off is counted again by whoever claimed it (its key), and by nobody else.
     *
     * @return what to count; empty when nothing is to move (not shown yet, or applied under another key)
     */
    public Optional<Applied> applyLatest(String voteId, Instant now, String key) {
        Boolean newRater = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            Document d = mongo.findById(voteId, Document.class, COLLECTION);
            // A vote kept before it said when it shows was shown as it came.
            if (d == null || d.getDate("visibleFrom") != null && d.getDate("visibleFrom").toInstant().isAfter(now)) {
                return Optional.empty();
            }
            String review = d.getString("review");
            String shownReview = d.getString(SHOWN_REVIEW);
            if (shownReview == null || review.equals(shownReview)) {
                // Shown already (or kept before votes were applied one at a time, then counted as they came).
                return shownReview != null && key.equals(d.getString(SHOWN_KEY))
                        ? Optional.of(new Applied(key, d.getString("enterprise"), counts(d.get(SHOWN_INCREMENTS, Document.class))))
                        : Optional.empty();
            }
            // Past here the vote was written by vote(), which names whose it is.
            String enterprise = d.getString("enterprise");
            String dimension = d.getString("dimension");
            String reviewer = d.getString("reviewer");
            Integer shown = NONE.equals(shownReview) ? null : d.getInteger(SHOWN_STARS);
            int stars = d.getInteger("stars");
            Map<String, Long> increments = new LinkedHashMap<>();
            increments.put("ratingSums." + dimension, (long) stars - (shown == null ? 0 : shown));
            if (shown == null) {
                increments.put("ratingCounts." + dimension, 1L);
                // The person's first vote on it to show; marked for people counted before votes were kept.
                if (newRater == null) {
                    newRater = firstTime(enterprise, dimension, reviewer);
                }
                if (newRater) {
                    increments.put("raters." + dimension, 1L);
                }
            }
            Query unchanged = Query.query(Criteria.where("_id").is(voteId).and("review").is(review).and(SHOWN_REVIEW).is(shownReview));
            Update claimed = new Update().set(SHOWN_REVIEW, review).set(SHOWN_STARS, stars).set(SHOWN_KEY, key)
                    .set(SHOWN_INCREMENTS, new Document(increments));
            if (mongo.updateFirst(unchanged, claimed, COLLECTION).getModifiedCount() == 1) {
                return Optional.of(new Applied(key, enterprise, increments));
            }
        }
        throw new IllegalStateException("the vote of " + voteId + " kept changing under ten tries");
    }

    private static Map<String, Long> counts(Document increments) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (increments != null) {
            increments.forEach((field, value) -> counts.put(field, ((Number) value).longValue()));
        }
        return counts;
    }

    private static String voteId(String enterprise, String dimension, String reviewer) {
        return "vote|" + enterprise + "|" + dimension + "|" + reviewer;
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
