package cn.unionhub.feedback.enterprise.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.test.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One vote per person and dimension on an enterprise's public page, and when its change may show. A worker's anonymous
 * review is held until the release; their named review a moment later replaced the held vote at once, so the page moved
 * by "named minus anonymous" stars it did not show yet: the anonymous vote could be read off the page, and averages left
 * the 1–5 scale (exploratory test, 2026-12-04). The later vote now shows with the held one, at its release.
 */
@IntegrationTest
class PageReviewersIT {

    @Autowired
    PageReviewers reviewers;

    @Test
    void aVoteReplacingAHeldAnonymousVoteShowsNoEarlierThanItsRelease() {
        String enterprise = "91330211MAVOTE" + UUID.randomUUID().toString().substring(0, 4);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as the store keeps times
        Instant release = now.plus(Duration.ofHours(3));

        PageReviewers.Vote anonymous = reviewers.vote(enterprise, "PAY", "reporter-1", 5, now, "review-anonymous", release);
        assertThat(anonymous).isEqualTo(new PageReviewers.Vote(true, 5, release));

        PageReviewers.Vote named = reviewers.vote(enterprise, "PAY", "reporter-1", 1, now.plusSeconds(60), "review-named", now);
        assertThat(named).as("measured from the held vote, so shown with it").isEqualTo(new PageReviewers.Vote(false, -4, release));
        assertThat(reviewers.vote(enterprise, "PAY", "reporter-1", 1, now.plusSeconds(60), "review-named", now))
                .as("delivered again: the same").isEqualTo(named);

        // Once that release has passed, a later vote shows when its own does.
        Instant later = release.plus(Duration.ofHours(1));
        assertThat(reviewers.vote(enterprise, "PAY", "reporter-1", 3, later, "review-later", later))
                .isEqualTo(new PageReviewers.Vote(false, 2, later));
        // A review whose first dimension was stored before another one replaced a held vote: once told, all of its votes
        // show with the held one, so a still later review cannot move the first dimension at once either.
        assertThat(reviewers.vote(enterprise, "SAFETY", "reporter-3", 4, now, "review-3-anonymous", release).visibleFrom()).isEqualTo(release);
        PageReviewers.Vote welfare = reviewers.vote(enterprise, "WELFARE", "reporter-3", 2, now.plusSeconds(60), "review-3-named", now);
        assertThat(welfare.visibleFrom()).as("no held vote of its own").isEqualTo(now);
        assertThat(reviewers.vote(enterprise, "SAFETY", "reporter-3", 1, now.plusSeconds(60), "review-3-named", now).visibleFrom())
                .isEqualTo(release);
        reviewers.showNoEarlier(enterprise, java.util.List.of("WELFARE", "SAFETY"), "reporter-3", "review-3-named", release);
        assertThat(reviewers.vote(enterprise, "WELFARE", "reporter-3", 2, now.plusSeconds(60), "review-3-named", now))
                .as("delivered again").isEqualTo(new PageReviewers.Vote(true, 2, release));
        assertThat(reviewers.vote(enterprise, "WELFARE", "reporter-3", 5, now.plusSeconds(120), "review-3-later", now).visibleFrom())
                .isEqualTo(release);

        // Another person's first vote is theirs alone.
        assertThat(reviewers.vote(enterprise, "PAY", "reporter-2", 4, now, "review-other", now)).isEqualTo(new PageReviewers.Vote(true, 4, now));
    }
}
