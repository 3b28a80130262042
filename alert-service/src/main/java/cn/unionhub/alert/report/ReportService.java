package cn.unionhub.alert.report;

import cn.unionhub.alert.AlertProperties;
import cn.unionhub.alert.report.domain.DailyReport;
import cn.unionhub.alert.report.store.DailyReports;
import cn.unionhub.alert.warning.domain.Warning;
import cn.unionhub.alert.warning.store.Warnings;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.security.Divisions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The daily enterprise warning report (预警信息日报): on request for any day, and published once
 * for yesterday after the configured Beijing time. The check runs every minute, so a report missed
 * while the service was down goes out when it is back.
 */
@Service
public class ReportService {

    private static final Logger log = LoggerFactory.getLogger(ReportService.class);

    private final Warnings warnings;
    private final DailyReports reports;
    private final AlertProperties properties;
    private final Clock clock;

    ReportService(Warnings warnings, DailyReports reports, AlertProperties properties, Clock clock) {
        this.warnings = warnings;
        this.reports = reports;
        this.properties = properties;
        this.clock = clock;
    }

    /** The report of one Beijing day; with a division, only the warnings of the districts in it. */
    public DailyReport daily(LocalDate date, String division) {
        if (date.isAfter(LocalDate.now(clock.withZone(DailyReport.BEIJING)))) {
            // A day that has not begun has no report: its figures would be today's, under a wrong date.
            throw new NotFoundException("report-not-found", date);
        }
        List<Warning> open = warnings.openBetween(DailyReport.startOf(date), DailyReport.startOf(date.plusDays(1)));
        if (division != null) {
            open = open.stream().filter(w -> Divisions.contains(division, w.district())).toList();
        }
        return DailyReport.of(date, open, properties.dailyReport().top());
    }

    /** Publishes yesterday's report once it is due; the date that was published, if this call did it. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT30S")
    public Optional<LocalDate> publishDue() {
        ZonedDateTime now = clock.instant().atZone(DailyReport.BEIJING);
        LocalDate day = now.toLocalDate().minusDays(1);
        if (now.toLocalTime().isBefore(properties.dailyReport().at()) || reports.published(day.toString())) {
            return Optional.empty();
        }
        if (reports.publish(daily(day, null).toEvent(clock.instant()))) {
            log.info("Daily warning report for {} published", day);
            return Optional.of(day);
        }
        return Optional.empty();
    }
}
