package cn.unionhub.feedback.enterprise.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.test.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * An anonymous worker's item moves its enterprise's public page at its release, once: held counts wait for
 * their time, are applied when it comes, and a second release changes nothing. On the real store, two days
 * ahead (the service's own release job never finds these due).
 */
@IntegrationTest
class DeferredCountsIT {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    EnterpriseStats stats;
    @Autowired
    PageReviewers reviewers;

    private final Instant now = Instant.now().plus(Duration.ofDays(2));

    @Test
    void aHeldCountMovesThePageAtItsReleaseAndOnlyOnce() {
        DeferredCounts deferred = new DeferredCounts(mongo, stats, reviewers);
        String enterprise = "91330211MA2DEFER" + UUID.randomUUID().toString().substring(0, 6);
        String key = "submitted:" + UUID.randomUUID();
        Instant release = now.plus(Duration.ofHours(1));

        deferred.hold(key, enterprise, Map.of("reviews", 1L, "handled", 1L), release);
        deferred.hold(key, enterprise, Map.of("reviews", 1L, "handled", 1L), release); // the event again
        // The store is shared with the other tests of this service, whose anonymous items hold counts of their own that
        // fall due within these two days: what this test owns is its enterprise's page, so that is what it reads (the
        // number released was 1 instead of 0 when another test's hold fell due first).
        deferred.releaseDue(now.plus(Duration.ofMinutes(59)));
        assertThat(stats.read(enterprise).stats().reviews()).as("before the release").isZero();

        assertThat(deferred.releaseDue(release)).isGreaterThanOrEqualTo(1);
        assertThat(stats.read(enterprise).stats().reviews()).isEqualTo(1);
        assertThat(stats.read(enterprise).stats().handled()).isEqualTo(1);

        deferred.releaseDue(release.plusSeconds(30));
        assertThat(stats.read(enterprise).stats().reviews()).as("counted once").isEqualTo(1);
        assertThat(stats.read(enterprise).stats().handled()).as("counted once").isEqualTo(1);
    }
}
