package cn.unionhub.alert.risk.domain;

import static cn.unionhub.alert.risk.domain.RiskFixtures.MONDAY_10AM;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WageReporterTest {

    private static final Instant T0 = MONDAY_10AM;
    private static final Instant T1 = MONDAY_10AM.plus(Duration.ofHours(5));
    private static final Instant T2 = MONDAY_10AM.plus(Duration.ofHours(9));

    @Test
    void aWorkersFirstReportCountsThemAtItsTime() {
        WageReporter.Outcome first = WageReporter.report(null, "s1", T0);

        assertThat(first.move()).isEqualTo(new WageReporter.Move("s1", null, T0));
        assertThat(first.next().latest()).isEqualTo(T0);
    }

    @Test
    void aLaterReportMovesTheWorkerFromTheirPreviousLatestReport() {
        WageReporter entry = WageReporter.report(null, "s1", T0).next();

        WageReporter.Outcome again = WageReporter.report(entry, "s2", T1);

        assertThat(again.move()).isEqualTo(new WageReporter.Move("s2", T0, T1));
        assertThat(again.next().latest()).isEqualTo(T1);
    }

    @Test
    void anEarlierOrSimultaneousReportMovesNothing() {
        WageReporter entry = WageReporter.report(null, "s1", T1).next();

        assertThat(WageReporter.report(entry, "s0", T0)).isEqualTo(new WageReporter.Outcome(null, null));
        assertThat(WageReporter.report(entry, "s1b", T1)).isEqualTo(new WageReporter.Outcome(null, null));
    }

    @Test
    void theSameSignalAskingAgainGetsItsOwnMoveAndWritesNothingEvenAfterLaterMoves() {
        WageReporter afterS1 = WageReporter.report(null, "s1", T0).next();
        WageReporter afterS2 = WageReporter.report(afterS1, "s2", T1).next();
        WageReporter afterS3 = WageReporter.report(afterS2, "s3", T2).next();

        // A retry (its profile write was lost) or a redelivery (a crash before the profile write).
        assertThat(WageReporter.report(afterS2, "s2", T1)).isEqualTo(new WageReporter.Outcome(null,
                new WageReporter.Move("s2", T0, T1)));
        // Also once another report of the same worker moved the entry on in between.
        assertThat(WageReporter.report(afterS3, "s2", T1)).isEqualTo(new WageReporter.Outcome(null,
                new WageReporter.Move("s2", T0, T1)));
        assertThat(WageReporter.report(afterS3, "s1", T0).move()).isEqualTo(new WageReporter.Move("s1", null, T0));
    }

    @Test
    void theEntryRemembersOnlyTheLastFewMoves() {
        WageReporter entry = null;
        for (int i = 0; i < 3 * WageReporter.MOVES_KEPT; i++) {
            entry = WageReporter.report(entry, "s" + i, T0.plus(Duration.ofMinutes(i))).next();
        }

        assertThat(entry.moves()).hasSize(WageReporter.MOVES_KEPT);
        assertThat(entry.moves().get(WageReporter.MOVES_KEPT - 1).signalId()).isEqualTo("s" + (3 * WageReporter.MOVES_KEPT - 1));
    }

    @Test
    void theInMemoryLedgerFollowsTheSameRulesPerEnterpriseAndWorker() {
        WageReporterLedger ledger = WageReporterLedger.inMemory();

        assertThat(ledger.report("E1", "w1", "s1", T0)).isEqualTo(new WageReporter.Move("s1", null, T0));
        assertThat(ledger.report("E2", "w1", "s2", T1)).isEqualTo(new WageReporter.Move("s2", null, T1));
        assertThat(ledger.report("E1", "w1", "s3", T1)).isEqualTo(new WageReporter.Move("s3", T0, T1));
        assertThat(ledger.report("E1", "w1", "s3", T1)).isEqualTo(new WageReporter.Move("s3", T0, T1));
        assertThat(ledger.report("E1", "w1", "s4", T0)).isNull();
    }
}
