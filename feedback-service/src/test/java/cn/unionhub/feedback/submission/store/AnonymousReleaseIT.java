package cn.unionhub.feedback.submission.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.feedback.submission.FeedbackProperties;
import cn.unionhub.feedback.submission.domain.Enterprise;
import cn.unionhub.feedback.submission.domain.FeedbackItem;
import cn.unionhub.feedback.submission.domain.RawSubmission;
import cn.unionhub.feedback.submission.domain.Submitter;
import cn.unionhub.feedback.submission.domain.TrackingNumbers;
import cn.unionhub.feedback.timeline.store.WorkerTimelines;
import cn.unionhub.platform.domain.AnonymousRelease;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The enterprise side's list of feedback items on the real store, with hourly releases: an anonymous worker's
 * item is missing until the release after it, then above the named items filed before the release, the batch
 * ordered by random id; the district's list has it at once, in filing order.
 */
@IntegrationTest
class AnonymousReleaseIT {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** Other tests' items of this enterprise were filed now; this test's are two days ahead, so they top every list. */
    private static final Enterprise WORKSHOP = new Enterprise("91330211MA2H3K5Q1G", "宁波富德能源有限公司", "330211", true);

    @Autowired
    MongoTemplate mongo;
    @Autowired
    AggregateStore store;
    @Autowired
    FeedbackProperties properties;
    @Autowired
    WorkerTimelines timelines;

    private final Instant ten = LocalDate.now(BEIJING).plusDays(2).atTime(LocalTime.of(10, 0)).atZone(BEIJING).toInstant();
    private final SettableClock clock = new SettableClock(ten);

    @Test
    void anAnonymousWorkersItemReachesTheEnterpriseSideAtTheNextReleaseAndTheDistrictAtOnce() {
        FeedbackItems items = new FeedbackItems(mongo, store, properties, clock, timelines, AnonymousRelease.every(Duration.ofHours(1)));
        FeedbackItem first = file(items, true, Duration.ofSeconds(5));
        FeedbackItem second = file(items, true, Duration.ofMinutes(30));
        FeedbackItem named = file(items, false, Duration.ofMinutes(31));

        assertThat(items.enterpriseSeesAt(first)).isEqualTo(ten.plus(Duration.ofHours(1)));
        assertThat(items.enterpriseSeesAt(named)).isEqualTo(named.submittedAt());
        assertThat(ids(items.page(WORKSHOP.uscc(), null, null, null, ten.plus(Duration.ofMinutes(59)), 0, 1000)))
                .startsWith(named.id()).doesNotContain(first.id(), second.id());
        assertThat(ids(items.page(null, WORKSHOP.district(), null, null, null, 0, 1000)))
                .as("the district: at once, newest first").containsSubsequence(named.id(), second.id(), first.id());

        List<String> released = ids(items.page(WORKSHOP.uscc(), null, null, null, ten.plus(Duration.ofHours(1)), 0, 3));
        assertThat(released.get(2)).as("below the release: seen before it").isEqualTo(named.id());
        assertThat(released.subList(0, 2)).containsExactlyInAnyOrder(first.id(), second.id()).isSorted();
    }

    private FeedbackItem file(FeedbackItems items, boolean anonymous, Duration after) {
        clock.set(ten.plus(after));
        RawSubmission raw = new RawSubmission("COMPLAINT", "CANTEEN_DORMITORY_COMMUTE", "MINI_PROGRAM", WORKSHOP.uscc(),
                "夜班结束后没有通勤车。", Map.of(), Map.of(), anonymous, "REGULAR", anonymous ? null : "张伟",
                anonymous ? null : "13812345678");
        Submitter submitter = new Submitter("psn_release_" + UUID.randomUUID(), null, raw.contactName(), raw.contactPhone(), null, null);
        String tracking = TrackingNumbers.next(clock.instant(), new java.security.SecureRandom());
        FeedbackItem.Accepted accepted = FeedbackItem.accept(UUID.randomUUID().toString(), tracking,
                properties.rules().check(raw, false), WORKSHOP, submitter, clock.instant());
        items.insert(accepted, null);
        return accepted.item();
    }

    private static List<String> ids(List<FeedbackItem> items) {
        return items.stream().map(FeedbackItem::id).toList();
    }
}
