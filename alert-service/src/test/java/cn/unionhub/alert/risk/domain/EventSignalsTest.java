package cn.unionhub.alert.risk.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.events.cases.CaseOpened;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventSignalsTest {

    final EventSignals mapping = new EventSignals(Map.of("WAGES_ARREARS", "WAGE_ARREARS_COMPLAINT"), "COMPLAINT");

    static CaseOpened opened(String caseId, String source, String feedbackId, String category, Long owed, Integer workers) {
        return new CaseOpened(caseId, "GD-20260302-" + caseId, source, feedbackId, feedbackId == null ? null : "ZGDP-1",
                category, RiskFixtures.FUDE, RiskFixtures.ZHENHAI, "宁波富德能源有限公司", "HOTLINE_12351", "MIGRANT_WORKER",
                "GREEN_CHANNEL", owed, workers, RiskFixtures.MONDAY_10AM);
    }

    @Test
    void aHotlineWageArrearsCaseIsAWageComplaintWithItsMoneyAndWorkersOnce() {
        Signal signal = mapping.of(opened("c1", "HOTLINE_12351", null, "WAGES_ARREARS", 2_600_000L, 30)).orElseThrow();

        assertThat(signal.kind()).isEqualTo("WAGE_ARREARS_COMPLAINT");
        assertThat(signal.magnitude()).isEqualTo(30);
        assertThat(signal.amountFen()).isEqualTo(2_600_000);
        assertThat(signal.enterprise()).isEqualTo(RiskFixtures.FUDE);
        assertThat(signal.district()).isEqualTo(RiskFixtures.ZHENHAI);
        assertThat(signal.reference()).isEqualTo("GD-20260302-c1");
        assertThat(signal.occurredAt()).isEqualTo(RiskFixtures.MONDAY_10AM);
        // The same case delivered again is the same signal (applied once).
        assertThat(mapping.of(opened("c1", "HOTLINE_12351", null, "WAGES_ARREARS", 2_600_000L, 30)).orElseThrow().id())
                .isEqualTo(signal.id());
        // The kind's cap decides how much the workers figure weighs.
        assertThat(RiskFixtures.MODEL.points(signal)).isEqualTo(10);
    }

    @Test
    void assignmentsAndPublicOpinionCountByCategoryAndCasesFromFeedbackAreNotCountedTwice() {
        Signal assignment = mapping.of(opened("c2", "SUPERVISION", null, "SAFETY_PROTECTION", null, null)).orElseThrow();
        assertThat(assignment.kind()).isEqualTo("COMPLAINT");
        assertThat(assignment.magnitude()).isEqualTo(1);
        assertThat(assignment.amountFen()).isZero();
        // A public-opinion clue is not yet a fact: a small weight of its own until checking confirms it.
        Signal clue = mapping.of(opened("c3", "PUBLIC_OPINION", null, "WAGES_ARREARS", 3_000_000L, 40)).orElseThrow();
        assertThat(clue.kind()).isEqualTo(EventSignals.UNVERIFIED_CLUE);
        assertThat(clue.amountFen()).isZero();

        assertThat(mapping.of(opened("c4", "FEEDBACK", "f-1", "WAGES_ARREARS", 860_000L, 1))).isEqualTo(Optional.empty());
    }

    @Test
    void aWorkersComplaintsShareTheirReporterKeySoTheyCountOnce() {
        FeedbackSubmitted first = complaint("f-1", "key-of-worker-a");
        FeedbackSubmitted again = complaint("f-2", "key-of-worker-a");

        assertThat(mapping.of(first).orElseThrow().reporter()).isEqualTo(mapping.of(again).orElseThrow().reporter());
        assertThat(mapping.of(complaint("f-3", null)).orElseThrow().reporter()).isEqualTo("f-3");
    }

    private static FeedbackSubmitted complaint(String id, String reporterKey) {
        return new FeedbackSubmitted(id, "ZGDP-" + id, "COMPLAINT", "WAGES_ARREARS", "MINI_PROGRAM", true, "MIGRANT_WORKER",
                RiskFixtures.FUDE, "宁波富德能源有限公司", RiskFixtures.ZHENHAI, false, "工资没发",
                Map.of("amountOwedFen", 860_000), Map.of(), RiskFixtures.MONDAY_10AM, reporterKey);
    }

    @Test
    void aConfirmedClueCountsAsTheComplaintItReportsAPartlyConfirmedOneAsOneAndAnUnfoundedOneNotAtAll() {
        java.time.Instant at = java.time.Instant.parse("2026-03-03T02:00:00Z");
        Signal confirmed = mapping.of(new cn.unionhub.events.cases.CaseClueVerified("c3", "GD-20260302-P00001",
                "91330211MA2H3K5Q1G", "宁波富德能源有限公司", "330211", "WAGES_ARREARS", 40, 3_000_000L, "CONFIRMED", at)).orElseThrow();
        assertThat(confirmed.kind()).isEqualTo("WAGE_ARREARS_COMPLAINT");
        assertThat(confirmed.magnitude()).isEqualTo(40);
        assertThat(confirmed.amountFen()).isEqualTo(3_000_000L);
        assertThat(confirmed.id()).isEqualTo("clue-confirmed:c3");

        Signal partly = mapping.of(new cn.unionhub.events.cases.CaseClueVerified("c3", "GD-20260302-P00001",
                "91330211MA2H3K5Q1G", null, "330211", "WAGES_ARREARS", 40, 3_000_000L, "PARTLY_CONFIRMED", at)).orElseThrow();
        assertThat(partly.magnitude()).isEqualTo(1);
        assertThat(partly.amountFen()).isZero();

        assertThat(mapping.of(new cn.unionhub.events.cases.CaseClueVerified("c3", "GD-20260302-P00001",
                "91330211MA2H3K5Q1G", null, "330211", "WAGES_ARREARS", 40, 3_000_000L, "UNFOUNDED", at))).isEmpty();
    }
}
