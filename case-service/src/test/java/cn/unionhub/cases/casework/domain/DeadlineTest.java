package cn.unionhub.cases.casework.domain;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.calendar.SlaClock;
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
        // Paused twice, or resumed while running: the reason is the clock, not the status ("in progress").
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> paused.pause(CHAIR, "再暂停", beijing("2026-11-20T18:00")))
                .isInstanceOfSatisfying(cn.unionhub.platform.domain.ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("case-already-paused"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accepted.resume(CHAIR, null, CALENDAR, beijing("2026-11-20T18:00")))
                .isInstanceOfSatisfying(cn.unionhub.platform.domain.ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("case-not-paused"));

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

    /**
     * Issue #12: a deadline set on a computed (provisional) year moves when the State Council's
     * schedule replaces it — here 春节 2027 runs 5–13 February instead of the four statutory days, and
     * Sunday 14 February is worked instead (调休) — and the case says so once.
     */
    @Test
    void publishingAYearsScheduleMovesTheDeadlinesSetOnItsComputedHolidaysOnce() {
        BusinessCalendar calendar = new BusinessCalendar(List.of(cn.unionhub.platform.calendar.StatutoryHolidays.of(2027)));
        CaseRules rules = CaseFixtures.rulesOn(calendar);
        Case c = CaseFixtures.opened(CaseFixtures.commute("REGULAR"), rules, beijing("2027-02-04T15:00"));
        // Computed: 除夕 to the third day (5–8 February) off, so 24 working hours end Tuesday 9 February.
        assertThat(c.deadlines().firstResponseDueAt()).isEqualTo(beijing("2027-02-09T15:00"));
        Case paused = c.accept(CHAIR, beijing("2027-02-04T16:00")).changed()
                .pause(CHAIR, "请职工补充工资条", beijing("2027-02-09T10:00")).changed()
                .resume(CHAIR, "已补充", calendar, beijing("2027-02-09T12:00")).changed();
        assertThat(paused.deadlines().firstResponseDueAt()).isEqualTo(beijing("2027-02-09T17:00"));
        assertThat(paused.recalculated(rules, 2027, beijing("2027-02-09T13:00")).events()).as("nothing changed yet").isEmpty();

        java.util.Set<java.time.LocalDate> springFestival = new java.util.HashSet<>(calendar.year(2027).orElseThrow().holidays());
        java.time.LocalDate.of(2027, 2, 5).datesUntil(java.time.LocalDate.of(2027, 2, 14)).forEach(springFestival::add);
        calendar.publish(new BusinessCalendar.Year(2027, springFestival, java.util.Set.of(java.time.LocalDate.of(2027, 2, 14))));
        Case.Changed moved = paused.recalculated(rules, 2027, beijing("2027-02-09T13:00"));

        // Thursday 15:00 + 9 h to midnight, then the break until Sunday 14 February (worked): 15:00, plus
        // the 2 h waited on the worker (which fell on a day off now, so it no longer counts): 15:00.
        assertThat(moved.changed().deadlines().firstResponseDueAt()).isEqualTo(beijing("2027-02-14T15:00"));
        assertThat(moved.events()).singleElement().isInstanceOfSatisfying(
                cn.unionhub.events.cases.CaseDeadlinesRecalculated.class, e -> {
                    assertThat(e.firstResponseDueAt()).isEqualTo(beijing("2027-02-14T15:00"));
                    assertThat(e.calendarYear()).isEqualTo(2027);
                });
        assertThat(moved.changed().history()).last().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("DEADLINES_RECALCULATED");
            assertThat(entry.details()).containsEntry("previousFirstResponseDueAt", beijing("2027-02-09T17:00").toString());
        });
        assertThat(moved.changed().nextCheckAt(rules)).contains(beijing("2027-02-14T11:00"));
        assertThat(moved.changed().recalculated(rules, 2027, beijing("2027-02-09T14:00")).events()).as("once").isEmpty();
        Case resolved = moved.changed().respond(CHAIR, "已与企业沟通", List.of(), calendar, beijing("2027-02-14T09:00")).changed()
                .resolve(CHAIR, Case.Outcome.RESOLVED_BY_ENTERPRISE, "企业已整改", null, null, calendar, beijing("2027-02-14T10:00"))
                .changed();
        calendar.publish(new BusinessCalendar.Year(2027, springFestival, java.util.Set.of()));
        assertThat(resolved.recalculated(rules, 2027, beijing("2027-02-14T11:00")).events()).as("a resolved case keeps its times").isEmpty();
    }
}
