package cn.unionhub.alert.risk.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExternalSignalsTest {

    final ExternalSignals rules = new ExternalSignals(RiskFixtures.MODEL, Duration.ofDays(365));
    final Instant now = RiskFixtures.MONDAY_10AM;

    @Test
    void aGoodReportPassesAndTheSameReportAlwaysGetsTheSameId() {
        var report = new ExternalSignals.Report(RiskFixtures.FUDE, null, "330211", "D", "SOCIAL_INSURANCE_ARREARS", 3.0,
                now.minus(Duration.ofDays(1)), "hrss-social-insurance", "SI-2026-0042", null);
        assertThat(rules.violations(report, "", now)).isEmpty();
        assertThat(ExternalSignals.toSignal(report).id()).isEqualTo(ExternalSignals.toSignal(report).id()).startsWith("ext-");
    }

    /** A district of another city than the one the credit code was registered in, or an industry that is no section letter. */
    @Test
    void theDistrictIsOfTheEnterprisesCityAndTheIndustryASectionLetter() {
        var elsewhere = new ExternalSignals.Report(RiskFixtures.FUDE, null, "999999", "<script>", "SOCIAL_INSURANCE_ARREARS", 3.0,
                now.minus(Duration.ofDays(1)), "hrss-social-insurance", "SI-2026-0043", null);
        assertThat(rules.violations(elsewhere, "", now)).extracting(FieldViolation::field, FieldViolation::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("district", "not-the-enterprises-city"),
                org.assertj.core.groups.Tuple.tuple("industry", "industry-section"));
        var movedWithinTheCity = new ExternalSignals.Report(RiskFixtures.FUDE, null, "330206", "C", "SOCIAL_INSURANCE_ARREARS", 3.0,
                now.minus(Duration.ofDays(1)), "hrss-social-insurance", "SI-2026-0044", null);
        assertThat(rules.violations(movedWithinTheCity, "", now)).isEmpty();
        // Registered by the province (330000), any district of the province; by the state (100000), any at all.
        for (String home : new String[] {"91330000MA2F0F0F4", "91100000MA2F0F0F4"}) {
            String code = home + cn.unionhub.platform.identity.ChineseIdentifiers.usccCheckCharacter(home);
            var report = new ExternalSignals.Report(code, null, "330211", "C", "SOCIAL_INSURANCE_ARREARS", 3.0, now.minus(Duration.ofDays(1)),
                    "hrss-social-insurance", "SI-2026-0045", null);
            assertThat(rules.violations(report, "", now)).as(code).isEmpty();
        }
    }

    @Test
    void aReportCannotPassForThePlatformsOwnEvents() {
        // Also as it would display: full-width letters, an invisible character, another service of the platform.
        for (String source : new String[] {"case-service", "case-service\u200b", "ｃａｓｅ-service", " Feedback-Service ", "alert-service"}) {
            var report = new ExternalSignals.Report(RiskFixtures.FUDE, null, "330211", "D", "SOCIAL_INSURANCE_ARREARS", 3.0,
                    now.minus(Duration.ofHours(1)), source, null, null);
            assertThat(rules.violations(report, "", now)).as(source).extracting(FieldViolation::field, FieldViolation::code)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("source", "platform-source"));
        }
    }

    @Test
    void everyBrokenRuleIsReportedAtOnce() {
        var report = new ExternalSignals.Report("91330211MA2H3K5Q1X", null, "3302", null, "WAGE_ARREARS_COMPLAINT", 0.0,
                now.plus(Duration.ofHours(1)), "", null, -5L);
        assertThat(rules.violations(report, "signals[0].", now)).extracting(FieldViolation::field, FieldViolation::code)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("signals[0].enterprise", "uscc"),
                        org.assertj.core.groups.Tuple.tuple("signals[0].kind", "internal-kind"), // counted from the platform's own events
                        org.assertj.core.groups.Tuple.tuple("signals[0].magnitude", "out-of-range"),
                        org.assertj.core.groups.Tuple.tuple("signals[0].occurredAt", "in-future"),
                        org.assertj.core.groups.Tuple.tuple("signals[0].source", "required"),
                        org.assertj.core.groups.Tuple.tuple("signals[0].district", "invalid"),
                        org.assertj.core.groups.Tuple.tuple("signals[0].amountFen", "out-of-range"));
    }

    /** Two reports of Long.MAX_VALUE fen had overflowed the city's daily total into a negative sum. */
    @Test
    void moneyAtStakeIsBoundedAndItsSumNeverOverflows() {
        var huge = new ExternalSignals.Report(RiskFixtures.FUDE, null, "330211", "D", "SOCIAL_INSURANCE_ARREARS", 3.0,
                now.minus(Duration.ofDays(1)), "hrss-social-insurance", "SI-2026-0043", Long.MAX_VALUE);
        assertThat(rules.violations(huge, "", now)).extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("amountFen", "out-of-range"));
        var most = new ExternalSignals.Report(RiskFixtures.FUDE, null, "330211", "D", "SOCIAL_INSURANCE_ARREARS", 3.0,
                now.minus(Duration.ofDays(1)), "hrss-social-insurance", "SI-2026-0044", Signal.MAX_AMOUNT_FEN);
        assertThat(rules.violations(most, "", now)).isEmpty();
        assertThat(Signal.plus(Long.MAX_VALUE, Signal.MAX_AMOUNT_FEN)).isEqualTo(Long.MAX_VALUE);
        assertThat(Signal.plus(2, 3)).isEqualTo(5);
    }
}
