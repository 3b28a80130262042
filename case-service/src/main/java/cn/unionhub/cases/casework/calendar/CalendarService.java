package cn.unionhub.cases.casework.calendar;

import cn.unionhub.platform.calendar.StatutoryHolidays;
import cn.unionhub.cases.casework.CaseService;
import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.cases.casework.domain.CaseRules;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Loading the State Council's schedule for a year through the API, the day it is published, without
 * a release: validated (every date in the year, ranges in order, make-up working days on weekends and
 * not also days off, every statutory holiday among the days off), versioned and audited
 * ({@link CalendarSchedules}), and applied to the calendar every deadline is computed on. Every
 * instance picks up a version another instance stored within {@code unionhub.cases.calendar-refresh}.
 */
@Service
public class CalendarService {

    private static final Logger log = LoggerFactory.getLogger(CalendarService.class);
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final CalendarSchedules schedules;
    private final BusinessCalendar calendar;
    private final CaseService cases;
    private final Clock clock;

    CalendarService(CalendarSchedules schedules, CaseRules rules, CaseService cases, Clock clock) {
        this.schedules = schedules;
        this.calendar = rules.calendar();
        this.cases = cases;
        this.clock = clock;
        refresh();
    }

    /** Stores the next version of a year's schedule and applies it; 400 listing every wrong field otherwise. */
    public CalendarSchedules.Version load(int year, Map<String, List<LocalDate>> holidays, List<LocalDate> makeUpWorkdays,
            String source, String by) {
        validate(year, holidays, makeUpWorkdays, source);
        for (int attempt = 0; ; attempt++) {
            int version = schedules.latest(year).map(CalendarSchedules.Version::version).orElse(0) + 1;
            CalendarSchedules.Version next = new CalendarSchedules.Version(year, version, Map.copyOf(holidays),
                    List.copyOf(makeUpWorkdays), source.strip(), by, clock.instant());
            try {
                schedules.insert(next);
                apply(next);
                // Open cases whose deadlines ran into the year were set on what was known before: count
                // them again now (an instance that only picks the version up later finds them done).
                int moved = cases.recalculateDeadlines(year);
                log.info("Holiday schedule {} version {} loaded by {} from {}; deadlines of {} open cases moved", year, version,
                        by, source.strip(), moved);
                return next;
            } catch (DuplicateKeyException concurrent) {
                if (attempt == 3) {
                    throw concurrent;
                }
            }
        }
    }

    /** Applies the newest stored version of the years that matter now (last year to two years ahead). */
    @Scheduled(fixedDelayString = "${unionhub.cases.calendar-refresh:5m}", initialDelayString = "${unionhub.cases.calendar-refresh:5m}")
    public void refresh() {
        int thisYear = java.time.Year.now(clock.withZone(BEIJING)).getValue();
        for (int year = thisYear - 1; year <= thisYear + 2; year++) {
            schedules.latest(year).filter(v -> v.version() > calendar.versionOf(v.year())).ifPresent(this::apply);
        }
    }

    public Optional<CalendarSchedules.Version> loaded(int year) {
        return schedules.latest(year);
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    /** A refresh that read a version before a newer one was loaded here cannot put the older one back (the calendar refuses it). */
    private void apply(CalendarSchedules.Version version) {
        calendar.publish(version.toYear(), version.version());
    }

    private static void validate(int year, Map<String, List<LocalDate>> holidays, List<LocalDate> makeUpWorkdays, String source) {
        List<FieldViolation> wrong = new ArrayList<>();
        if (source == null || source.isBlank()) {
            wrong.add(new FieldViolation("source", "required"));
        }
        Set<LocalDate> daysOff = new java.util.HashSet<>();
        if (holidays == null || holidays.isEmpty()) {
            wrong.add(new FieldViolation("holidays", "required"));
        } else {
            holidays.forEach((name, range) -> {
                if (range == null || range.isEmpty() || range.size() > 2 || range.contains(null)) {
                    wrong.add(new FieldViolation("holidays." + name, "date-range"));
                } else if (range.get(range.size() - 1).isBefore(range.get(0))) {
                    wrong.add(new FieldViolation("holidays." + name, "range-order"));
                } else if (range.stream().anyMatch(d -> d.getYear() != year)) {
                    wrong.add(new FieldViolation("holidays." + name, "outside-year", year));
                } else {
                    range.get(0).datesUntil(range.get(range.size() - 1).plusDays(1)).forEach(daysOff::add);
                }
            });
        }
        List<LocalDate> workdays = makeUpWorkdays == null ? List.of() : makeUpWorkdays;
        for (int i = 0; i < workdays.size(); i++) {
            LocalDate day = workdays.get(i);
            if (day == null || day.getYear() != year) {
                wrong.add(new FieldViolation("makeUpWorkdays[" + i + "]", "outside-year", year));
            } else if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                wrong.add(new FieldViolation("makeUpWorkdays[" + i + "]", "not-a-weekend-day"));
            } else if (daysOff.contains(day)) {
                wrong.add(new FieldViolation("makeUpWorkdays[" + i + "]", "also-a-day-off"));
            }
        }
        if (wrong.isEmpty()) {
            // The law fixes these days; a schedule without one of them is a typo, not a decision.
            for (LocalDate statutory : StatutoryHolidays.of(year).holidays()) {
                if (!daysOff.contains(statutory)) {
                    wrong.add(new FieldViolation("holidays", "missing-statutory-holiday", statutory));
                }
            }
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-calendar", wrong);
        }
    }
}
