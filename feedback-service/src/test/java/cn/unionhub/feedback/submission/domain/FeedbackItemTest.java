package cn.unionhub.feedback.submission.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.events.feedback.FeedbackRated;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedbackItemTest {

    private static final Instant NOW = Instant.parse("2026-11-20T16:30:00Z"); // 00:30 on the 21st in Beijing
    private static final Submitter ANONYMOUS_WORKER = new Submitter("psn_zhang", "hash-of-token", null, null, null);

    @Test
    void acceptingPublishesOneEventThatNeverNamesTheWorker() {
        FeedbackItem.Accepted accepted = FeedbackItem.accept("id-1", "ZGDP-20261121-7KQM3X",
                FeedbackFixtures.RULES.check(FeedbackFixtures.commuteComplaint(), false), FeedbackFixtures.FUDE,
                ANONYMOUS_WORKER, NOW);

        assertThat(accepted.events()).singleElement().isInstanceOf(FeedbackSubmitted.class);
        FeedbackSubmitted event = (FeedbackSubmitted) accepted.events().get(0);
        assertThat(event.needsHandling()).isTrue();
        assertThat(event.anonymous()).isTrue();
        assertThat(event.district()).isEqualTo("330211");
        assertThat(event.toString()).doesNotContain("psn_zhang").doesNotContain("hash-of-token");
        assertThat(accepted.item().timeline()).extracting(FeedbackItem.TimelineEntry::kind).containsExactly("RECEIVED");
    }

    @Test
    void phoneAndIdentityNumbersInTheTextAreMaskedBeforeAnythingIsStored() {
        RawSubmission raw = FeedbackFixtures.commuteComplaint();
        RawSubmission revealing = new RawSubmission(raw.type(), raw.category(), raw.channel(), raw.enterprise(),
                "我是 13812345678，身份证 11010519491231002X，通勤太远。", raw.ratings(), raw.details(), true, null, null, null);

        FeedbackItem item = FeedbackItem.accept("id-2", "ZGDP-20261121-AAAAAA", FeedbackFixtures.RULES.check(revealing, false),
                FeedbackFixtures.FUDE, ANONYMOUS_WORKER, NOW).item();

        assertThat(item.content().text()).contains("138****5678").contains("1101**********002X").doesNotContain("13812345678");
    }

    @Test
    void theEnterpriseAndItsDistrictSeeTheItemButNotWhoSentItAnonymously() {
        FeedbackItem item = FeedbackItem.accept("id-3", "ZGDP-20261121-BBBBBB",
                FeedbackFixtures.RULES.check(FeedbackFixtures.commuteComplaint(), false), FeedbackFixtures.FUDE,
                ANONYMOUS_WORKER, NOW).item();
        Actor chair = new Actor("chair-wang-fang", Set.of(Role.ENTERPRISE_UNION), FeedbackFixtures.FUDE_ENERGY, "330211");
        Actor otherChair = new Actor("chair-zhao-lei", Set.of(Role.ENTERPRISE_UNION), "91330206MA2J7P9K2C", "330206");
        Actor worker = new Actor("worker-zhang-wei", Set.of(Role.WORKER), FeedbackFixtures.FUDE_ENERGY, "330211");

        assertThat(item.isVisibleTo(chair, null)).isTrue();
        assertThat(item.showsIdentityTo(null)).isFalse();
        assertThat(item.isVisibleTo(otherChair, null)).isFalse();
        assertThat(item.isVisibleTo(worker, "psn_zhang")).isTrue();
        assertThat(item.showsIdentityTo("psn_zhang")).isTrue();
        assertThat(item.isVisibleTo(worker, "psn_someone_else")).isFalse();
    }

    @Test
    void routingAddsAStepTheWorkerSeesAndNeverMovesTheStatusBack() {
        FeedbackItem item = FeedbackItem.accept("id-4", "ZGDP-20261121-CCCCCC",
                FeedbackFixtures.RULES.check(FeedbackFixtures.commuteComplaint(), false), FeedbackFixtures.FUDE,
                ANONYMOUS_WORKER, NOW).item();

        FeedbackItem routed = item.routed("宁波富德能源有限公司工会", "GD-20261121-DDDDDD", false, NOW.plusSeconds(86_400),
                NOW.plusSeconds(2));

        assertThat(routed.status()).isEqualTo(FeedbackItem.Status.ROUTED);
        assertThat(routed.timeline()).extracting(FeedbackItem.TimelineEntry::kind).containsExactly("RECEIVED", "ROUTED");
        assertThat(routed.timeline().get(1).note()).isEqualTo("宁波富德能源有限公司工会（工单 GD-20261121-DDDDDD）");
        assertThat(item.status()).isEqualTo(FeedbackItem.Status.RECEIVED);
    }

    @Test
    void answersAndResolutionAreStepsAndALateRoutingEventCannotMoveTheStatusBack() {
        FeedbackItem item = FeedbackItem.accept("id-5", "ZGDP-20261121-EEEEEE",
                FeedbackFixtures.RULES.check(FeedbackFixtures.commuteComplaint(), false), FeedbackFixtures.FUDE,
                ANONYMOUS_WORKER, NOW).item();

        FeedbackItem resolved = item.responded("已反映给公司", NOW.plusSeconds(60))
                .resolved("公司租赁大巴车接送职工上下班", NOW.plusSeconds(120))
                .routed("宁波富德能源有限公司工会", "GD-20261121-FFFFFF", false, NOW.plusSeconds(86_400), NOW.plusSeconds(5));

        assertThat(resolved.status()).isEqualTo(FeedbackItem.Status.RESOLVED);
        assertThat(resolved.timeline()).extracting(FeedbackItem.TimelineEntry::kind)
                .containsExactly("RECEIVED", "RESPONDED", "RESOLVED", "ROUTED");
    }

    @Test
    void theWorkerSeesTheFirstAnswerDeadlineAndWhereTheirItemStandsAgainstIt() {
        FeedbackItem item = FeedbackItem.accept("id-7", "ZGDP-20261121-HHHHHH",
                FeedbackFixtures.RULES.check(FeedbackFixtures.commuteComplaint(), false), FeedbackFixtures.FUDE,
                ANONYMOUS_WORKER, NOW).item();
        java.time.Instant due = NOW.plusSeconds(86_400);
        assertThat(item.sla(NOW)).isEmpty();

        FeedbackItem routed = item.routed("宁波富德能源有限公司工会", "GD-20261121-HHHHHH", false, due, NOW.plusSeconds(2));
        assertThat(routed.sla(NOW.plusSeconds(60))).contains(new FeedbackItem.Sla("WITHIN_DEADLINE", due));
        assertThat(routed.sla(due.plusSeconds(1))).contains(new FeedbackItem.Sla("OVERDUE", due));
        assertThat(routed.noted("ESCALATED", "镇海区总工会督办（第1级）", due.plusSeconds(5)).sla(due.plusSeconds(10)))
                .contains(new FeedbackItem.Sla("ESCALATED", due));
        assertThat(routed.responded("已反映给公司", NOW.plusSeconds(3_600)).sla(due.plusSeconds(10)))
                .contains(new FeedbackItem.Sla("ANSWERED_ON_TIME", due));
        assertThat(routed.responded("已反映给公司", due.plusSeconds(3_600)).sla(due.plusSeconds(7_200)))
                .contains(new FeedbackItem.Sla("ANSWERED_LATE", due));
        // Passed on to another organisation: the timeline says so, and the same deadline still runs.
        FeedbackItem transferred = routed.routed("镇海区劳动争议调解中心", "GD-20261121-HHHHHH", true, due, NOW.plusSeconds(600));
        assertThat(transferred.timeline().get(2).note()).startsWith("转办至镇海区劳动争议调解中心");
        assertThat(transferred.sla(NOW.plusSeconds(700))).contains(new FeedbackItem.Sla("WITHIN_DEADLINE", due));
    }

    /** A case event delivered twice (a poll again after a crash) shows once; a later step of the same kind still shows. */
    @Test
    void aStepTheItemShowsAlreadyIsNotAddedAgain() {
        FeedbackItem item = FeedbackItem.accept("id-9", "ZGDP-20261121-KKKKKK",
                FeedbackFixtures.RULES.check(FeedbackFixtures.commuteComplaint(), false), FeedbackFixtures.FUDE,
                ANONYMOUS_WORKER, NOW).item();
        Instant routedAt = NOW.plusNanos(2_123_456_789L); // an event's time, finer than the stored millisecond
        FeedbackItem routed = item.unlessShown(item.routed("宁波富德能源有限公司工会", "GD-20261121-KKKKKK", false,
                NOW.plusSeconds(86_400), routedAt));
        FeedbackItem stored = FeedbackItem.restore(routed.id(), routed.trackingNumber(), routed.content(), routed.enterprise(),
                routed.submitter(), routed.submittedAt(), routed.status(), routed.timeline().stream()
                        .map(e -> new FeedbackItem.TimelineEntry(e.at().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                                e.kind(), e.note(), e.dueAt())).toList(), routed.resolvedAt(), routed.rating());

        FeedbackItem again = stored.unlessShown(stored.routed("宁波富德能源有限公司工会", "GD-20261121-KKKKKK", false,
                NOW.plusSeconds(86_400), routedAt));
        assertThat(again).isSameAs(stored);
        assertThat(again.timeline()).extracting(FeedbackItem.TimelineEntry::kind).containsExactly("RECEIVED", "ROUTED");

        FeedbackItem answered = stored.unlessShown(stored.responded("已反映给公司", NOW.plusSeconds(60)));
        FeedbackItem answeredAgainLater = answered.unlessShown(answered.responded("已反映给公司", NOW.plusSeconds(120)));
        assertThat(answeredAgainLater.timeline()).extracting(FeedbackItem.TimelineEntry::kind)
                .containsExactly("RECEIVED", "ROUTED", "RESPONDED", "RESPONDED");
    }

    /** The deadline the worker sees follows the case: moved by time waited on them, or by a new holiday schedule. */
    @Test
    void aMovedDeadlineIsTheOneTheWorkerSees() {
        java.time.Instant due = NOW.plusSeconds(86_400);
        FeedbackItem routed = FeedbackItem.accept("id-8", "ZGDP-20261121-JJJJJJ",
                FeedbackFixtures.RULES.check(FeedbackFixtures.commuteComplaint(), false), FeedbackFixtures.FUDE,
                ANONYMOUS_WORKER, NOW).item().routed("宁波富德能源有限公司工会", "GD-20261121-JJJJJJ", false, due, NOW.plusSeconds(2));
        java.time.Instant later = due.plusSeconds(7_200);

        FeedbackItem waiting = routed.noted("WAITING_FOR_YOU", "请上传11月工资条", NOW.plusSeconds(300));
        assertThat(waiting.sla(due.plusSeconds(60)).orElseThrow().state()).as("the clock stands while it waits on the worker")
                .isEqualTo("WAITING_FOR_YOU");
        FeedbackItem resumed = waiting.noted("RESUMED", "已收到补充材料，继续办理", later, NOW.plusSeconds(600));
        assertThat(resumed.sla(due.plusSeconds(60))).contains(new FeedbackItem.Sla("WITHIN_DEADLINE", later));
        assertThat(resumed.timeline().get(resumed.timeline().size() - 1).dueAt()).isEqualTo(later);
        assertThat(routed.noted("ACCEPTED", "已受理", null, NOW.plusSeconds(60)).sla(NOW.plusSeconds(70)))
                .as("a step that moves nothing").contains(new FeedbackItem.Sla("WITHIN_DEADLINE", due));
        FeedbackItem earlier = resumed.noted("DEADLINE_MOVED", "2027年节假日安排发布，答复期限相应调整", due.minusSeconds(3_600),
                NOW.plusSeconds(900));
        assertThat(earlier.sla(due.minusSeconds(60))).contains(new FeedbackItem.Sla("OVERDUE", due.minusSeconds(3_600)));
    }

    private static FeedbackItem resolvedCommute() {
        return FeedbackItem.accept("id-6", "ZGDP-20261121-GGGGGG",
                FeedbackFixtures.RULES.check(FeedbackFixtures.commuteComplaint(), false), FeedbackFixtures.FUDE,
                ANONYMOUS_WORKER, NOW).item()
                .responded("已反映", NOW.plusSeconds(60)).resolved("公司租赁大巴车", NOW.plusSeconds(120));
    }

    @Test
    void onlyAResolvedItemCanBeRatedAndOnlyOnce() {
        FeedbackItem received = FeedbackItem.accept("id-7", "ZGDP-20261121-HHHHHH",
                FeedbackFixtures.RULES.check(FeedbackFixtures.commuteComplaint(), false), FeedbackFixtures.FUDE,
                ANONYMOUS_WORKER, NOW).item();
        assertThatThrownBy(() -> received.rate(Satisfaction.SATISFIED, null, false, NOW)).isInstanceOf(ConflictException.class);

        FeedbackItem.Changed rated = resolvedCommute().rate(Satisfaction.SATISFIED, null, false, NOW.plusSeconds(300));

        assertThat(rated.item().status()).isEqualTo(FeedbackItem.Status.CLOSED);
        assertThat(((FeedbackRated) rated.events().get(0)).rating()).isEqualTo("SATISFIED");
        assertThatThrownBy(() -> rated.item().rate(Satisfaction.NOT_SATISFIED, "again", false, NOW.plusSeconds(400)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void notSatisfiedNeedsAReasonKeepsTheItemOpenAndAReopeningClearsTheRating() {
        assertThatThrownBy(() -> resolvedCommute().rate(Satisfaction.NOT_SATISFIED, " ", false, NOW.plusSeconds(300)))
                .isInstanceOf(RuleViolationException.class);

        FeedbackItem.Changed unhappy = resolvedCommute().rate(Satisfaction.NOT_SATISFIED, "大巴车只有早班，晚班没有，电话13812345678",
                false, NOW.plusSeconds(300));
        FeedbackRated event = (FeedbackRated) unhappy.events().get(0);
        assertThat(unhappy.item().status()).isEqualTo(FeedbackItem.Status.RESOLVED);
        assertThat(event.reason()).contains("138****5678").doesNotContain("13812345678");
        assertThat(unhappy.item().timeline().get(unhappy.item().timeline().size() - 1).note())
                .as("the worker reads the rating in words").startsWith("不满意：大巴车只有早班");

        FeedbackItem reopened = unhappy.item().reopened("职工不满意：晚班没有通勤车", NOW.plusSeconds(310));
        assertThat(reopened.status()).isEqualTo(FeedbackItem.Status.IN_PROGRESS);
        assertThat(reopened.rating()).isNull();
        assertThat(reopened.resolved("增加晚班通勤车", NOW.plusSeconds(900)).rate(Satisfaction.SATISFIED, null, false,
                NOW.plusSeconds(1000)).item().status()).isEqualTo(FeedbackItem.Status.CLOSED);
    }

    @Test
    void theDefaultAppliesOnlyAfterTheWindowToResolvedUnratedItems() {
        FeedbackItem resolved = resolvedCommute();

        assertThat(resolved.awaitsRatingSince(NOW.plusSeconds(60))).isFalse();
        assertThat(resolved.awaitsRatingSince(NOW.plusSeconds(121))).isTrue();
        FeedbackItem.Changed defaulted = resolved.rate(Satisfaction.SATISFIED, null, true, NOW.plusSeconds(7 * 86400));
        assertThat(defaulted.item().timeline().get(defaulted.item().timeline().size() - 1).kind()).isEqualTo("RATED_BY_DEFAULT");
        assertThat(((FeedbackRated) defaulted.events().get(0)).defaulted()).isTrue();
        assertThat(defaulted.item().awaitsRatingSince(NOW.plusSeconds(8 * 86400))).isFalse();
    }

    @Test
    void trackingNumbersCarryTheBeijingDateAndAreWellFormed() {
        String number = TrackingNumbers.next(NOW, new SplittableRandom(7));

        assertThat(number).startsWith("ZGDP-20261121-");
        assertThat(TrackingNumbers.isWellFormed(number)).isTrue();
        assertThat(TrackingNumbers.isWellFormed("ZGDP-20261121-7KQM3I")).isFalse();
    }
}
