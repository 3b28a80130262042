package cn.unionhub.station.hours.domain;

import cn.unionhub.platform.calendar.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * When a station is open, evaluated in Asia/Shanghai on the business calendar: a weekly schedule,
 * dates with their own hours (a date with no ranges is closed), and a rule for statutory days off.
 * On a make-up working day (调休: a weekend day worked instead of a holiday) the station keeps the
 * hours of the weekday it stands in for, taken as Monday's; on a statutory day off it follows
 * {@link HolidayHours}. Ranges past midnight belong to the day they start: a station open
 * 22:00–06:00 on Friday is open at 02:00 on Saturday, whatever Saturday's own hours are.
 *
 * @param weekly        ranges per weekday (a missing day is closed)
 * @param exceptions    dates with their own ranges, over everything else (an empty list: closed that day)
 * @param holidays      what statutory days off do
 * @param holidayRanges the ranges of a statutory day off when {@code holidays} is SPECIAL
 */
public record OpeningHours(Map<DayOfWeek, List<TimeRange>> weekly, Map<LocalDate, List<TimeRange>> exceptions,
        HolidayHours holidays, List<TimeRange> holidayRanges) {

    public OpeningHours {
        Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, ranges) -> days.put(day, List.copyOf(ranges)));
        weekly = Map.copyOf(days);
        Map<LocalDate, List<TimeRange>> dates = new TreeMap<>();
        exceptions.forEach((date, ranges) -> dates.put(date, List.copyOf(ranges)));
        exceptions = Map.copyOf(dates);
        holidays = holidays == null ? HolidayHours.AS_USUAL : holidays;
        holidayRanges = holidayRanges == null ? List.of() : List.copyOf(holidayRanges);
    }

    /** Open all the time, every day (24/7). */
    public static OpeningHours always() {
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day, List.of(TimeRange.WHOLE_DAY));
        }
        return new OpeningHours(weekly, Map.of(), HolidayHours.AS_USUAL, List.of());
    }

    public boolean isAlwaysOpen() {
        return exceptions.isEmpty() && holidays == HolidayHours.AS_USUAL && weekly.size() == 7
                && weekly.values().stream().allMatch(ranges -> ranges.equals(List.of(TimeRange.WHOLE_DAY)));
    }

    public boolean isOpenAt(Instant at, BusinessCalendar calendar) {
        return isOpenAt(LocalDateTime.ofInstant(at, BusinessCalendar.BEIJING), calendar);
    }

    /** Whether the station is open at a Beijing local time. */
    public boolean isOpenAt(LocalDateTime at, BusinessCalendar calendar) {
        LocalDate today = at.toLocalDate();
        for (TimeRange range : rangesOf(today, calendar)) {
            if (range.equals(TimeRange.WHOLE_DAY) || range.containsSameDay(at.toLocalTime())) {
                return true;
            }
        }
        for (TimeRange range : rangesOf(today.minusDays(1), calendar)) {
            if (range.containsNextDay(at.toLocalTime())) {
                return true;
            }
        }
        return false;
    }

    /** The ranges that start on a date, after exceptions, statutory days off and make-up working days. */
    public List<TimeRange> rangesOf(LocalDate date, BusinessCalendar calendar) {
        List<TimeRange> exception = exceptions.get(date);
        if (exception != null) {
            return exception;
        }
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        boolean working = calendar.isWorkingDay(date);
        if (weekend && working) {
            return weekly.getOrDefault(DayOfWeek.MONDAY, List.of()); // 调休: worked like a weekday
        }
        if (!weekend && !working) {
            return switch (holidays) {
                case AS_USUAL -> weekly.getOrDefault(date.getDayOfWeek(), List.of());
                case CLOSED -> List.of();
                case SPECIAL -> holidayRanges;
            };
        }
        if (weekend && holidays != HolidayHours.AS_USUAL && isStatutoryDayOff(date, calendar)) {
            return holidays == HolidayHours.CLOSED ? List.of() : holidayRanges;
        }
        return weekly.getOrDefault(date.getDayOfWeek(), List.of());
    }

    /** A weekend day inside a published or computed holiday (a Saturday of the 国庆 week). */
    private static boolean isStatutoryDayOff(LocalDate date, BusinessCalendar calendar) {
        return calendar.year(date.getYear()).map(year -> year.holidays().contains(date)).orElse(false);
    }
}
