package cn.unionhub.platform.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatutoryHolidaysTest {

    @Test
    void theComputedStatutoryDaysOf2026AreAllInTheStateCouncilsPublishedSchedule() {
        BusinessCalendar.Year computed = StatutoryHolidays.of(2026);
        BusinessCalendar published = CalendarFiles.load(null);

        assertThat(computed.provisional()).isTrue();
        assertThat(computed.holidays()).hasSize(13).contains(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 16),
                LocalDate.of(2026, 2, 17), LocalDate.of(2026, 2, 19), LocalDate.of(2026, 4, 5), LocalDate.of(2026, 5, 2),
                LocalDate.of(2026, 6, 19), LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 3));
        assertThat(computed.holidays()).allMatch(day -> !published.isWorkingDay(day));
        assertThat(published.knows(2026)).isTrue();
        assertThat(published.isProvisional(LocalDate.of(2026, 6, 1))).isFalse();
    }

    @Test
    void theLunarHolidaysOf2027ComeFromTheLunarCalendar() {
        // 2027: 春节 6 February (除夕 5 February), 清明 5 April, 端午 9 June, 中秋 15 September.
        assertThat(StatutoryHolidays.of(2027).holidays()).contains(LocalDate.of(2027, 2, 5), LocalDate.of(2027, 2, 6),
                LocalDate.of(2027, 2, 8), LocalDate.of(2027, 4, 5), LocalDate.of(2027, 6, 9), LocalDate.of(2027, 9, 15));
    }

    @Test
    void aDeadlineRunningIntoAnUnpublishedYearSkipsItsNewYearsDayAndIsMarkedProvisional() {
        BusinessCalendar calendar = new BusinessCalendar(List.of(StatutoryHolidays.of(2027)));
        Instant thursdayAfternoon = LocalDateTime.parse("2026-12-31T15:00").atZone(BusinessCalendar.BEIJING).toInstant();

        Instant due = calendar.plus(thursdayAfternoon, Duration.ofHours(24), SlaClock.WORKING_DAYS);

        // Not Friday 1 January (元旦), nor the weekend: Monday 4 January, 15:00.
        assertThat(due.atZone(BusinessCalendar.BEIJING).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2027-01-04T15:00"));
        assertThat(calendar.isProvisional(due)).isTrue();
        assertThat(calendar.knows(2027)).isFalse();
    }
}
