package cn.unionhub.alert.risk.domain;

import static cn.unionhub.alert.risk.domain.RiskFixtures.MODEL;
import static cn.unionhub.alert.risk.domain.RiskFixtures.MONDAY_10AM;
import static cn.unionhub.alert.risk.domain.RiskFixtures.reload;
import static cn.unionhub.alert.risk.domain.RiskFixtures.wageComplaint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Distinct workers with wage issues, counted per hour of their latest report (collective disputes). */
class DistinctReportersTest {

    private static final Duration WINDOW = MODEL.collectiveDispute().window(); // 72 h
    private static final Instant T0 = MONDAY_10AM; // on the hour

    private static Instant hours(double h) {
        return T0.plusMillis((long) (h * 3_600_000));
    }

    @Test
    void aWorkerReportingTwiceCountsOnceAndTheWindowSlides() {
        WageReporterLedger ledger = WageReporterLedger.inMemory();
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        profile.apply(wageComplaint("w1", hours(0)), MODEL, ledger);
        profile.apply(wageComplaint("w2", hours(10)), MODEL, ledger);
        profile.apply(wageComplaint("w1", hours(20)), MODEL, ledger);

        assertThat(profile.workersReporting(hours(20), MODEL)).isEqualTo(2);
        // w1 counts from their latest report (hour 20), so still after hour 0 left the window.
        assertThat(profile.workersReporting(hours(80), MODEL)).isEqualTo(2);
        // w2's report of hour 10 counts until the end of the hour it leaves the window in.
        assertThat(profile.workersReporting(hours(82.5), MODEL)).isEqualTo(2);
        assertThat(profile.workersReporting(hours(83), MODEL)).isEqualTo(1);
        assertThat(profile.workersReporting(hours(93), MODEL)).isZero();
    }

    @Test
    void aReportCountsForTheWindowRoundedUpToTheHourNeverLess() {
        DistinctReporters reporters = DistinctReporters.none();
        reporters.apply(new WageReporter.Move("s1", null, hours(0.5)), WINDOW);

        assertThat(reporters.within(hours(0.4), WINDOW)).as("a report in the current hour counts").isEqualTo(1);
        assertThat(reporters.within(hours(72.5), WINDOW)).as("exactly a window later").isEqualTo(1);
        assertThat(reporters.within(hours(72.99), WINDOW)).as("until the end of its hour").isEqualTo(1);
        assertThat(reporters.within(hours(73), WINDOW)).isZero();
        assertThat(reporters.within(hours(-1), WINDOW)).as("not before its hour").isZero();
    }

    @Test
    void aWorkerReportingAgainMovesFromTheHourOfTheirPreviousReportToTheNewOne() {
        DistinctReporters reporters = DistinctReporters.none();
        reporters.apply(new WageReporter.Move("s1", null, hours(1)), WINDOW);
        reporters.apply(new WageReporter.Move("s2", null, hours(1.5)), WINDOW);
        reporters.apply(new WageReporter.Move("s3", hours(1), hours(30)), WINDOW);

        assertThat(reporters.buckets()).containsExactly(Map.entry(hours(1), 1), Map.entry(hours(30), 1));
        assertThat(reporters.within(hours(30), WINDOW)).isEqualTo(2);
        assertThat(reporters.within(hours(80), WINDOW)).isEqualTo(1);
    }

    @Test
    void movesOfOneWorkerCommuteSoRacingReportsEndUpCountedOnce() {
        // w1 counted at hour 0; two later reports raced: the one of hour 9 was written to the profile
        // before the one of hour 5, which its ledger write preceded.
        DistinctReporters reporters = DistinctReporters.none();
        reporters.apply(new WageReporter.Move("s0", null, hours(0)), WINDOW);
        reporters.apply(new WageReporter.Move("s9", hours(5), hours(9)), WINDOW);
        assertThat(reporters.within(hours(9), WINDOW)).isEqualTo(1);

        reporters.apply(new WageReporter.Move("s5", hours(0), hours(5)), WINDOW);

        assertThat(reporters.buckets()).containsExactly(Map.entry(hours(9), 1));
        assertThat(reporters.within(hours(78), WINDOW)).isEqualTo(1);
        assertThat(reporters.within(hours(82), WINDOW)).isZero();
    }

