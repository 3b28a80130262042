package cn.unionhub.alert.risk.domain;

import static cn.unionhub.alert.risk.domain.RiskFixtures.MODEL;
import static cn.unionhub.alert.risk.domain.RiskFixtures.MONDAY_10AM;
import static cn.unionhub.alert.risk.domain.RiskFixtures.signal;
import static cn.unionhub.alert.risk.domain.RiskFixtures.wageComplaint;
import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.alert.warning.domain.WarningLevel;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HysteresisAndCollectiveDisputeTest {

    /** One worker's wage complaint sent five times is one worker's debt: it moves the score and the money once. */
    @Test
    void aWorkersRepeatedWageComplaintsCountOnceInTheScoreAndTheMoney() {
        RiskProfile once = RiskProfile.of(RiskFixtures.FUDE);
        once.apply(RiskFixtures.wageComplaint("worker-a", MONDAY_10AM), MODEL);
        RiskProfile repeated = RiskProfile.of(RiskFixtures.FUDE);
        for (int i = 0; i < 5; i++) {
            repeated.apply(RiskFixtures.wageComplaint("worker-a", MONDAY_10AM.plus(Duration.ofMinutes(i))), MODEL);
        }
        Instant at = MONDAY_10AM.plus(Duration.ofMinutes(5));
        assertThat(repeated.score(at, MODEL)).isEqualTo(once.score(at, MODEL));
        assertThat(repeated.amountAtStakeFen()).isEqualTo(once.amountAtStakeFen()).isPositive();
        assertThat(repeated.workersReporting(at, MODEL)).isEqualTo(1);
        // Another worker's complaint counts; the same worker again after the collective-dispute window counts anew.
        repeated.apply(RiskFixtures.wageComplaint("worker-b", at), MODEL);
        assertThat(repeated.amountAtStakeFen()).isEqualTo(2 * once.amountAtStakeFen());
        repeated.apply(RiskFixtures.wageComplaint("worker-a", at.plus(MODEL.collectiveDispute().window()).plus(Duration.ofHours(1))), MODEL);
        assertThat(repeated.amountAtStakeFen()).isEqualTo(3 * once.amountAtStakeFen());
    }

    @Test
    void upgradesAreImmediate() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        profile.apply(signal("HOTLINE_CALLS", 25, MONDAY_10AM), MODEL);
        Assessment blue = profile.assess(MONDAY_10AM, MODEL);
        profile.apply(signal("HOTLINE_CALLS", 50, MONDAY_10AM), MODEL);
        Assessment orange = profile.assess(MONDAY_10AM, MODEL);

        assertThat(blue.level()).isEqualTo(WarningLevel.BLUE);
        assertThat(blue.change()).isEqualTo(Assessment.Change.UPGRADE);
        assertThat(orange.level()).isEqualTo(WarningLevel.ORANGE);
        assertThat(orange.previousLevel()).isEqualTo(WarningLevel.BLUE);
        assertThat(orange.change()).isEqualTo(Assessment.Change.UPGRADE);
    }

    @Test
    void aScoreHoveringJustBelowTheThresholdDoesNotFlap() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        profile.apply(signal("HOTLINE_CALLS", 41, MONDAY_10AM), MODEL); // YELLOW at 41
        assertThat(profile.assess(MONDAY_10AM, MODEL).level()).isEqualTo(WarningLevel.YELLOW);

        // Decay takes it below 40 but stays within the 10 % band (≥ 36): no downgrade, no clock.
        Instant later = MONDAY_10AM.plus(Duration.ofHours(20));
        Assessment hovering = profile.assess(later, MODEL);
        assertThat(hovering.score()).isBetween(36.0, 40.0);
        assertThat(hovering.level()).isEqualTo(WarningLevel.YELLOW);
        assertThat(hovering.change()).isEqualTo(Assessment.Change.NONE);
        assertThat(profile.downgradePendingSince()).isNull();
    }

    @Test
    void aDowngradeNeedsTheScoreToStayLowForTheConfiguredTime() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        profile.apply(signal("HOTLINE_CALLS", 45, MONDAY_10AM), MODEL);
        profile.assess(MONDAY_10AM, MODEL);

        Instant low = MONDAY_10AM.plus(Duration.ofDays(4)); // ≈ 33.5: below the band of YELLOW (36)
        Assessment first = profile.assess(low, MODEL);
        assertThat(first.level()).isEqualTo(WarningLevel.YELLOW);
        assertThat(profile.downgradePendingSince()).isEqualTo(low);

        Assessment notYet = profile.assess(low.plus(Duration.ofHours(71)), MODEL);
        assertThat(notYet.level()).isEqualTo(WarningLevel.YELLOW);

        Assessment sustained = profile.assess(low.plus(Duration.ofHours(72)), MODEL);
        assertThat(sustained.change()).isEqualTo(Assessment.Change.DOWNGRADE);
        assertThat(sustained.level()).isEqualTo(WarningLevel.BLUE);
    }

    @Test
    void aRecoveryWithinTheBandStopsThePendingDowngrade() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        profile.apply(signal("HOTLINE_CALLS", 45, MONDAY_10AM), MODEL);
        profile.assess(MONDAY_10AM, MODEL);
        Instant low = MONDAY_10AM.plus(Duration.ofDays(4));
        profile.assess(low, MODEL);
        assertThat(profile.downgradePendingSince()).isEqualTo(low);

        profile.apply(signal("HOTLINE_CALLS", 10, low.plus(Duration.ofHours(1))), MODEL);
        profile.assess(low.plus(Duration.ofHours(1)), MODEL);
        assertThat(profile.downgradePendingSince()).isNull();
    }

    @Test
    void tenDistinctWorkersWithWageIssuesWithinThreeDaysMakeACollectiveDisputeAndARedWarning() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        for (int i = 1; i <= 9; i++) {
            profile.apply(wageComplaint("worker-" + i, MONDAY_10AM.plus(Duration.ofHours(6L * i))), MODEL);
        }
        Instant ninth = MONDAY_10AM.plus(Duration.ofHours(54));
        Assessment nine = profile.assess(ninth, MODEL);
        assertThat(nine.collectiveDispute()).isFalse();
        assertThat(nine.level()).isEqualTo(WarningLevel.ORANGE);

        profile.apply(wageComplaint("worker-10", ninth.plus(Duration.ofHours(1))), MODEL);
        Assessment ten = profile.assess(ninth.plus(Duration.ofHours(1)), MODEL);

        assertThat(ten.collectiveDispute()).isTrue();
        assertThat(ten.workersReporting()).isEqualTo(10);
        assertThat(ten.level()).isEqualTo(WarningLevel.RED);
        assertThat(ten.score()).isLessThan(150.0); // red because of the dispute, not the score
        assertThat(ten.amountAtStakeFen()).isEqualTo(10 * 450_000L);
    }

    @Test
    void oneWorkerComplainingTenTimesIsNoCollectiveDispute() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        for (int i = 1; i <= 10; i++) {
            profile.apply(wageComplaint("worker-1", MONDAY_10AM.plus(Duration.ofHours(i))), MODEL);
        }
        assertThat(profile.assess(MONDAY_10AM.plus(Duration.ofHours(10)), MODEL).collectiveDispute()).isFalse();
    }

    @Test
    void workersSpreadOverMoreThanTheWindowAreNoCollectiveDispute() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        for (int i = 1; i <= 10; i++) {
            profile.apply(wageComplaint("worker-" + i, MONDAY_10AM.plus(Duration.ofHours(10L * i))), MODEL);
        }
        Assessment assessment = profile.assess(MONDAY_10AM.plus(Duration.ofHours(100)), MODEL);
        assertThat(assessment.workersReporting()).isEqualTo(8); // hours 30…100 are within 72 h
        assertThat(assessment.collectiveDispute()).isFalse();
    }

    @Test
    void oneWageCaseForTwoHundredCouriersIsACollectiveDisputeOnItsOwnAndStaysSoAfterAReload() {
        // Seed 004: a 12351 order for 200 couriers owed 5,000,000 yuan is one signal, from no worker's account.
        Signal order = new Signal("case:12351-0200", RiskFixtures.FUDE, "宁波富德能源有限公司", RiskFixtures.ZHENHAI, null,
                "WAGE_ARREARS_COMPLAINT", 200, MONDAY_10AM, EventSignals.SOURCE_CASES, "GD-20260302-AAAAAA", "case:12351-0200",
                500_000_000L);
        RiskProfile p = RiskProfile.of(RiskFixtures.FUDE);
        p.apply(order, MODEL);

        Assessment a = RiskFixtures.reload(p).assess(MONDAY_10AM.plusSeconds(60), MODEL);
        assertThat(a.collectiveDispute()).isTrue();
        assertThat(a.level()).isEqualTo(WarningLevel.RED);
        assertThat(RiskFixtures.reload(p).collectiveCase(MONDAY_10AM.plusSeconds(60), MODEL)).map(Signal::reference)
                .contains("GD-20260302-AAAAAA");
        // After the collective-dispute window it no longer decides alone.
        assertThat(p.collectiveCase(MONDAY_10AM.plus(Duration.ofHours(73)), MODEL)).isEmpty();
    }

    @Test
    void aSmallWageCaseIsNotCollectiveByItselfButALargeAmountIs() {
        Signal small = new Signal("case:small", RiskFixtures.FUDE, null, RiskFixtures.ZHENHAI, null, "WAGE_ARREARS_COMPLAINT",
                3, MONDAY_10AM, EventSignals.SOURCE_CASES, "GD-20260302-BBBBBB", "case:small", 5_000_000L);
        RiskProfile p = RiskProfile.of(RiskFixtures.FUDE);
        p.apply(small, MODEL);
        assertThat(p.assess(MONDAY_10AM.plusSeconds(60), MODEL).collectiveDispute()).isFalse();

        Signal large = new Signal("case:large", RiskFixtures.FUDE, null, RiskFixtures.ZHENHAI, null, "WAGE_ARREARS_COMPLAINT",
                2, MONDAY_10AM, EventSignals.SOURCE_CASES, "GD-20260302-CCCCCC", "case:large", 150_000_000L);
        RiskProfile q = RiskProfile.of(RiskFixtures.FUDE);
        q.apply(large, MODEL);
        assertThat(q.assess(MONDAY_10AM.plusSeconds(60), MODEL).collectiveDispute()).isTrue();
        // The same amount typed by one worker into their own complaint is not a collective case: nobody checked it.
        Signal typed = new Signal("feedback:typed", RiskFixtures.FUDE, null, RiskFixtures.ZHENHAI, null, "WAGE_ARREARS_COMPLAINT",
                1, MONDAY_10AM, EventSignals.SOURCE_FEEDBACK, "ZGDP-20260302-DDDDDD", "worker-key", 150_000_000L);
        RiskProfile t = RiskProfile.of(RiskFixtures.FUDE);
        t.apply(typed, MODEL);
        assertThat(t.assess(MONDAY_10AM.plusSeconds(60), MODEL).collectiveDispute()).isFalse();
        // Many workers in a kind that is not a wage issue (hotline call counts from a government system) are not a dispute.
        RiskProfile r = RiskProfile.of(RiskFixtures.FUDE);
        r.apply(signal("HOTLINE_CALLS", 40, MONDAY_10AM), MODEL);
        assertThat(r.assess(MONDAY_10AM.plusSeconds(60), MODEL).collectiveDispute()).isFalse();
    }
}
