package cn.unionhub.cases.casework.domain;

import static cn.unionhub.cases.casework.domain.CaseFixtures.CALENDAR;
import static cn.unionhub.cases.casework.domain.CaseFixtures.CHAIR;
import static cn.unionhub.cases.casework.domain.CaseFixtures.RULES;
import static cn.unionhub.cases.casework.domain.CaseFixtures.beijing;
import static cn.unionhub.cases.casework.domain.CaseFixtures.opened;
import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.events.cases.CaseDeadlineWarning;
import cn.unionhub.events.cases.CaseEscalated;
import cn.unionhub.events.cases.CaseFirstResponded;
import cn.unionhub.events.cases.CaseResumed;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    /** Friday 20 November 15:00: the first answer is due Monday 23 November 15:00 (24 working hours). */
    private static final Case FRIDAY_CASE = opened(beijing("2026-11-20T15:00"));

    @Test
    void theWatcherWarnsOnceBeforeTheDeadlineThenEscalatesOneLevelPerRungEachOnce() {
        Case c = FRIDAY_CASE;
        assertThat(c.nextCheckAt(RULES)).contains(beijing("2026-11-23T11:00")); // 4 working hours before
        assertThat(c.checkDeadlines(RULES, beijing("2026-11-23T10:59")).events()).isEmpty();

        Case.Changed warned = c.checkDeadlines(RULES, beijing("2026-11-23T11:00"));
        assertThat(warned.events()).hasExactlyElementsOfTypes(CaseDeadlineWarning.class);
        assertThat(warned.changed().slaStatus(beijing("2026-11-23T12:00")).state()).isEqualTo("DUE_SOON");
        assertThat(warned.changed().checkDeadlines(RULES, beijing("2026-11-23T12:00")).events()).as("warned once").isEmpty();
        assertThat(warned.changed().nextCheckAt(RULES)).contains(beijing("2026-11-23T15:00"));

        Case.Changed level1 = warned.changed().checkDeadlines(RULES, beijing("2026-11-23T15:00"));
        assertThat(level1.events()).hasExactlyElementsOfTypes(CaseEscalated.class);
        CaseEscalated first = (CaseEscalated) level1.events().get(0);
        assertThat(first.level()).isEqualTo(1);
        assertThat(first.supervisor()).isEqualTo("镇海区总工会");
        assertThat(level1.changed().slaStatus(beijing("2026-11-23T16:00")))
                .extracting(Case.SlaStatus::state, Case.SlaStatus::escalationLevel).containsExactly("ESCALATED", 1);
        assertThat(level1.changed().checkDeadlines(RULES, beijing("2026-11-23T16:00")).events()).as("level 1 once").isEmpty();
        assertThat(level1.changed().history()).extracting(HistoryEntry::action).contains("DEADLINE_MISSED", "ESCALATED");

        // Level 2 comes 24 working hours after the missed deadline: Tuesday 15:00.
        assertThat(level1.changed().nextCheckAt(RULES)).contains(beijing("2026-11-24T15:00"));
        Case.Changed level2 = level1.changed().checkDeadlines(RULES, beijing("2026-11-24T15:00"));
        assertThat(((CaseEscalated) level2.events().get(0)).level()).isEqualTo(2);
        assertThat(level2.changed().assignment().supervisor()).isEqualTo("市总工会");
        assertThat(level2.changed().nextCheckAt(RULES)).as("the top of the ladder: nothing more to do").isEmpty();
    }

    @Test
    void aWatcherThatWasDownClimbsEveryRungItMissedButWarnsNoMore() {
        Case.Changed late = FRIDAY_CASE.checkDeadlines(RULES, beijing("2026-11-30T09:00"));

        assertThat(late.events()).hasExactlyElementsOfTypes(CaseEscalated.class, CaseEscalated.class);
        assertThat(late.events()).extracting(e -> ((CaseEscalated) e).level()).containsExactly(1, 2);
        assertThat(late.changed().checkDeadlines(RULES, beijing("2026-12-30T09:00")).events()).isEmpty();
    }

    @Test
    void pausedCasesAreNotWatchedAndResumingMovesTheDeadlinesByTheWorkingTimeWaited() {
        Case accepted = FRIDAY_CASE.accept(CHAIR, beijing("2026-11-20T16:00")).changed();
        // Waiting on the worker from Friday 17:00 to Tuesday 10:00: 7 h on Friday, the weekend, 24 h Monday, 10 h Tuesday.
        Case paused = accepted.pause(CHAIR, "请职工补充工资条", beijing("2026-11-20T17:00")).changed();
        assertThat(paused.nextCheckAt(RULES)).isEmpty();
        assertThat(paused.checkDeadlines(RULES, beijing("2026-11-25T09:00")).events()).isEmpty();
        assertThat(paused.slaStatus(beijing("2026-11-23T09:00")).state()).isEqualTo("PAUSED");

        Case.Changed resumed = paused.resume(CHAIR, "职工已提供工资条", CALENDAR, beijing("2026-11-24T10:00"));
        Case c = resumed.changed();
        assertThat(c.deadlines().firstResponseDueAt()).isEqualTo(CALENDAR.plus(beijing("2026-11-23T15:00"), Duration.ofHours(41),
                SlaClock.WORKING_DAYS));
        assertThat(c.deadlines().firstResponseDueAt()).isEqualTo(beijing("2026-11-25T08:00"));
        assertThat(c.deadlines().pauses()).singleElement()
                .satisfies(p -> assertThat(p.reason()).isEqualTo("请职工补充工资条"));
        assertThat(((CaseResumed) resumed.events().get(0)).firstResponseDueAt()).isEqualTo(beijing("2026-11-25T08:00"));

        // The answer given at Wednesday 07:00 is in time, and the paused hours are not counted as taken.
        Case.Changed answered = c.respond(CHAIR, "已与企业核对工资条", List.of(), CALENDAR, beijing("2026-11-25T07:00"));
        CaseFirstResponded first = (CaseFirstResponded) answered.events().get(0); // accepted before: no CaseAccepted
        assertThat(first.withinDeadline()).isTrue();
        assertThat(Duration.parse(first.elapsed())).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void afterTheFirstAnswerTheWatcherFollowsTheResolutionDeadline() {
        Case answered = FRIDAY_CASE.respond(CHAIR, "已反映", List.of(), CALENDAR, beijing("2026-11-20T16:00")).changed();

        assertThat(answered.deadlines().current()).isEqualTo(Case.Deadline.RESOLUTION);
        assertThat(answered.nextCheckAt(RULES)).contains(CALENDAR.minus(answered.deadlines().resolutionDueAt(),
                Duration.ofHours(4), SlaClock.WORKING_DAYS));
        assertThat(answered.checkDeadlines(RULES, beijing("2026-11-24T15:00")).events()).isEmpty();
    }
}
