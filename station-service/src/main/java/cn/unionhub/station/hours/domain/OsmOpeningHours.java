package cn.unionhub.station.hours.domain;

import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenStreetMap's {@code opening_hours} syntax, the part station schedules use, so stations can be
 * shared with map providers: {@code 24/7}; rules separated by {@code ;}, each a selector — weekdays
 * ({@code Mo-Fr}, {@code Sa,Su}), {@code PH} (public holidays) or a date ({@code 2026 Oct 01}) — then
 * time ranges ({@code 08:00-12:00,14:00-18:00}, past midnight {@code 22:00-06:00}, the whole day
 * {@code 00:00-24:00}) or {@code off}. A rule without a selector means every day; a later rule
 * replaces earlier ones for the days it names, as in OSM. Anything else (week numbers, sunrise,
 * comments) is refused with a 400 naming the rule, never guessed at.
 */
public final class OsmOpeningHours {

    private static final List<String> DAYS = List.of("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su");
    private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec");
    private static final Pattern DAY_SELECTOR = Pattern.compile("(Mo|Tu|We|Th|Fr|Sa|Su)(-(Mo|Tu|We|Th|Fr|Sa|Su))?");
    private static final Pattern DATE_SELECTOR = Pattern.compile("(\\d{4}) (" + String.join("|", MONTHS) + ") (\\d{1,2})");
    private static final Pattern TIME_RANGE = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");

    private OsmOpeningHours() {
    }

    /** The longest hours a station keeps: the events that carry them allow 1,000 characters. */
    public static final int MAX_LENGTH = 1000;

