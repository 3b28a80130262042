package cn.unionhub.station.activity.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.events.station.ActivityCancelled;
import cn.unionhub.events.station.ActivityFull;
import cn.unionhub.events.station.ActivitySignedUp;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActivityTest {

    private static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");
    private static final Instant STARTS = Instant.parse("2026-12-05T01:00:00Z");

    private static Activity healthCheck(int places) {
        return Activity.publish("act-1", "FJ-350203-0001", "350203", "免费健康体检", null, STARTS, STARTS.plusSeconds(10_800), places,
                "staff-1", NOW).activity();
    }

    @Test
    void placesGoInArrivalOrderThenTheWaitlistAndACancellationMovesTheFirstWaitingUp() {
        Activity a = healthCheck(2);
        Activity.Changed first = a.signUp("w1", NOW);
        assertThat(first.outcome()).contains(Activity.Outcome.CONFIRMED);
        assertThat(first.events()).singleElement().isInstanceOf(ActivitySignedUp.class);
        Activity.Changed second = first.activity().signUp("w2", NOW.plusSeconds(1));
        assertThat(second.events()).hasExactlyElementsOfTypes(ActivitySignedUp.class, ActivityFull.class);
        Activity full = second.activity().signUp("w3", NOW.plusSeconds(2)).activity().signUp("w4", NOW.plusSeconds(3)).activity();
        assertThat(full.outcomeOf("w3")).contains(Activity.Outcome.WAITLISTED);
        assertThat(full.queuePosition("w4")).contains(2);
        assertThat(full.placesLeft()).isZero();

        Activity again = full.signUp("w1", NOW.plusSeconds(4)).activity();
        assertThat(again).as("signing up twice changes nothing").isEqualTo(full);

        Activity afterCancel = full.cancel("w2", NOW.plusSeconds(5)).activity();
        assertThat(afterCancel.confirmed()).extracting(Activity.Entry::who).containsExactly("w1", "w3");
        assertThat(afterCancel.queuePosition("w4")).contains(1);
        assertThat(afterCancel.cancel("w4", NOW.plusSeconds(6)).activity().waiting()).isEmpty();
        assertThat(afterCancel.cancel("nobody", NOW).activity()).isEqualTo(afterCancel);
    }

    /** Once it has begun nobody may sign up (no places shown left) and a confirmed place is not given up: it is who was expected. */
    @Test
    void afterTheStartNoPlacesAreShownAndAPlaceIsNotGivenUp() {
        Activity a = healthCheck(10).signUp("w1", NOW).activity();
        assertThat(a.placesLeft(NOW)).isEqualTo(9);
        assertThat(a.placesLeft(STARTS)).isZero();
        assertThatThrownBy(() -> a.cancel("w1", STARTS.plusSeconds(60))).isInstanceOf(cn.unionhub.platform.domain.ConflictException.class);
        assertThat(a.outcomeOf("w1")).contains(Activity.Outcome.CONFIRMED);
    }

    @Test
    void neverMoreConfirmedThanPlacesAndTheWaitlistIsBounded() {
        Activity a = healthCheck(30);
        for (int i = 0; i < 30 + Activity.maxWaiting(30); i++) {
            a = a.signUp("w" + i, NOW).activity();
        }
        assertThat(a.confirmed()).hasSize(30);
        assertThat(a.waiting()).hasSize(500);
        Activity last = a;
        assertThatThrownBy(() -> last.signUp("one-more", NOW)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> healthCheck(1).signUp("late", STARTS)).as("closed once it starts").isInstanceOf(ConflictException.class);
    }

    @Test
    void aBadActivityIsRefused() {
        assertThatThrownBy(() -> Activity.publish("x", "FJ-350203-0001", "350203", "", null, STARTS, STARTS.minusSeconds(1), 0, "s", NOW))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(RuleViolationException.FieldViolation::field).containsExactlyInAnyOrder("title", "capacity", "endsAt"));
        assertThatThrownBy(() -> Activity.publish("x", "FJ-350203-0001", "350203", "义诊", null, NOW.minusSeconds(60), NOW.plusSeconds(60),
                10, "s", NOW)).isInstanceOf(RuleViolationException.class);
    }

    @Test
    void placesCanBeAddedWhichMovesTheQueueUpButNeverCutBelowThoseConfirmed() {
        Activity a = healthCheck(2);
        for (String who : new String[] {"w1", "w2", "w3", "w4", "w5"}) {
            a = a.signUp(who, NOW).activity();
        }
        Activity more = a.withCapacity(4, NOW).activity();
        assertThat(more.confirmed()).extracting(Activity.Entry::who).containsExactly("w1", "w2", "w3", "w4");
        assertThat(more.queuePosition("w5")).contains(1);
        Activity last = more;
        assertThatThrownBy(() -> last.withCapacity(3, NOW)).isInstanceOfSatisfying(RuleViolationException.class,
                e -> assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.code()).isEqualTo("below-confirmed")));
        assertThat(more.withCapacity(4, NOW).activity().confirmed()).hasSize(4);
    }

    @Test
    void calledOffItTakesNoSignUpsNorChangesAndSaysWhyOnce() {
        Activity a = healthCheck(1);
        a = a.signUp("w1", NOW).activity().signUp("w2", NOW).activity();
        Activity before = a;
        assertThatThrownBy(() -> before.cancel("  ", "staff-1", NOW)).isInstanceOfSatisfying(RuleViolationException.class,
                e -> assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.code()).isEqualTo("required")));
        assertThatThrownBy(() -> before.cancel("x".repeat(Activity.MAX_REASON + 1), "staff-1", NOW))
                .isInstanceOf(RuleViolationException.class);

        Activity.Changed called = a.cancel(" 高温红色预警，活动取消 ", "staff-1", NOW);
        assertThat(called.events()).singleElement().isEqualTo(new ActivityCancelled("act-1", "FJ-350203-0001", "350203",
                "高温红色预警，活动取消", 1, 1, NOW));
        Activity off = called.activity();
        assertThat(off.cancelled()).isTrue();
        assertThat(off.cancellation().reason()).isEqualTo("高温红色预警，活动取消");
        assertThatThrownBy(() -> before.cancel("\u200b\u200b", "staff-1", NOW)).as("zero-width characters are no reason")
                .isInstanceOf(RuleViolationException.class);
        assertThat(before.cancel("🌧".repeat(Activity.MAX_REASON), "staff-1", NOW).activity().cancelled())
                .as("counted as characters, an emoji one").isTrue();
        assertThatThrownBy(() -> off.cancel(" ", "staff-2", NOW)).as("asked again, still a reason").isInstanceOf(RuleViolationException.class);
        assertThat(off.placesLeft()).as("no place to take once called off").isZero();
        String fitted = Activity.fitting("站".repeat(Activity.MAX_REASON + 50));
        assertThat(fitted.codePointCount(0, fitted.length())).isEqualTo(Activity.MAX_REASON);
        assertThat(fitted).endsWith("…");
        assertThat(before.cancel(fitted, "staff-1", NOW).activity().cancelReason()).isEqualTo(fitted);
        assertThat(Activity.fitting("雨天")).isEqualTo("雨天");
        assertThat(off.cancel("another reason", "staff-2", NOW).events()).as("called off again: no change").isEmpty();
        assertThat(off.cancel("another reason", "staff-2", NOW).activity()).isEqualTo(off);
        assertThatThrownBy(() -> off.signUp("w3", NOW)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> off.withCapacity(5, NOW)).isInstanceOf(ConflictException.class);
        assertThat(off.signUp("w1", NOW).outcome()).as("one signed up still sees their place").contains(Activity.Outcome.CONFIRMED);
        Activity givenUp = off.cancel("w1", NOW).activity();
        assertThat(givenUp.confirmed()).as("nobody moves up into an activity that will not take place").isEmpty();
        assertThat(givenUp.queuePosition("w2")).contains(1);
        assertThatThrownBy(() -> before.cancel("雨天", "staff-1", STARTS.plusSeconds(10_800)))
                .as("an activity that has ended took place").isInstanceOf(ConflictException.class);
    }

    /** What is still to come first, soonest first; then what has ended, latest first. */
    @Test
    void aWorkersSignUpsListWhatIsStillToComeFirst() {
        Activity ended = Activity.publish("ended", "FJ-350203-0001", "350203", "已结束活动", null, NOW.plusSeconds(60), NOW.plusSeconds(120),
                1, "staff-1", NOW).activity();
        Activity endedEarlier = Activity.publish("ended-earlier", "FJ-350203-0001", "350203", "更早结束", null, NOW.plusSeconds(10),
                NOW.plusSeconds(20), 1, "staff-1", NOW).activity();
        Activity later = Activity.publish("later", "FJ-350203-0001", "350203", "下周体检", null, STARTS.plusSeconds(86_400 * 7),
                STARTS.plusSeconds(86_400 * 7 + 3600), 1, "staff-1", NOW).activity();
        Activity soon = healthCheck(1);
        Instant afterBothEnded = NOW.plusSeconds(600);
        assertThat(java.util.stream.Stream.of(endedEarlier, later, ended, soon).sorted(Activity.upcomingFirst(afterBothEnded))
                .map(Activity::id).toList()).containsExactly("act-1", "later", "ended", "ended-earlier");
    }
}
