package cn.unionhub.platform.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Working days in mainland China: Monday to Friday, minus the public holidays the State Council
 * announces each year, plus the weekend days it declares working days in exchange (调休). Days are
 * Beijing days; time is counted whole-day, so a working day contributes its full 24 hours to a
 * deadline and a holiday contributes nothing — "24 hours" received on a Friday afternoon falls due
 * on Monday afternoon.
 *
 * <p>A year whose schedule is not published yet is <em>provisional</em>: its statutory holidays are
 * computed (see {@code StatutoryHolidays}) without the make-up working days only the State Council
 * decides, and deadlines that fall in it say so ({@link #isProvisional}). A year neither published
 * nor computed counts Monday to Friday; {@link #knows} lets the service warn operators.
 */
public final class BusinessCalendar {

    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** An instant as the API shows it: Beijing time with its offset ({@code 2026-12-04T20:00+08:00}); null stays null. */
    public static java.time.OffsetDateTime beijing(java.time.Instant at) {
        return at == null ? null : at.atZone(BEIJING).toOffsetDateTime();
    }
    /** A deadline computation never walks further than this: ten years of days. */
    private static final int MAX_DAYS = 3660;

    /**
     * One year: its days off and the weekend days worked instead.
     *
     * @param provisional computed from the statutory holidays while the State Council's schedule is not published
     */
    public record Year(int year, Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays, boolean provisional) {

        public Year(int year, Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays) {
            this(year, holidays, makeUpWorkdays, false);
        }

        public Year {
            holidays = Set.copyOf(holidays);
            makeUpWorkdays = Set.copyOf(makeUpWorkdays);
            for (LocalDate day : holidays) {
                if (day.getYear() != year || makeUpWorkdays.contains(day)) {
                    throw new IllegalArgumentException("holiday " + day + " does not fit the schedule of " + year);
                }
            }
            for (LocalDate day : makeUpWorkdays) {
                if (day.getYear() != year) {
                    throw new IllegalArgumentException("make-up working day " + day + " is not in " + year);
                }
            }
        }
    }

    /** Every year known, replaced whole when a year's schedule is published (copy on write: reads take no lock). */
    private volatile Map<Integer, Year> byYear;
    /** The version of each year's loaded schedule in force; guarded by {@code this}. */
    private final Map<Integer, Integer> versions = new HashMap<>();

    public BusinessCalendar(Iterable<Year> published) {
        Map<Integer, Year> years = new TreeMap<>();
        for (Year year : published) {
            if (years.put(year.year(), year) != null) {
                throw new IllegalArgumentException("two schedules for " + year.year());
            }
        }
        this.byYear = Map.copyOf(years);
    }

    /** A calendar that knows no holidays: Monday to Friday only. */
    public static BusinessCalendar weekdaysOnly() {
        return new BusinessCalendar(Set.of());
    }

    /**
     * Takes a year's schedule — the State Council's, loaded by an administrator — in place of what
     * was known of that year (typically its provisional, computed holidays). Deadlines computed from
     * now on use it.
     */
    public synchronized void publish(Year year) {
        Map<Integer, Year> next = new TreeMap<>(byYear);
        next.put(year.year(), year);
        byYear = Map.copyOf(next);
        versions.remove(year.year());
    }

    /**
     * Takes version {@code version} of a year's loaded schedule, unless a version at least as new is in
     * force: whoever read an older version from the store (a refresh running beside a load, another
     * replica's copy arriving late) cannot put it back over a newer one. A year published without a
     * version ({@link #publish(Year)}: the shipped files, the computed holidays) counts as version 0.
     *
     * @return whether this version is now in force
     */
    public synchronized boolean publish(Year year, int version) {
        if (version <= versionOf(year.year())) {
            return false;
        }
        publish(year);
        versions.put(year.year(), version);
        return true;
    }

    /** The version of the year's loaded schedule in force; 0 when none is (shipped or computed). */
    public synchronized int versionOf(int year) {
        return versions.getOrDefault(year, 0);
    }

    /** What is known of a year, if anything. */
    public java.util.Optional<Year> year(int year) {
        return java.util.Optional.ofNullable(byYear.get(year));
    }

    /** Whether the State Council's schedule for the year is loaded (a computed, provisional year is not). */
    public boolean knows(int year) {
        Year known = byYear.get(year);
        return known != null && !known.provisional();
    }

    /** Whether the day's year is computed, not published: a deadline on it may move when the schedule comes out. */
    public boolean isProvisional(LocalDate day) {
        Year known = byYear.get(day.getYear());
        return known != null && known.provisional();
    }

    public boolean isProvisional(Instant at) {
        return at != null && isProvisional(at.atZone(BEIJING).toLocalDate());
    }

    public Set<Integer> years() {
        return new TreeSet<>(byYear.keySet());
    }

    public boolean isWorkingDay(LocalDate day) {
        Year known = byYear.get(day.getYear());
        if (known != null && known.holidays().contains(day)) {
            return false;
        }
        if (known != null && known.makeUpWorkdays().contains(day)) {
            return true;
        }
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY;
    }

    /** The instant by which {@code amount} of time on the given clock has run from {@code start}. */
    public Instant plus(Instant start, Duration amount, SlaClock clock) {
        requireNotNegative(amount);
        if (clock == SlaClock.NATURAL) {
            return start.plus(amount);
        }
        long remaining = amount.toMillis();
        ZonedDateTime at = start.atZone(BEIJING);
        for (int day = 0; day < MAX_DAYS; day++) {
            if (remaining == 0) {
                return at.toInstant();
            }
            ZonedDateTime endOfDay = at.toLocalDate().plusDays(1).atStartOfDay(BEIJING);
            if (isWorkingDay(at.toLocalDate())) {
                long available = Duration.between(at, endOfDay).toMillis();
                if (remaining <= available) {
                    return at.plus(Duration.ofMillis(remaining)).toInstant();
                }
                remaining -= available;
            }
            at = endOfDay;
        }
        throw new IllegalArgumentException("no deadline within ten years of " + start + " for " + amount);
    }

    /** The instant {@code amount} of time on the given clock before {@code end}. */
    public Instant minus(Instant end, Duration amount, SlaClock clock) {
        requireNotNegative(amount);
        if (clock == SlaClock.NATURAL) {
            return end.minus(amount);
        }
        long remaining = amount.toMillis();
        ZonedDateTime at = end.atZone(BEIJING);
        for (int day = 0; day < MAX_DAYS; day++) {
            if (remaining == 0) {
                return at.toInstant();
            }
            // Midnight belongs to the day that ends there.
            LocalDate date = at.toLocalTime().equals(LocalTime.MIDNIGHT) ? at.toLocalDate().minusDays(1) : at.toLocalDate();
            ZonedDateTime startOfDay = date.atStartOfDay(BEIJING);
            if (isWorkingDay(date)) {
                long available = Duration.between(startOfDay, at).toMillis();
                if (remaining <= available) {
                    return at.minus(Duration.ofMillis(remaining)).toInstant();
                }
                remaining -= available;
            }
            at = startOfDay;
        }
        throw new IllegalArgumentException("no instant within ten years before " + end + " for " + amount);
    }

    /** How much time on the given clock runs between two instants (zero if {@code to} is not later). */
    public Duration between(Instant from, Instant to, SlaClock clock) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (clock == SlaClock.NATURAL) {
            return Duration.between(from, to);
        }
        long total = 0;
        ZonedDateTime at = from.atZone(BEIJING);
        ZonedDateTime end = to.atZone(BEIJING);
        while (at.isBefore(end)) {
            ZonedDateTime endOfDay = at.toLocalDate().plusDays(1).atStartOfDay(BEIJING);
            ZonedDateTime stop = endOfDay.isBefore(end) ? endOfDay : end;
            if (isWorkingDay(at.toLocalDate())) {
                total += Duration.between(at, stop).toMillis();
            }
            at = endOfDay;
        }
        return Duration.ofMillis(total);
    }

    private static void requireNotNegative(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("negative duration " + amount);
        }
    }
}
