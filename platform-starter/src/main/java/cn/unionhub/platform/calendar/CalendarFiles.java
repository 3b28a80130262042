package cn.unionhub.platform.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the yearly holiday schedules: the ones shipped in {@code classpath:calendar/*.yml}, plus any
 * in an operator's directory (case-service: {@code unionhub.cases.calendar-directory}), so next year's schedule
 * can be added the day the State Council publishes it, without a release. A directory file for a
 * year replaces the shipped one. Years up to two ahead without a file get their statutory holidays
 * computed ({@link StatutoryHolidays}), marked provisional.
 */
public final class CalendarFiles {

    private CalendarFiles() {
    }

    public static BusinessCalendar load(Path directory) {
        java.util.TreeMap<Integer, BusinessCalendar.Year> years = new java.util.TreeMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:calendar/*.yml")) {
                try (InputStream in = resource.getInputStream()) {
                    BusinessCalendar.Year year = parse(in, resource.getDescription());
                    years.put(year.year(), year);
                }
            }
            if (directory != null && Files.isDirectory(directory)) {
                try (Stream<Path> files = Files.list(directory)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            BusinessCalendar.Year year = parse(in, file.toString());
                            years.put(year.year(), year);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the holiday schedules", e);
        }
        // Years without a published schedule up to two years ahead: their statutory holidays, provisionally.
        int thisYear = java.time.Year.now(BusinessCalendar.BEIJING).getValue();
        int first = years.isEmpty() ? thisYear : Math.min(years.firstKey(), thisYear);
        for (int year = first; year <= thisYear + 2; year++) {
            years.putIfAbsent(year, StatutoryHolidays.of(year));
        }
        return new BusinessCalendar(years.values());
    }

    /** One year's file: {@code year}, {@code holidays} (name → [first, last]) and {@code make-up-workdays}. */
    static BusinessCalendar.Year parse(InputStream in, String source) {
        Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        try {
            int year = ((Number) yaml.get("year")).intValue();
            Set<LocalDate> holidays = new HashSet<>();
            @SuppressWarnings("unchecked")
            Map<String, List<Object>> ranges = (Map<String, List<Object>>) yaml.getOrDefault("holidays", Map.of());
            ranges.forEach((name, range) -> {
                LocalDate first = date(range.get(0));
                LocalDate last = date(range.get(range.size() - 1));
                if (last.isBefore(first)) {
                    throw new IllegalArgumentException(name + " ends before it starts");
                }
                first.datesUntil(last.plusDays(1)).forEach(holidays::add);
            });
            List<LocalDate> workdays = new ArrayList<>();
            for (Object day : (List<?>) yaml.getOrDefault("make-up-workdays", List.of())) {
                workdays.add(date(day));
            }
            return new BusinessCalendar.Year(year, holidays, Set.copyOf(workdays));
        } catch (RuntimeException e) {
            throw new IllegalStateException("holiday schedule " + source + " is not valid: " + e.getMessage(), e);
        }
    }

    private static LocalDate date(Object value) {
        // SnakeYAML reads 2026-01-01 as a java.util.Date at UTC midnight; quoted dates stay strings.
        if (value instanceof java.util.Date date) {
            return date.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        }
        return LocalDate.parse(value.toString());
    }
}
