package cn.unionhub.contest.notice.domain;

import static cn.unionhub.contest.fixtures.Contests.CALENDAR;
import static cn.unionhub.contest.fixtures.Contests.beijing;
import static cn.unionhub.contest.fixtures.Objections.ZHOU_MING;
import static cn.unionhub.contest.fixtures.Objections.against;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.events.contest.ObjectionFiled;
import cn.unionhub.events.contest.ObjectionResolved;
import cn.unionhub.contest.fixtures.Objections;
import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoticeTest {

    private static final String EVENT = "ev-2025-130102-welding";

    private static Notice openAt(String beijingTime, int workingDays) {
        return Notice.open("nt-1", EVENT, 1, workingDays, CALENDAR, beijing(beijingTime), List.of());
    }

    @Test
    void fiveWorkingDaysFromTheEveOfNationalDaySkipTheHolidayAndCountTheMakeUpSaturday() {
        // 2025: 1–8 October off; Saturday 11 October worked instead (调休).
        Notice notice = openAt("2025-09-30T16:00", 5);

        // 9 Oct (Thu), 10 Oct (Fri), 11 Oct (Sat, worked), 13 Oct (Mon), 14 Oct (Tue).
        assertThat(notice.closesAt()).isEqualTo(beijing("2025-10-15T00:00"));
        assertThat(notice.isOpen(beijing("2025-10-05T10:00"))).isTrue();
        assertThat(notice.isOpen(beijing("2025-10-14T23:59"))).isTrue();
        assertThat(notice.isOpen(beijing("2025-10-15T00:00"))).isFalse();
        assertThat(notice.provisional()).isFalse();
    }

    @Test
    void theSpringFestivalCountsNothingButTheSaturdaysWorkedBeforeAndAfterItDo() {
        // 2026: 15–23 February off; Saturdays 14 and 28 February worked.
        Notice notice = openAt("2026-02-11T09:30", 5);

        // 12 Feb (Thu), 13 Feb (Fri), 14 Feb (Sat, worked), 24 Feb (Tue), 25 Feb (Wed).
        assertThat(notice.closesAt()).isEqualTo(beijing("2026-02-26T00:00"));

        Notice beforeTheSecondSaturday = openAt("2026-02-25T10:00", 3);
        // 26 Feb (Thu), 27 Feb (Fri), 28 Feb (Sat, worked).
        assertThat(beforeTheSecondSaturday.closesAt()).isEqualTo(beijing("2026-03-01T00:00"));
    }

    @Test
    void aNoticePutUpOnAWeekendStartsCountingOnMonday() {
        Notice notice = openAt("2025-11-22T11:00", 5);

        assertThat(notice.closesAt()).isEqualTo(beijing("2025-11-29T00:00"));
    }

    @Test
    void aNoticeEndingInAYearWithoutAPublishedScheduleSaysItIsProvisional() {
        BusinessCalendar calendar = new BusinessCalendar(List.of(new BusinessCalendar.Year(2031,
                Set.of(LocalDate.of(2031, 1, 1)), Set.of(), true)));

        Notice notice = Notice.open("nt-1", EVENT, 1, 5, calendar, beijing("2030-12-29T10:00"), List.of());

        assertThat(notice.closesAt()).isEqualTo(beijing("2031-01-07T00:00"));
        assertThat(notice.provisional()).isTrue();
    }

    @Test
    void aNamedObjectionWithEvidenceIsTakenWhileTheNoticeIsOpen() {
        Notice notice = openAt("2025-09-30T16:00", 5);

        Notice.Changed filed = notice.file("obj-1", against("reg-007", "射线探伤评分与底片不符"), beijing("2025-10-09T10:00"));

        assertThat(filed.notice().objections()).hasSize(1);
        assertThat(filed.notice().objection("obj-1").objector()).isEqualTo(ZHOU_MING);
        assertThat(filed.events()).containsExactly(new ObjectionFiled(EVENT, "nt-1", "obj-1", "reg-007", beijing("2025-10-09T10:00")));
        assertThat(filed.events().get(0).toString()).doesNotContain("周明").doesNotContain("13803110427");
    }

    @Test
    void anObjectionAfterTheNoticeClosedIsRefused() {
        Notice notice = openAt("2025-09-30T16:00", 5);

        assertThatThrownBy(() -> notice.file("obj-1", against("reg-007", "评分有误"), beijing("2025-10-15T00:00")))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("notice-closed");
        assertThatThrownBy(() -> notice.file("obj-1", against("reg-007", "评分有误"), beijing("2025-09-30T15:00")))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("notice-not-open");
    }

    @Test
    void anObjectionIsMadeByNameWithEvidence() {
        Notice notice = openAt("2025-09-30T16:00", 5);
        Notice.ObjectionForm anonymous = new Notice.ObjectionForm("reg-007", new Objection.Objector(" ", "13803110427", null),
                "评分有误", List.of(Objections.FILM));
        Notice.ObjectionForm unfounded = new Notice.ObjectionForm("reg-007", ZHOU_MING, "评分有误", List.of());
        Notice.ObjectionForm unreachable = new Notice.ObjectionForm("reg-007", new Objection.Objector("周明", "找车间周师傅", null),
                "评分有误", List.of(Objections.FILM));

        assertThatThrownBy(() -> notice.file("obj-1", anonymous, beijing("2025-10-09T10:00")))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("objector.name"));
        assertThatThrownBy(() -> notice.file("obj-1", unfounded, beijing("2025-10-09T10:00")))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::code).containsExactly("evidence-required"));
        assertThatThrownBy(() -> notice.file("obj-1", unreachable, beijing("2025-10-09T10:00")))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::code).containsExactly("invalid-phone"));
        Notice.ObjectionForm byLandline = new Notice.ObjectionForm(null, new Objection.Objector("周明", "0311-86687213", null),
                "评审程序不公开", List.of(Objections.FILM));
        assertThat(notice.file("obj-1", byLandline, beijing("2025-10-09T10:00")).notice().objections()).hasSize(1);
    }

    @Test
    void everyObjectionIsAnsweredOnceWithAReasonEvenAfterTheNoticeClosed() {
        Notice notice = openAt("2025-09-30T16:00", 5)
                .file("obj-1", against("reg-007", "射线探伤评分与底片不符"), beijing("2025-10-14T21:00")).notice();
        Instant afterClosing = beijing("2025-10-16T10:00");

        assertThat(notice.isSettled(afterClosing)).as("closed, but an objection is unanswered").isFalse();
        assertThatThrownBy(() -> notice.answer("obj-1", Verdict.REJECTED, "", "office-changan-union", afterClosing))
                .isInstanceOf(RuleViolationException.class).hasMessageStartingWith("reason-required");

        Notice.Changed answered = notice.answer("obj-1", Verdict.REJECTED, "经复核底片，评分与底片一致", "office-changan-union", afterClosing);
        assertThat(answered.notice().isSettled(afterClosing)).isTrue();
        assertThat(answered.events()).containsExactly(new ObjectionResolved(EVENT, "nt-1", "obj-1", "reg-007", "REJECTED", afterClosing));
        assertThatThrownBy(() -> answered.notice().answer("obj-1", Verdict.UPHELD, "改判", "office-changan-union", afterClosing))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("objection-answered");
    }

    @Test
    void aReplacedNoticeTakesNoMoreObjectionsAndItsOpenOnesCarryOver() {
        Notice first = openAt("2025-09-30T16:00", 5)
                .file("obj-1", against("reg-007", "射线探伤评分与底片不符"), beijing("2025-10-09T10:00")).notice()
                .file("obj-2", against("reg-012", "安全文明生产扣分不当"), beijing("2025-10-09T11:00")).notice()
                .answer("obj-1", Verdict.UPHELD, "底片复核存在未熔合缺陷，更正评分", "office-changan-union", beijing("2025-10-10T10:00"))
                .notice();

        Notice replaced = first.supersede(beijing("2025-10-11T09:00"));
        Notice second = Notice.open("nt-2", EVENT, 2, 5, CALENDAR, beijing("2025-10-11T09:00"), replaced.unanswered());

        assertThatThrownBy(() -> replaced.file("obj-3", against("reg-007", "再议"), beijing("2025-10-11T10:00")))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("notice-superseded");
        assertThat(second.objections()).extracting(Objection::id, Objection::filedOn).containsExactly(
                org.assertj.core.groups.Tuple.tuple("obj-2", "nt-1"));
        assertThat(second.closesAt()).as("a full new period: 13–17 October").isEqualTo(beijing("2025-10-18T00:00"));
    }

    @Test
    void aNoticeRunsFromOneToThirtyWorkingDays() {
        assertThatThrownBy(() -> openAt("2025-09-30T16:00", 0)).isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> openAt("2025-09-30T16:00", 31)).isInstanceOf(RuleViolationException.class);
    }
}
