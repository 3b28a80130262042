package cn.unionhub.platform.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    /** The shipped schedules (calendar/*.yml) and the computed years after them. */
    private static final BusinessCalendar CALENDAR = CalendarFiles.load(null);

    private static Instant beijing(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(BusinessCalendar.BEIJING).toInstant();
    }


    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void theShippedSchedulesKnowHolidaysAndMakeUpWorkdays() {
        assertThat(CALENDAR.knows(2025)).isTrue();
        assertThat(CALENDAR.knows(2026)).isTrue();
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-10-05"))).as("国庆 on a Monday").isFalse();
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-10-10"))).as("调休 Saturday").isTrue();
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-09-20"))).as("调休 Sunday").isTrue();
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-11-21"))).as("a plain Saturday").isFalse();
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-11-23"))).as("a plain Monday").isTrue();
    }

    @Test
    void twentyFourHoursFromFridayAfternoonFallDueOnMondayAfternoon() {
        assertThat(CALENDAR.plus(beijing("2026-11-20T15:00"), DAY, SlaClock.WORKING_DAYS)).isEqualTo(beijing("2026-11-23T15:00"));
    }

    @Test
    void aHolidayStopsTheClockForItsWholeLength() {
        // 国庆: Wednesday 30 September 10:00 → 14 h that day, 1–7 October off, 10 h on Thursday 8 October.
        assertThat(CALENDAR.plus(beijing("2026-09-30T10:00"), DAY, SlaClock.WORKING_DAYS)).isEqualTo(beijing("2026-10-08T10:00"));
        // 春节: Friday 13 February 12:00 → 12 h, then Saturday 14 February is worked (调休) → due at its noon.
        assertThat(CALENDAR.plus(beijing("2026-02-13T12:00"), DAY, SlaClock.WORKING_DAYS)).isEqualTo(beijing("2026-02-14T12:00"));
    }

    @Test
    void aMakeUpWorkingWeekendKeepsTheClockRunning() {
        // Friday 18 September 15:00: Saturday 19 is off, Sunday 20 is worked before 国庆/中秋 → due Sunday 15:00.
        assertThat(CALENDAR.plus(beijing("2026-09-18T15:00"), DAY, SlaClock.WORKING_DAYS)).isEqualTo(beijing("2026-09-20T15:00"));
        // The same on a calendar without the schedule would skip the whole weekend.
        assertThat(BusinessCalendar.weekdaysOnly().plus(beijing("2026-09-18T15:00"), DAY, SlaClock.WORKING_DAYS))
                .isEqualTo(beijing("2026-09-21T15:00"));
    }

    @Test
    void timeReceivedOnAHolidayStartsCountingOnTheNextWorkingDay() {
        assertThat(CALENDAR.plus(beijing("2026-10-03T20:00"), DAY, SlaClock.WORKING_DAYS)).isEqualTo(beijing("2026-10-09T00:00"));
    }

    @Test
    void betweenAndMinusAgreeWithPlus() {
        Instant start = beijing("2026-09-30T10:00");
        Instant due = CALENDAR.plus(start, Duration.ofHours(30), SlaClock.WORKING_DAYS);
        assertThat(CALENDAR.between(start, due, SlaClock.WORKING_DAYS)).isEqualTo(Duration.ofHours(30));
        assertThat(CALENDAR.minus(due, Duration.ofHours(30), SlaClock.WORKING_DAYS)).isEqualTo(start);
        assertThat(CALENDAR.minus(beijing("2026-10-08T02:00"), Duration.ofHours(4), SlaClock.WORKING_DAYS))
                .as("4 working hours before 02:00 on the first day after 国庆 end on 30 September")
                .isEqualTo(beijing("2026-09-30T22:00"));
        assertThat(CALENDAR.between(beijing("2026-10-01T00:00"), beijing("2026-10-08T00:00"), SlaClock.WORKING_DAYS)).isZero();
    }

    @Test
    void theNaturalClockIgnoresTheCalendar() {
        assertThat(CALENDAR.plus(beijing("2026-09-30T10:00"), Duration.ofHours(12), SlaClock.NATURAL))
                .isEqualTo(beijing("2026-09-30T22:00"));
        assertThat(CALENDAR.between(beijing("2026-10-01T00:00"), beijing("2026-10-02T00:00"), SlaClock.NATURAL)).isEqualTo(DAY);
    }

    @Test
    void aScheduleThatContradictsItselfIsRefused() {
        LocalDate day = LocalDate.parse("2026-10-10");
        assertThatThrownBy(() -> new BusinessCalendar.Year(2026, Set.of(day), Set.of(day))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BusinessCalendar.Year(2027, Set.of(day), Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    /** A loaded schedule read late (a refresh beside a load, another replica's copy) never replaces a newer one. */
    @Test
    void anOlderVersionOfAYearNeverReplacesANewerOne() {
        BusinessCalendar calendar = BusinessCalendar.weekdaysOnly();
        LocalDate eve = LocalDate.of(2031, 5, 30);
        assertThat(calendar.publish(new BusinessCalendar.Year(2031, Set.of(eve), Set.of()), 2)).isTrue();
        assertThat(calendar.publish(new BusinessCalendar.Year(2031, Set.of(), Set.of()), 1)).isFalse();
        assertThat(calendar.publish(new BusinessCalendar.Year(2031, Set.of(), Set.of()), 2)).as("the same version again").isFalse();
        assertThat(calendar.isWorkingDay(eve)).isFalse();
        assertThat(calendar.versionOf(2031)).isEqualTo(2);

        calendar.publish(new BusinessCalendar.Year(2031, Set.of(), Set.of())); // as a start knows it: from the files
        assertThat(calendar.versionOf(2031)).isZero();
        assertThat(calendar.publish(new BusinessCalendar.Year(2031, Set.of(eve), Set.of()), 1)).isTrue();
    }
}