    @Test
    void tenThousandReportsKeepTheProfileBoundedAndTheCountRight() {
        WageReporterLedger ledger = WageReporterLedger.inMemory();
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        SplittableRandom random = new SplittableRandom(17);
        Map<String, Instant> latest = new HashMap<>();
        List<Instant> checks = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String worker = "w" + random.nextInt(3_000);
            // Two weeks of complaints, mostly in order, some a few hours late.
            Instant at = T0.plusSeconds(i * 120L - random.nextInt(4) * 3_600L);
            profile.apply(wageComplaint(worker, at), MODEL, ledger);
            latest.merge(worker, at, (a, b) -> a.isAfter(b) ? a : b);
            if (i % 1_000 == 999) {
                Instant now = T0.plusSeconds(i * 120L);
                assertThat(profile.workersReporting(now, MODEL)).as("at %s", now).isEqualTo(expected(latest, now));
                checks.add(now);
            }
            assertThat(profile.reporters().buckets()).hasSizeLessThanOrEqualTo(74);
        }
        assertThat(checks).hasSize(10);
        assertThat(profile.workersReporting(T0.plusSeconds(10_000 * 120L), MODEL)).isGreaterThan(1_000);
    }

    /** Distinct workers whose latest report's hour overlaps the window: the rule, counted the slow way. */
    private static int expected(Map<String, Instant> latest, Instant at) {
        long hour = 3_600_000;
        long from = at.minus(WINDOW).toEpochMilli();
        return (int) latest.values().stream().filter(t -> {
            long start = Math.floorDiv(t.toEpochMilli(), hour) * hour;
            return start + hour > from && start <= at.toEpochMilli();
        }).count();
    }

    @Test
    void aSignalAppliedTwiceCountsOnceInTheLedgerAndIsRecognisedByTheProfile() {
        WageReporterLedger ledger = WageReporterLedger.inMemory();
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        Signal complaint = wageComplaint("w1", hours(1));
        profile.apply(complaint, MODEL, ledger);

        // The redelivery: the service asks the profile first; it remembers the id.
        assertThat(profile.hasApplied(complaint.id())).isTrue();
        // And the ledger answers the same move, writing nothing new.
        assertThat(ledger.report(RiskFixtures.FUDE, "w1", complaint.id(), hours(1)))
                .isEqualTo(new WageReporter.Move(complaint.id(), null, hours(1)));
        assertThat(profile.workersReporting(hours(2), MODEL)).isEqualTo(1);
    }

    @Test
    void aProfileWriteLostAfterTheLedgerMovedIsRetriedWithTheSameMove() {
        WageReporterLedger ledger = WageReporterLedger.inMemory();
        RiskProfile stored = RiskProfile.of(RiskFixtures.FUDE);
        for (int i = 1; i <= 5; i++) {
            stored.apply(wageComplaint("w" + i, hours(i)), MODEL, ledger);
        }
        Signal again = wageComplaint("w1", hours(40)); // w1 once more: moves from hour 1 to hour 40

        // First attempt: the ledger moves w1, then the profile write loses against another signal.
        RiskProfile lost = reload(stored);
        lost.apply(again, MODEL, ledger);
        stored.apply(wageComplaint("w6", hours(41)), MODEL, ledger);

        // The retry loads the winner's profile and recognises its own ledger write.
        RiskProfile retry = reload(stored);
        retry.apply(again, MODEL, ledger);

        assertThat(retry.workersReporting(hours(41), MODEL)).isEqualTo(6);
        assertThat(retry.workersReporting(hours(78), MODEL)).as("w1 counts at hour 40, w2…w5 left").isEqualTo(2);
        assertThat(retry.reporters().buckets().values()).allMatch(n -> n > 0);
    }

    @Test
    void twoReportsOfOneWorkerRacingForTheProfileCountThemOnce() {
        WageReporterLedger ledger = WageReporterLedger.inMemory();
        RiskProfile stored = RiskProfile.of(RiskFixtures.FUDE);
        stored.apply(wageComplaint("w1", hours(0)), MODEL, ledger);
        Signal first = wageComplaint("w1", hours(5));
        Signal second = wageComplaint("w1", hours(9));

        RiskProfile a = reload(stored);
        a.apply(first, MODEL, ledger); // ledger: hour 0 → 5; its profile write will lose
        RiskProfile b = reload(stored);
        b.apply(second, MODEL, ledger); // ledger: hour 5 → 9; written
        RiskProfile retry = reload(b);
        retry.apply(first, MODEL, ledger); // finds its own move (0 → 5) among the ledger's last moves

        assertThat(retry.workersReporting(hours(9), MODEL)).isEqualTo(1);
        assertThat(retry.workersReporting(hours(78), MODEL)).as("counted at hour 9").isEqualTo(1);
        assertThat(retry.reporters().buckets()).containsExactly(Map.entry(hours(9), 1));
    }

    @Test
    void afterAClosedWarningOnlyNewReportsCountAndAWorkerWhoReportedBeforeCountsOnce() {
        WageReporterLedger ledger = WageReporterLedger.inMemory();
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        for (int i = 1; i <= 10; i++) {
            profile.apply(wageComplaint("w" + i, hours(i)), MODEL, ledger);
        }
        assertThat(profile.assess(hours(10), MODEL).collectiveDispute()).isTrue();
        profile.warningRaised(profile.nextWarningId(), hours(10));
        profile.warningClosed(profile.openWarningId(), hours(20));

        assertThat(profile.workersReporting(hours(20), MODEL)).isZero();
        profile.apply(wageComplaint("w1", hours(21)), MODEL, ledger); // reported before the close, too
        profile.apply(wageComplaint("w11", hours(22)), MODEL, ledger);

        assertThat(profile.workersReporting(hours(22), MODEL)).isEqualTo(2);
        assertThat(profile.reporters().buckets()).containsExactly(Map.entry(hours(21), 1), Map.entry(hours(22), 1));
    }

    @Test
    void aWageReportWithoutAReporterKeyAddsToTheScoreButCountsNoWorker() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        Signal anonymous = new Signal("x-1", RiskFixtures.FUDE, null, null, null, "WAGE_ARREARS_COMPLAINT", 1, hours(1),
                "feedback-service", null, null, 0);
        profile.apply(anonymous, MODEL, (enterprise, reporter, signalId, at) -> {
            throw new AssertionError("no ledger write without a reporter");
        });

        assertThat(profile.workersReporting(hours(1), MODEL)).isZero();
        assertThat(profile.score(hours(1), MODEL)).isCloseTo(10.0, within(1e-9));
    }
}
