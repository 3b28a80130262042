package cn.unionhub.alert.risk.domain;

import static cn.unionhub.alert.risk.domain.RiskFixtures.MODEL;
import static cn.unionhub.alert.risk.domain.RiskFixtures.MONDAY_10AM;
import static cn.unionhub.alert.risk.domain.RiskFixtures.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringTest {

    @Test
    void aFreshSignalAddsWeightTimesMagnitude() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        profile.apply(signal("SOCIAL_INSURANCE_ARREARS", 4, MONDAY_10AM), MODEL);

        assertThat(profile.score(MONDAY_10AM, MODEL)).isCloseTo(12.0, within(1e-9));
    }

    @Test
    void magnitudeIsCappedPerKindSoOneHugeFigureCannotDecideAlone() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        profile.apply(signal("HOTLINE_CALLS", 10_000, MONDAY_10AM), MODEL);

        assertThat(profile.score(MONDAY_10AM, MODEL)).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void eachWindowHalvesItsShareEveryHalfLife() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        profile.apply(signal("COMPLAINT", 1, MONDAY_10AM), MODEL);

        // 3 points: 0.7 × 3 halves after 7 days, 0.3 × 3 after 30.
        double after7Days = 3 * (0.7 * 0.5 + 0.3 * Math.pow(2, -7.0 / 30));
        assertThat(profile.score(MONDAY_10AM.plus(Duration.ofDays(7)), MODEL)).isCloseTo(after7Days, within(1e-9));
        double after30Days = 3 * (0.7 * Math.pow(2, -30.0 / 7) + 0.3 * 0.5);
        assertThat(profile.score(MONDAY_10AM.plus(Duration.ofDays(30)), MODEL)).isCloseTo(after30Days, within(1e-9));
    }

    @Test
    void runningSumsEqualTheSumOfEverySignalsOwnDecayedContributionInAnyArrivalOrder() {
        List<Signal> signals = List.of(
                signal("COMPLAINT", 1, MONDAY_10AM),
                signal("HOTLINE_CALLS", 12, MONDAY_10AM.plus(Duration.ofDays(3))),
                signal("SOCIAL_INSURANCE_ARREARS", 2, MONDAY_10AM.minus(Duration.ofDays(10))), // reported late
                signal("COMPLAINT", 1, MONDAY_10AM.plus(Duration.ofHours(5))));
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        signals.forEach(s -> profile.apply(s, MODEL));

        var at = MONDAY_10AM.plus(Duration.ofDays(9));
        double expected = signals.stream().mapToDouble(s -> MODEL.contribution(s, at)).sum();
        assertThat(profile.score(at, MODEL)).isCloseTo(expected, within(1e-9));
        assertThat(profile.kindScores(at, MODEL)).containsOnlyKeys("COMPLAINT", "HOTLINE_CALLS", "SOCIAL_INSURANCE_ARREARS");
        assertThat(profile.kindScores(at, MODEL).get("HOTLINE_CALLS"))
                .isCloseTo(MODEL.contribution(signals.get(1), at), within(1e-9));
    }

    @Test
    void theExplanationListsTheStrongestSignalsWithTheirContributions() {
        Signal hotline = signal("HOTLINE_CALLS", 30, MONDAY_10AM);
        Signal old = signal("COMPLAINT", 1, MONDAY_10AM.minus(Duration.ofDays(20)));
        Signal arrears = signal("SOCIAL_INSURANCE_ARREARS", 3, MONDAY_10AM);

        var explained = MODEL.explain(List.of(old, hotline, arrears), MONDAY_10AM);

        assertThat(explained).extracting(c -> c.signalId()).containsExactly(hotline.id(), arrears.id(), old.id());
        assertThat(explained.get(0).contribution()).isEqualTo(30.0);
        assertThat(explained.get(1).contribution()).isEqualTo(9.0);
    }

    @Test
    void signalsBeforeAClosedWarningAreHandledAndNoLongerCount() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        profile.apply(signal("HOTLINE_CALLS", 30, MONDAY_10AM), MODEL);
        profile.warningRaised(profile.nextWarningId(), MONDAY_10AM);
        profile.warningClosed(RiskFixtures.FUDE + "-1", MONDAY_10AM.plus(Duration.ofDays(2)));

        assertThat(profile.apply(signal("HOTLINE_CALLS", 30, MONDAY_10AM.plus(Duration.ofDays(1))), MODEL)).isFalse();
        profile.apply(signal("COMPLAINT", 1, MONDAY_10AM.plus(Duration.ofDays(3))), MODEL);
        assertThat(profile.score(MONDAY_10AM.plus(Duration.ofDays(3)), MODEL)).isCloseTo(3.0, within(1e-9));
        assertThat(profile.nextWarningId()).isEqualTo(RiskFixtures.FUDE + "-2");
    }
}
