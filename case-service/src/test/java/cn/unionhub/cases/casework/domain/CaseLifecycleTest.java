package cn.unionhub.cases.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import cn.unionhub.events.cases.CaseResolved;
import cn.unionhub.events.cases.CaseResponded;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaseLifecycleTest {

    private static final Instant OPENED = Instant.parse("2026-11-21T01:00:00Z");

    private static Case routedCommuteCase() {
        FeedbackSubmitted commute = new FeedbackSubmitted("fb-1", "ZGDP-20261121-AAAAAA", "COMPLAINT", "CANTEEN_DORMITORY_COMMUTE",
                "MINI_PROGRAM", true, "REGULAR", "91330211MA2H3K5Q1G", "宁波富德能源有限公司", "330211", true, "通勤太远",
                Map.of(), Map.of(), OPENED);
        return Case.openFromFeedback(commute, new RoutingDecision("workplace-to-enterprise-union",
                HandlingOrganisationType.ENTERPRISE_UNION, "宁波富德能源有限公司工会"), "GD-20261121-BBBBBB",
                Duration.ofHours(24), Duration.ofHours(12), OPENED).opened();
    }

    @Test
    void theFirstAnswerWithin24HoursStopsTheClockAndLaterAnswersAreNotFirst() {
        Case.Changed first = routedCommuteCase().respond("ENTERPRISE_UNION", "已向公司反映，正在研究", OPENED.plus(Duration.ofHours(3)));
        Case.Changed second = first.changed().respond("ENTERPRISE_UNION", "公司已决定租大巴", OPENED.plus(Duration.ofHours(30)));

        assertThat(first.changed().status()).isEqualTo(Case.Status.IN_PROGRESS);
        CaseResponded firstEvent = (CaseResponded) first.events().get(0);
        assertThat(firstEvent.first()).isTrue();
        assertThat(firstEvent.withinDeadline()).isTrue();
        CaseResponded secondEvent = (CaseResponded) second.events().get(0);
        assertThat(secondEvent.first()).isFalse();
        assertThat(secondEvent.withinDeadline()).isTrue();
        assertThat(second.changed().firstRespondedAt()).isEqualTo(OPENED.plus(Duration.ofHours(3)));
    }

    @Test
    void aFirstAnswerAfterTheDeadlineIsRecordedAsLate() {
        Case.Changed late = routedCommuteCase().respond("DISTRICT_UNION", "迟到的答复", OPENED.plus(Duration.ofHours(25)));

        assertThat(((CaseResponded) late.events().get(0)).withinDeadline()).isFalse();
    }

    @Test
    void onlyAnAnsweredCaseCanBeResolvedAndOnlyOnce() {
        Case routed = routedCommuteCase();
        assertThatThrownBy(() -> routed.resolve(Case.Outcome.RESOLVED_BY_ENTERPRISE, "……", OPENED))
                .isInstanceOf(ConflictException.class);

        Case answered = routed.respond("ENTERPRISE_UNION", "已反映", OPENED.plusSeconds(60)).changed();
        Case.Changed resolved = answered.resolve(Case.Outcome.RESOLVED_BY_ENTERPRISE, "公司租赁大巴车接送职工上下班", OPENED.plusSeconds(120));

        assertThat(resolved.changed().status()).isEqualTo(Case.Status.RESOLVED);
        assertThat(((CaseResolved) resolved.events().get(0)).outcome()).isEqualTo("RESOLVED_BY_ENTERPRISE");
        assertThatThrownBy(() -> resolved.changed().resolve(Case.Outcome.MEDIATED, "again", OPENED.plusSeconds(180)))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> resolved.changed().respond("HANDLER", "after", OPENED.plusSeconds(180)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void onlyAResolvedCaseReopensAndThenItIsWorkedAgain() {
        Case routed = routedCommuteCase();
        assertThatThrownBy(() -> routed.reopen("不满意", OPENED)).isInstanceOf(ConflictException.class);

        Case resolved = routed.respond("ENTERPRISE_UNION", "已反映", OPENED.plusSeconds(60)).changed()
                .resolve(Case.Outcome.RESOLVED_BY_ENTERPRISE, "租大巴", OPENED.plusSeconds(120)).changed();
        Case.Changed reopened = resolved.reopen("职工不满意：晚班没有车", OPENED.plusSeconds(600));

        assertThat(reopened.changed().status()).isEqualTo(Case.Status.IN_PROGRESS);
        assertThat(reopened.changed().outcome()).isNull();
        assertThat(reopened.changed().firstRespondedAt()).isEqualTo(OPENED.plusSeconds(60));
        assertThat(reopened.changed().resolve(Case.Outcome.JOINT_HANDLING, "增开晚班车", OPENED.plusSeconds(900)).changed().status())
                .isEqualTo(Case.Status.RESOLVED);
    }

    @Test
    void anAnswerMustSaySomething() {
        assertThatThrownBy(() -> routedCommuteCase().respond("HANDLER", "  ", OPENED)).isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> routedCommuteCase().respond("HANDLER", "字".repeat(Case.MAX_TEXT + 1), OPENED))
                .isInstanceOf(RuleViolationException.class);
    }
}