    public static OpeningHours parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("required", "");
        }
        String value = text.strip();
        if (value.length() > MAX_LENGTH) {
            // The events carry the hours whole (at most 1,000 characters): longer ones were a 500 at the event, after the
            // station had been checked (a change of hours), or stopped an import half way (exploratory test, 2026-12-05).
            throw invalid("too-long", String.valueOf(MAX_LENGTH));
        }
        if (value.equals("24/7")) {
            return OpeningHours.always();
        }
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        Map<LocalDate, List<TimeRange>> exceptions = new TreeMap<>();
        HolidayHours holidays = HolidayHours.AS_USUAL;
        List<TimeRange> holidayRanges = List.of();
        for (String raw : value.split(";")) {
            String rule = raw.strip();
            if (rule.isEmpty()) {
                continue;
            }
            Matcher date = DATE_SELECTOR.matcher(rule);
            if (rule.equals("24/7")) {
                for (DayOfWeek day : DayOfWeek.values()) {
                    weekly.put(day, List.of(TimeRange.WHOLE_DAY));
                }
            } else if (date.lookingAt()) {
                exceptions.put(date(date, rule), ranges(rule.substring(date.end()).strip(), rule));
            } else if (rule.startsWith("PH")) {
                List<TimeRange> ranges = ranges(rule.substring(2).strip(), rule);
                holidays = ranges.isEmpty() ? HolidayHours.CLOSED : HolidayHours.SPECIAL;
                holidayRanges = ranges;
            } else {
                int space = rule.indexOf(' ');
                String selector = space < 0 ? rule : rule.substring(0, space);
                boolean hasDays = DAY_SELECTOR.matcher(selector.split(",")[0]).matches();
                List<DayOfWeek> days = hasDays ? days(selector, rule) : List.of(DayOfWeek.values());
                List<TimeRange> ranges = ranges(hasDays ? (space < 0 ? "" : rule.substring(space + 1).strip()) : rule, rule);
                days.forEach(day -> weekly.put(day, ranges));
            }
        }
        weekly.values().removeIf(List::isEmpty);
        return new OpeningHours(weekly, exceptions, holidays, holidayRanges);
    }

    /** The schedule in OSM syntax: weekdays with the same ranges grouped, then PH, then dates. */
    public static String format(OpeningHours hours) {
        if (hours.isAlwaysOpen()) {
            return "24/7";
        }
        Map<String, List<DayOfWeek>> byRanges = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            byRanges.computeIfAbsent(ranges(hours.weekly().getOrDefault(day, List.of())), r -> new ArrayList<>()).add(day);
        }
        List<String> rules = new ArrayList<>();
        byRanges.forEach((ranges, days) -> {
            if (!ranges.equals("off")) {
                rules.add(days(days) + " " + ranges);
            }
        });
        if (rules.isEmpty()) {
            rules.add("Mo-Su off");
        }
        switch (hours.holidays()) {
            case CLOSED -> rules.add("PH off");
            case SPECIAL -> rules.add("PH " + ranges(hours.holidayRanges()));
            case AS_USUAL -> { }
        }
        hours.exceptions().forEach((date, ranges) -> rules.add(date.getYear() + " " + MONTHS.get(date.getMonthValue() - 1) + " "
                + String.format(Locale.ROOT, "%02d", date.getDayOfMonth()) + " " + ranges(ranges)));
        return String.join("; ", rules);
    }

    private static List<DayOfWeek> days(String selector, String rule) {
        List<DayOfWeek> days = new ArrayList<>();
        for (String part : selector.split(",")) {
            Matcher m = DAY_SELECTOR.matcher(part);
            if (!m.matches()) {
                throw invalid("malformed", rule);
            }
            int first = DAYS.indexOf(m.group(1));
            int last = m.group(3) == null ? first : DAYS.indexOf(m.group(3));
            for (int i = first; ; i = (i + 1) % 7) { // Sa-Mo wraps over the week's end, as in OSM
                days.add(DayOfWeek.of(i + 1));
                if (i == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static List<TimeRange> ranges(String text, String rule) {
        if (text.equals("off") || text.equals("closed")) {
            return List.of();
        }
        if (text.isEmpty()) {
            throw invalid("malformed", rule);
        }
        List<TimeRange> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            Matcher m = TIME_RANGE.matcher(part.strip());
            if (!m.matches()) {
                throw invalid("malformed", rule);
            }
            ranges.add(new TimeRange(time(m.group(1), m.group(2), rule), time(m.group(3), m.group(4), rule)));
        }
        return ranges;
    }

    private static LocalTime time(String hour, String minute, String rule) {
        int h = Integer.parseInt(hour);
        int m = Integer.parseInt(minute);
        if (h == 24 && m == 0) {
            return LocalTime.MIDNIGHT;
        }
        if (h > 23 || m > 59) {
            throw invalid("malformed", rule);
        }
        return LocalTime.of(h, m);
    }

    private static LocalDate date(Matcher m, String rule) {
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Month.of(MONTHS.indexOf(m.group(2)) + 1), Integer.parseInt(m.group(3)));
        } catch (java.time.DateTimeException e) {
            throw invalid("malformed", rule);
        }
    }

    private static String ranges(List<TimeRange> ranges) {
        if (ranges.isEmpty()) {
            return "off";
        }
        List<String> parts = new ArrayList<>();
        for (TimeRange r : ranges) {
            String to = r.to().equals(LocalTime.MIDNIGHT) ? "24:00" : hhmm(r.to());
            parts.add(hhmm(r.from()) + "-" + to);
        }
        return String.join(",", parts);
    }

    private static String hhmm(LocalTime time) {
        return String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
    }

    /** Consecutive days as ranges: Mo-Fr, Sa,Su. */
    private static String days(List<DayOfWeek> days) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < days.size()) {
            int j = i;
            while (j + 1 < days.size() && days.get(j + 1).getValue() == days.get(j).getValue() + 1) {
                j++;
            }
            String first = DAYS.get(days.get(i).getValue() - 1);
            String last = DAYS.get(days.get(j).getValue() - 1);
            parts.add(j - i >= 2 ? first + "-" + last : j == i ? first : first + "," + last);
            i = j + 1;
        }
        return String.join(",", parts);
    }

    private static RuleViolationException invalid(String code, String rule) {
        return new RuleViolationException("invalid-opening-hours", List.of(new FieldViolation("openingHours", code, rule)));
    }
}
