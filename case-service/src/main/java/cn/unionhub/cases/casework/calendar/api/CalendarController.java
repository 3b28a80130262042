package cn.unionhub.cases.casework.calendar.api;

import cn.unionhub.cases.casework.calendar.CalendarSchedules;
import cn.unionhub.cases.casework.calendar.CalendarService;
import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.security.Actor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The business calendar deadlines run on, per year: which days are off, whether it is the State
 * Council's schedule or computed (provisional), and which loaded version with whom and from what.
 * Administrators load a new version the day the schedule is published.
 */
@RestController
@RequestMapping("/api/v1/cases/calendars")
class CalendarController {

    /** @param source the document it comes from, e.g. 国办发明电〔2026〕5号 */
    record ScheduleRequest(String source, Map<String, List<LocalDate>> holidays, List<LocalDate> makeUpWorkdays) {
    }

    record YearView(int year, boolean provisional, Integer version, String source, String loadedBy, Instant loadedAt,
            List<LocalDate> daysOff, List<LocalDate> makeUpWorkdays) {
    }

    private final CalendarService calendars;

    CalendarController(CalendarService calendars) {
        this.calendars = calendars;
    }

    @PutMapping("/{year}")
    @ResponseStatus(HttpStatus.CREATED)
    YearView load(@PathVariable int year, @RequestBody ScheduleRequest request, Actor actor) {
        calendars.load(year, request.holidays(), request.makeUpWorkdays(), request.source(), actor.subject());
        return view(year);
    }

    @GetMapping("/{year}")
    YearView find(@PathVariable int year) {
        return view(year);
    }

    private YearView view(int year) {
        BusinessCalendar.Year known = calendars.calendar().year(year)
                .orElseThrow(() -> new NotFoundException("calendar-not-found", year));
        CalendarSchedules.Version loaded = known.provisional() ? null : calendars.loaded(year).orElse(null);
        return new YearView(year, known.provisional(), loaded == null ? null : loaded.version(),
                loaded == null ? (known.provisional() ? null : "calendar/cn-" + year + ".yml") : loaded.source(),
                loaded == null ? null : loaded.loadedBy(), loaded == null ? null : loaded.loadedAt(),
                known.holidays().stream().sorted().toList(), known.makeUpWorkdays().stream().sorted().toList());
    }
}
