package cn.unionhub.alert.report.api;

import cn.unionhub.alert.report.ReportService;
import cn.unionhub.alert.report.domain.DailyReport;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The daily enterprise warning report (预警信息日报) of a Beijing day, as JSON or CSV
 * ({@code ?format=csv}). District staff get their district's part.
 */
@RestController
@RequestMapping("/api/v1/alerts/reports/daily")
class DailyReportController {

    private final ReportService reports;

    DailyReportController(ReportService reports) {
        this.reports = reports;
    }

    @GetMapping("/{date}")
    ResponseEntity<?> daily(@PathVariable String date, @RequestParam(defaultValue = "json") String format, Actor actor) {
        LocalDate day = parse(date);
        boolean platformWide = actor.has(Role.ADMIN) || actor.has(Role.HANDLER) || actor.has(Role.GOV_SYSTEM);
        DailyReport report = reports.daily(day, platformWide ? null : actor.district());
        if (format.equalsIgnoreCase("csv")) {
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"warning-daily-" + day + ".csv\"")
                    .body(csv(report));
        }
        return ResponseEntity.ok(report);
    }

    private static LocalDate parse(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeException e) {
            throw new NotFoundException("report-not-found", date);
        }
    }

    /** One figure per line, so spreadsheets open it as a table; UTF-8 with BOM for Excel on Windows. */
    static String csv(DailyReport r) {
        StringBuilder out = new StringBuilder("\uFEFF日期,指标,项目,数值\n");
        String d = r.date().toString();
        line(out, d, "新发预警", "", r.raised());
        line(out, d, "升级预警", "", r.upgraded());
        line(out, d, "降级预警", "", r.downgraded());
        line(out, d, "闭环预警", "", r.closed());
        line(out, d, "在办预警", "", r.active());
        line(out, d, "集体争议风险", "", r.collectiveDisputes());
        line(out, d, "涉及金额（元）", "", yuan(r.amountAtStakeFen()));
        section(out, d, "按区县", r.byDistrict());
        section(out, d, "按行业", r.byIndustry());
        r.topEnterprises().forEach(t -> line(out, d, "重点企业",
                quote(t.enterpriseName() == null ? t.enterprise() : t.enterpriseName()) + "（" + t.enterprise() + "）",
                t.level() + " " + t.score() + (t.collectiveDispute() ? " 集体争议" : "") + " " + t.warningId()));
        return out.toString();
    }

    private static void section(StringBuilder out, String date, String name, Map<String, Map<String, Long>> table) {
        table.forEach((key, counts) -> counts.forEach((metric, value) -> line(out, date, name, key + " " + metric, value)));
    }

    private static String yuan(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
    }

    private static String quote(String text) {
        return text.replace(",", "，").replace("\"", "'");
    }

    private static void line(StringBuilder out, String date, String metric, String item, Object value) {
        out.append(date).append(',').append(metric).append(',').append(item).append(',').append(value).append('\n');
    }
}
