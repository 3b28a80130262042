package cn.unionhub.feedback.enterprise.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.feedback.enterprise.domain.EnterprisePage;
import cn.unionhub.test.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * One vote per person and dimension on an enterprise's public page, moved when it shows and from what the page shows for
 * that person. A worker's anonymous review is held until its release. Their named review a moment later first moved the
 * page by "named minus anonymous" stars it did not show yet (the anonymous vote could be read off the page); then it
 * waited for the held one's release (the page not moving at once told that the person had one; both found 2026-12-04).
 * Now the named vote shows at once, measured from what the page showed, and the held one it replaced never shows.
 * On the real store, two days ahead (the service's own release job never finds these due).
 */
@IntegrationTest
class PageReviewersIT {

    @Autowired
    PageReviewers reviewers;
    @Autowired
    EnterpriseStats stats;
    @Autowired
    DeferredCounts deferred;
    @Autowired
    MongoTemplate mongo;

    private final Instant now = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS); // as the store keeps times
    private final Instant release = now.plus(Duration.ofHours(3));
    private final String enterprise = "91330211MAVOTE" + UUID.randomUUID().toString().substring(0, 4);

    @Test
    void aNamedVoteReplacingAHeldAnonymousOneShowsAtOnceFromWhatThePageShowedAndTheHeldOneNeverShows() {
        hold("reporter-1", 5, now, "review-anonymous");
        assertThat(page().ratingCounts()).isEmpty();

        shownAtOnce("reporter-1", 1, now.plusSeconds(60), "review-named");
        assertThat(sum()).as("from nothing shown, not from the held 5").isEqualTo(1);
        assertThat(page().ratingCounts().get("PAY")).isEqualTo(1);
        assertThat(page().raters().get("PAY")).isEqualTo(1);
        shownAtOnce("reporter-1", 1, now.plusSeconds(60), "review-named"); // the event again
        assertThat(sum()).isEqualTo(1);

        // (The releases count every test's held work in the shared store: what this enterprise's page shows is the check.)
        assertThat(deferred.releaseDue(release)).isPositive();
        assertThat(sum()).as("the replaced anonymous vote never shows").isEqualTo(1);
        assertThat(page().ratingCounts().get("PAY")).isEqualTo(1);

        // Another person: anonymous at the release; two more of theirs, the later one shown at its release.
        hold("reporter-2", 4, now, "review-2a");
        deferred.releaseDue(release);
        assertThat(sum()).isEqualTo(5);
        Instant next = release.plus(Duration.ofHours(3));
        hold("reporter-2", 2, release.plus(Duration.ofHours(1)), "review-2b", next);
        hold("reporter-2", 3, release.plus(Duration.ofHours(2)), "review-2c", next);
        deferred.releaseDue(next.minusSeconds(1));
        assertThat(sum()).as("nothing of theirs before its release").isEqualTo(5);
        assertThat(deferred.releaseDue(next)).isGreaterThanOrEqualTo(2);
        assertThat(sum()).as("4 → 3, once").isEqualTo(4);
        assertThat(page().ratingCounts().get("PAY")).isEqualTo(2);

        // A review told late (older than the person's latest) changes nothing.
        assertThat(reviewers.vote(enterprise, "PAY", "reporter-2", 1, now, "review-2-late", now)).isEmpty();
    }

    /** A vote kept before votes were applied one at a time was counted as it came: a new one moves the page from its stars. */
    @Test
    void aVoteKeptBeforeIsTakenAsShown() {
        stats.increment(enterprise, java.util.Map.of("ratingSums.PAY", 4L, "ratingCounts.PAY", 1L, "raters.PAY", 1L));
        mongo.insert(new Document("_id", "vote|" + enterprise + "|PAY|reporter-old").append("stars", 4).append("at", Date.from(now))
                .append("review", "review-old").append("previous", null).append("visibleFrom", Date.from(now)), "enterprise_page_reviewers");
        shownAtOnce("reporter-old", 2, now.plusSeconds(60), "review-new");
        assertThat(sum()).isEqualTo(2);
        assertThat(page().ratingCounts().get("PAY")).isEqualTo(1);
        // One kept before votes said when they show, its review told again: counted then, nothing moves now.
        mongo.insert(new Document("_id", "vote|" + enterprise + "|PAY|reporter-older").append("stars", 5).append("at", Date.from(now))
                .append("review", "review-older").append("previous", null), "enterprise_page_reviewers");
        shownAtOnce("reporter-older", 5, now, "review-older");
        assertThat(sum()).isEqualTo(2);
    }

    private void hold(String reviewer, int stars, Instant at, String review) {
        hold(reviewer, stars, at, review, release);
    }

    private void hold(String reviewer, int stars, Instant at, String review, Instant shownFrom) {
        String vote = reviewers.vote(enterprise, "PAY", reviewer, stars, at, review, shownFrom).orElseThrow();
        deferred.holdVote("vote:" + vote + ":" + review, vote, shownFrom);
    }

    /** As the projection counts a named review: the vote's change under the review's own key, once. */
    private void shownAtOnce(String reviewer, int stars, Instant at, String review) {
        String vote = reviewers.vote(enterprise, "PAY", reviewer, stars, at, review, at).orElseThrow();
        reviewers.applyLatest(vote, at, "submitted:" + review).ifPresent(applied -> stats.countAll(
                List.of(stats.counting(applied.key(), applied.enterprise(), applied.increments())), counted -> { }));
    }

    private EnterprisePage.Stats page() {
        return stats.read(enterprise).stats();
    }

    private long sum() {
        return page().ratingSums().getOrDefault("PAY", 0L);
    }
}
