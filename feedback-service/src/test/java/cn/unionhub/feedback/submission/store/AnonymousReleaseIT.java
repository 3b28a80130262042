package cn.unionhub.feedback.submission.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.feedback.submission.FeedbackProperties;
import cn.unionhub.feedback.submission.domain.Enterprise;
import cn.unionhub.feedback.submission.domain.FeedbackItem;
import cn.unionhub.feedback.submission.domain.Satisfaction;
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

    /**
     * The worker rates the resolved item at 11:20, not satisfied, and the case reopens. Until 12:00 the enterprise side
     * is shown the item as it was before, resolved and unrated, also when it lists by status; the district as it is.
     */
    @Test
    void anAnonymousWorkersRatingReachesTheEnterpriseSideAtTheReleaseAfterIt() {
        FeedbackItems items = new FeedbackItems(mongo, store, properties, clock, timelines, AnonymousRelease.every(Duration.ofHours(1)));
        FeedbackItem item = file(items, true, Duration.ofMinutes(5));
        FeedbackItem named = file(items, false, Duration.ofMinutes(6));
        clock.set(ten.plus(Duration.ofMinutes(70)));
        for (FeedbackItem each : List.of(item, named)) {
            items.change(each.id(), i -> new FeedbackItem.Changed(i.resolved("食堂延长供餐", clock.instant()), List.of()));
        }
        clock.set(ten.plus(Duration.ofMinutes(80)));
        for (FeedbackItem each : List.of(item, named)) {
            items.change(each.id(), i -> i.rate(Satisfaction.NOT_SATISFIED, "没有改善", false, clock.instant()));
            items.change(each.id(), i -> new FeedbackItem.Changed(i.reopened("重新交办上一级", clock.instant()), List.of()));
        }
        Instant halfPastEleven = ten.plus(Duration.ofMinutes(90));
        clock.set(halfPastEleven);

        FeedbackItem rated = items.byId(item.id()).orElseThrow();
        assertThat(rated.status()).isEqualTo(FeedbackItem.Status.IN_PROGRESS);
        FeedbackItem shown = items.seenByEnterpriseSide(rated, halfPastEleven);
        assertThat(shown.status()).isEqualTo(FeedbackItem.Status.RESOLVED);
        assertThat(shown.rating()).isNull();
        assertThat(shown.timeline()).extracting(FeedbackItem.TimelineEntry::kind).endsWith("RESOLVED").doesNotContain("RATED", "REOPENED");
        assertThat(items.seenByEnterpriseSide(items.byId(named.id()).orElseThrow(), halfPastEleven).status())
                .as("a named worker's rating: at once").isEqualTo(FeedbackItem.Status.IN_PROGRESS);
        assertThat(ids(items.page(WORKSHOP.uscc(), null, FeedbackItem.Status.RESOLVED, null, halfPastEleven, 0, 1000)))
                .contains(item.id()).doesNotContain(named.id());
        assertThat(ids(items.page(WORKSHOP.uscc(), null, FeedbackItem.Status.IN_PROGRESS, null, halfPastEleven, 0, 1000)))
                .contains(named.id()).doesNotContain(item.id());
        assertThat(items.page(WORKSHOP.uscc(), null, null, null, halfPastEleven, 0, 1000)).filteredOn(i -> i.id().equals(item.id()))
                .extracting(FeedbackItem::status).containsExactly(FeedbackItem.Status.RESOLVED);
        assertThat(ids(items.page(null, WORKSHOP.district(), FeedbackItem.Status.IN_PROGRESS, null, null, 0, 1000)))
                .as("the district: as it is").contains(item.id(), named.id());

        Instant noon = ten.plus(Duration.ofHours(2));
        assertThat(items.seenByEnterpriseSide(rated, noon).status()).isEqualTo(FeedbackItem.Status.IN_PROGRESS);
        assertThat(ids(items.page(WORKSHOP.uscc(), null, FeedbackItem.Status.IN_PROGRESS, null, noon, 0, 1000))).contains(item.id());
    }

    /**
     * The worker answers a paused case at 11:20 and the case runs again: until 12:00 the enterprise side is not shown the
     * answer or the resumption (they would tell it when the worker acted); the worker sees both at once.
     */
    @Test
    void anAnonymousWorkersAnswerReachesTheEnterpriseSideAtTheReleaseAfterIt() {
        FeedbackItems items = new FeedbackItems(mongo, store, properties, clock, timelines, AnonymousRelease.every(Duration.ofHours(1)));
        FeedbackItem item = file(items, true, Duration.ofMinutes(5));
        clock.set(ten.plus(Duration.ofMinutes(80)));
        items.change(item.id(), i -> i.reply("工资条已上传", clock.instant()));
        items.change(item.id(), i -> new FeedbackItem.Changed(i.noted("RESUMED", "已收到补充材料，继续办理", clock.instant()), List.of()));
        FeedbackItem now = items.byId(item.id()).orElseThrow();
        assertThat(now.timeline()).extracting(FeedbackItem.TimelineEntry::kind).contains("REPLIED", "RESUMED");
        assertThat(items.seenByEnterpriseSide(now, ten.plus(Duration.ofMinutes(119))).timeline())
                .extracting(FeedbackItem.TimelineEntry::kind).doesNotContain("REPLIED", "RESUMED");
        assertThat(items.seenByEnterpriseSide(now, ten.plus(Duration.ofMinutes(120))).timeline())
                .extracting(FeedbackItem.TimelineEntry::kind).contains("REPLIED", "RESUMED");
    }

    private FeedbackItem file(FeedbackItems items, boolean anonymous, Duration after) {
        clock.set(ten.plus(after));
        return StoredComplaints.file(items, properties, WORKSHOP, anonymous, clock.instant());
    }

    private static List<String> ids(List<FeedbackItem> items) {
        return items.stream().map(FeedbackItem::id).toList();
    }
}
