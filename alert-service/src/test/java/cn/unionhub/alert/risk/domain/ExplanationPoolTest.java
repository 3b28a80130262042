package cn.unionhub.alert.risk.domain;

import static cn.unionhub.alert.risk.domain.RiskFixtures.MODEL;
import static cn.unionhub.alert.risk.domain.RiskFixtures.MONDAY_10AM;
import static cn.unionhub.alert.risk.domain.RiskFixtures.signal;
import static cn.unionhub.alert.risk.domain.RiskFixtures.wageComplaint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.unionhub.events.alert.SignalContribution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A warning is explained from a bounded pool of the strongest signals kept in the profile. */
class ExplanationPoolTest {

    private static final int POOL = MODEL.explainPool(); // 50: explain-top 5 × 5, at least 50

    @Test
    void thePoolIsFiveTimesWhatIsShownAndAtLeastFifty() {
        assertThat(POOL).isEqualTo(50);
        RiskModel wide = new RiskModel(MODEL.kinds(), MODEL.windows(), MODEL.thresholds(), MODEL.hysteresisBand(),
                MODEL.downgradeAfter(), MODEL.collectiveDispute(), 20);
        assertThat(wide.explainPool()).isEqualTo(100);
    }

    @Test
    void tenThousandComplaintsKeepThePoolBoundedAndTheTotalsExact() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        List<Signal> all = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Signal complaint = wageComplaint("w" + i, MONDAY_10AM.plusSeconds(i * 30L));
            all.add(complaint);
            profile.apply(complaint, MODEL);
        }
        Instant now = MONDAY_10AM.plusSeconds(10_000 * 30L);

        assertThat(profile.strongest()).hasSize(POOL);
        assertThat(ids(profile.explain(now, MODEL))).containsExactlyElementsOf(ids(MODEL.explain(all, now)));
        double total = all.stream().mapToDouble(s -> MODEL.contribution(s, now)).sum();
        assertThat(profile.kindScores(now, MODEL).get("WAGE_ARREARS_COMPLAINT")).isCloseTo(total, within(1e-6 * total));
    }

    @Test
    void aMixedStreamIsExplainedAsTheFullHistoryWouldBeNowAndWeeksLater() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        List<Signal> all = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(4);
        String[] kinds = {"COMPLAINT", "HOTLINE_CALLS", "SOCIAL_INSURANCE_ARREARS", "WAGE_ARREARS_COMPLAINT"};
        for (int i = 0; i < 5_000; i++) {
            // Ninety days of signals, some reported up to two days late.
            Instant at = MONDAY_10AM.plus(Duration.ofMinutes(i * 26L)).minus(Duration.ofHours(random.nextInt(48)));
            Signal s = new Signal("m-" + i, RiskFixtures.FUDE, null, null, null, kinds[random.nextInt(kinds.length)],
                    1 + random.nextInt(60), at, "test", null, "w" + random.nextInt(400), 0);
            all.add(s);
            profile.apply(s, MODEL);
        }
        Instant end = MONDAY_10AM.plus(Duration.ofMinutes(5_000 * 26L));

        for (Instant at : List.of(end, end.plus(Duration.ofDays(10)), end.plus(Duration.ofDays(40)))) {
            assertThat(ids(profile.explain(at, MODEL))).as("at %s", at).containsExactlyElementsOf(ids(MODEL.explain(all, at)));
        }
        assertThat(profile.strongest()).hasSize(POOL);
    }

    @Test
    void aStrongerSignalTakesTheWeakestPlace() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        List<Signal> complaints = new ArrayList<>();
        for (int i = 0; i < POOL; i++) {
            Signal complaint = signal("COMPLAINT", 1, MONDAY_10AM.plus(Duration.ofHours(i)));
            complaints.add(complaint);
            profile.apply(complaint, MODEL);
        }
        Signal calls = signal("HOTLINE_CALLS", 50, MONDAY_10AM.plus(Duration.ofHours(POOL)));
        profile.apply(calls, MODEL);

        List<String> pooled = profile.strongest().stream().map(Signal::id).toList();
        assertThat(pooled).hasSize(POOL).contains(calls.id()).doesNotContain(complaints.get(0).id())
                .contains(complaints.get(1).id());
        assertThat(profile.explain(calls.occurredAt(), MODEL).get(0).signalId()).isEqualTo(calls.id());
    }

    @Test
    void aLateSignalIsRankedByWhatItContributesAtTheNewestSignalsTime() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        Instant now = MONDAY_10AM.plus(Duration.ofDays(60));
        for (int i = 0; i < POOL; i++) {
            profile.apply(signal("COMPLAINT", 1, now.minus(Duration.ofMinutes(i))), MODEL);
        }
        // 30 points, but 60 days old: 30 × (0.7 × 2^(−60/7) + 0.3 × 2^(−2)) ≈ 2.3, below a fresh complaint (3).
        Signal old = signal("HOTLINE_CALLS", 30, MONDAY_10AM);
        profile.apply(old, MODEL);

        assertThat(profile.strongest()).hasSize(POOL).extracting(Signal::id).doesNotContain(old.id());
    }

    @Test
    void aSignalAppliedAgainIsPooledOnce() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        Signal calls = signal("HOTLINE_CALLS", 20, MONDAY_10AM);
        profile.apply(calls, MODEL);
        profile.apply(calls, MODEL);

        assertThat(profile.strongest()).extracting(Signal::id).containsExactly(calls.id());
    }

    @Test
    void thePoolShowsTheSameFiguresAsAnExplanationFromTheSignals() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        Signal complaint = wageComplaint("w1", MONDAY_10AM);
        profile.apply(complaint, MODEL);

        SignalContribution shown = profile.explain(MONDAY_10AM.plus(Duration.ofDays(3)), MODEL).get(0);
        assertThat(shown).isEqualTo(MODEL.explain(List.of(complaint), MONDAY_10AM.plus(Duration.ofDays(3))).get(0));
    }

    @Test
    void closingAWarningEmptiesThePoolWithTheSums() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        profile.apply(signal("HOTLINE_CALLS", 30, MONDAY_10AM), MODEL);
        profile.warningRaised(profile.nextWarningId(), MONDAY_10AM);
        profile.warningClosed(profile.openWarningId(), MONDAY_10AM.plus(Duration.ofDays(1)));
        assertThat(profile.explain(MONDAY_10AM.plus(Duration.ofDays(1)), MODEL)).isEmpty();

        Signal after = signal("COMPLAINT", 1, MONDAY_10AM.plus(Duration.ofDays(2)));
        profile.apply(after, MODEL);
        assertThat(profile.explain(after.occurredAt(), MODEL)).extracting(SignalContribution::signalId)
                .containsExactly(after.id());
    }

    private static List<String> ids(List<SignalContribution> explained) {
        return explained.stream().map(SignalContribution::signalId).toList();
    }
}
