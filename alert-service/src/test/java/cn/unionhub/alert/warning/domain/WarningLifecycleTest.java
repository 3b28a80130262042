package cn.unionhub.alert.warning.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.alert.risk.domain.Assessment;
import cn.unionhub.alert.risk.domain.RiskFixtures;
import cn.unionhub.events.alert.AlertClosed;
import cn.unionhub.events.alert.AlertLevelChanged;
import cn.unionhub.events.alert.AlertRaised;
import cn.unionhub.events.alert.AlertVerified;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarningLifecycleTest {

    static final Instant RAISED_AT = RiskFixtures.MONDAY_10AM;

    static Assessment assessment(WarningLevel previous, WarningLevel level, double score, boolean collective) {
        return new Assessment(score, Map.of("WAGE_ARREARS_COMPLAINT", score), level, previous, level,
                Assessment.Change.UPGRADE, collective, collective ? 12 : 3, 5_400_000);
    }

    static Warning raised() {
        return Warning.raise(RiskFixtures.FUDE + "-1", RiskFixtures.FUDE, "宁波富德能源有限公司", "330211", "D",
                assessment(null, WarningLevel.RED, 118.456, true), List.of(),
                List.of("镇海区人力资源和社会保障局劳动保障监察大队", "镇海区总工会"), false, RAISED_AT).changed();
    }

    @Test
    void aRaisedWarningIsPushedAndAnnouncedWithItsExplanation() {
        Warning.Changed changed = Warning.raise(RiskFixtures.FUDE + "-1", RiskFixtures.FUDE, "宁波富德能源有限公司", "330211",
                "D", assessment(null, WarningLevel.RED, 118.456, true), List.of(), List.of("镇海区总工会"), true, RAISED_AT);

        assertThat(changed.changed().status()).isEqualTo(Warning.Status.PUSHED);
        AlertRaised event = (AlertRaised) changed.events().get(0);
        assertThat(event.level()).isEqualTo("RED");
        assertThat(event.score()).isEqualTo(118.46);
        assertThat(event.collectiveDispute()).isTrue();
        assertThat(event.kindContributions()).containsEntry("WAGE_ARREARS_COMPLAINT", 118.46);
        assertThat(event.legalHealthCheckRecommended()).isTrue();
        assertThat(event.partitionKey()).isEqualTo(RiskFixtures.FUDE);
    }

    @Test
    void aConfirmedWarningGoesThroughDisposalAndDockingBeforeItCloses() {
        Instant t = RAISED_AT.plus(Duration.ofHours(2));
        Warning.Changed verified = raised().verify(Warning.Verdict.CONFIRMED, "走访核实：拖欠 12 人两个月工资", new Warning.Acting("DISTRICT_UNION", "district-union-1"), t);
        assertThat(verified.events()).singleElement().isInstanceOf(AlertVerified.class);
        Warning confirmed = verified.changed();

        assertThatThrownBy(() -> confirmed.close("提前闭环", new Warning.Acting("DISTRICT_UNION", "district-union-1"), t))
                .isInstanceOf(ConflictException.class);

        Warning disposed = confirmed.dispose("人社、工会联合约谈企业，限期支付", new Warning.Acting("GOV_SYSTEM", "gov-system-1"), t.plusSeconds(60)).changed();
        Warning docked = disposed.dock("法律援助中心对接，职工申请调解", new Warning.Acting("HANDLER", "handler-1"), t.plusSeconds(120)).changed();
        Warning.Changed closed = docked.close("企业建立工资专户，纳入月度巡查", new Warning.Acting("DISTRICT_UNION", "district-union-1"), t.plusSeconds(180));

        assertThat(closed.changed().status()).isEqualTo(Warning.Status.CLOSED);
        assertThat(closed.changed().history()).extracting(Warning.Step::action).containsExactly(Warning.Action.RAISED,
                Warning.Action.VERIFIED, Warning.Action.DISPOSED, Warning.Action.DOCKED, Warning.Action.CLOSED);
        // Each step of the loop names the role and the person who took it; the service's own steps name no one.
        assertThat(closed.changed().history()).extracting(Warning.Step::by, Warning.Step::who).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alert-service", null), org.assertj.core.groups.Tuple.tuple("DISTRICT_UNION", "district-union-1"),
                org.assertj.core.groups.Tuple.tuple("GOV_SYSTEM", "gov-system-1"), org.assertj.core.groups.Tuple.tuple("HANDLER", "handler-1"),
                org.assertj.core.groups.Tuple.tuple("DISTRICT_UNION", "district-union-1"));
        AlertClosed event = (AlertClosed) closed.events().get(0);
        assertThat(event.verdict()).isEqualTo("CONFIRMED");
        assertThat(event.governanceNotes()).isEqualTo("企业建立工资专户，纳入月度巡查");
    }

    @Test
    void aFalsePositiveNeedsAReasonAndClosesStraightAway() {
        assertThatThrownBy(() -> raised().verify(Warning.Verdict.FALSE_POSITIVE, " ", new Warning.Acting("HANDLER", "handler-1"), RAISED_AT))
                .isInstanceOf(RuleViolationException.class);
        Warning falsePositive = raised().verify(Warning.Verdict.FALSE_POSITIVE, "同名企业误报", new Warning.Acting("HANDLER", "handler-1"), RAISED_AT).changed();

        assertThatThrownBy(() -> falsePositive.dispose("不应处置", new Warning.Acting("HANDLER", "handler-1"), RAISED_AT)).isInstanceOf(ConflictException.class);
        assertThat(falsePositive.close("核对企业名录", new Warning.Acting("HANDLER", "handler-1"), RAISED_AT).changed().status()).isEqualTo(Warning.Status.CLOSED);
    }

    /** Evidence after a false-positive verdict (a lawsuit filed since) is verified again, not closed away with the verdict. */
    @Test
    void newEvidenceAfterAFalsePositiveVerdictIsVerifiedAgain() {
        Warning falsePositive = raised().verify(Warning.Verdict.FALSE_POSITIVE, "同名企业误报", new Warning.Acting("HANDLER", "handler-1"),
                RAISED_AT).changed();
        Warning sameLevel = falsePositive.refresh(new Assessment(falsePositive.score() + 20, Map.of(), falsePositive.level(),
                falsePositive.level(), falsePositive.level(), Assessment.Change.NONE, false, 1, 0), List.of(), RAISED_AT.plusSeconds(60));
        assertThat(sameLevel.status()).isEqualTo(Warning.Status.PUSHED);
        assertThat(sameLevel.verdict()).isNull();
        assertThat(sameLevel.history().get(sameLevel.history().size() - 1).action()).isEqualTo(Warning.Action.REOPENED);
        assertThatThrownBy(() -> sameLevel.close("误报", new Warning.Acting("HANDLER", "handler-1"), RAISED_AT)).isInstanceOf(ConflictException.class);
        assertThat(falsePositive.refresh(new Assessment(falsePositive.score() + 0.5, Map.of(), falsePositive.level(), falsePositive.level(),
                falsePositive.level(), Assessment.Change.NONE, false, 1, 0), List.of(), RAISED_AT).status())
                .as("next to nothing new (a routine daily count) does not undo the verdict").isEqualTo(Warning.Status.FALSE_POSITIVE);
        // Evidence coming in bit by bit counts from the verdict: 3 points, then 3 more, reopen it (6 ≥ 5 since the verdict).
        Warning plusThree = falsePositive.refresh(new Assessment(falsePositive.score() + 3, Map.of(), falsePositive.level(),
                falsePositive.level(), falsePositive.level(), Assessment.Change.NONE, false, 1, 0), List.of(), RAISED_AT.plusSeconds(30));
        assertThat(plusThree.status()).isEqualTo(Warning.Status.FALSE_POSITIVE);
        assertThat(plusThree.refresh(new Assessment(falsePositive.score() + 6, Map.of(), falsePositive.level(), falsePositive.level(),
                falsePositive.level(), Assessment.Change.NONE, false, 1, 0), List.of(), RAISED_AT.plusSeconds(60)).status())
                .isEqualTo(Warning.Status.PUSHED);
        Warning yellow = Warning.raise(RiskFixtures.FUDE + "-2", RiskFixtures.FUDE, null, "330211", null,
                assessment(null, WarningLevel.YELLOW, 45, false), List.of(), List.of("镇海区总工会"), false, RAISED_AT).changed()
                .verify(Warning.Verdict.FALSE_POSITIVE, "同名企业误报", new Warning.Acting("HANDLER", "handler-1"), RAISED_AT).changed();
        Warning upgraded = yellow.reassess(new Assessment(200, Map.of(), WarningLevel.RED, WarningLevel.YELLOW, WarningLevel.RED,
                Assessment.Change.UPGRADE, false, 1, 0), List.of(), RAISED_AT.plusSeconds(60)).changed();
        assertThat(upgraded.status()).isEqualTo(Warning.Status.PUSHED);
        assertThat(upgraded.verify(Warning.Verdict.CONFIRMED, "新证据属实", new Warning.Acting("HANDLER", "handler-1"), RAISED_AT)
                .changed().status()).isEqualTo(Warning.Status.CONFIRMED);
    }

    @Test
    void verifyingTwiceOrTouchingAClosedWarningIsAConflict() {
        Warning verified = raised().verify(Warning.Verdict.CONFIRMED, "属实", new Warning.Acting("HANDLER", "handler-1"), RAISED_AT).changed();
        assertThatThrownBy(() -> verified.verify(Warning.Verdict.CONFIRMED, "再次", new Warning.Acting("HANDLER", "handler-1"), RAISED_AT))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void levelChangesFollowTheAssessmentAndNeverGoBelowBlue() {
        Warning yellow = Warning.raise(RiskFixtures.FUDE + "-1", RiskFixtures.FUDE, null, "330211", null,
                assessment(null, WarningLevel.YELLOW, 45, false), List.of(), List.of("镇海区总工会"), false, RAISED_AT).changed();

        Warning.Changed up = yellow.reassess(assessment(WarningLevel.YELLOW, WarningLevel.RED, 160, false), List.of(), RAISED_AT);
        AlertLevelChanged event = (AlertLevelChanged) up.events().get(0);
        assertThat(event.direction()).isEqualTo("UPGRADE");
        assertThat(event.previousLevel()).isEqualTo("YELLOW");
        assertThat(up.changed().level()).isEqualTo(WarningLevel.RED);

        Warning.Changed gone = up.changed().reassess(new Assessment(5, Map.of(), null, WarningLevel.RED, null,
                Assessment.Change.DOWNGRADE, false, 0, 0), List.of(), RAISED_AT.plus(Duration.ofDays(5)));
        assertThat(gone.changed().level()).isEqualTo(WarningLevel.BLUE);
        assertThat(((AlertLevelChanged) gone.events().get(0)).direction()).isEqualTo("DOWNGRADE");

        assertThat(gone.changed().reassess(new Assessment(1, Map.of(), null, null, null, Assessment.Change.NONE, false, 0, 0),
                List.of(), RAISED_AT.plus(Duration.ofDays(6))).events()).isEmpty();
    }

    @Test
    void newEvidenceRefreshesTheFiguresOfAnOpenWarningWithoutChangingItsLevelOrHistory() {
        Warning red = raised();
        Assessment more = new Assessment(131.5, Map.of("WAGE_ARREARS_COMPLAINT", 121.5, "HOTLINE_CALLS", 10.0),
                WarningLevel.RED, WarningLevel.RED, WarningLevel.RED, Assessment.Change.NONE, true, 14, 7_200_000);
        cn.unionhub.events.alert.SignalContribution newest = new cn.unionhub.events.alert.SignalContribution("feedback:x",
                "WAGE_ARREARS_COMPLAINT", RAISED_AT, 1, "feedback-service", "ZGDP-1", 10);

        Warning refreshed = red.refresh(more, List.of(newest), RAISED_AT);

        assertThat(refreshed.level()).isEqualTo(WarningLevel.RED);
        assertThat(refreshed.score()).isEqualTo(131.5);
        assertThat(refreshed.workersReporting()).isEqualTo(14);
        assertThat(refreshed.amountAtStakeFen()).isEqualTo(7_200_000);
        assertThat(refreshed.kindContributions()).containsEntry("HOTLINE_CALLS", 10.0);
        assertThat(refreshed.signals()).containsExactly(newest);
        assertThat(refreshed.history()).isEqualTo(red.history());
        // Figures of the peak stay: fewer workers within the window later does not unsay the dispute.
        Warning later = refreshed.refresh(new Assessment(90, Map.of(), WarningLevel.ORANGE, WarningLevel.RED, WarningLevel.RED,
                Assessment.Change.NONE, false, 2, 7_200_000), List.of(), RAISED_AT);
        assertThat(later.workersReporting()).isEqualTo(14);
        assertThat(later.collectiveDispute()).isTrue();
    }
}
