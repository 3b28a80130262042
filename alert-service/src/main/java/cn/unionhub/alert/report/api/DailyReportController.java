package cn.unionhub.alert.report.api;

import cn.unionhub.alert.report.ReportService;
import cn.unionhub.alert.report.domain.DailyReport;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.alert.report.domain.ReportLabels;
import cn.unionhub.platform.web.Csv;
import cn.unionhub.security.Actor;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
    private final cn.unionhub.alert.registry.domain.DistrictNames districts;

    DailyReportController(ReportService reports, cn.unionhub.alert.registry.domain.DistrictNames districts) {
        this.reports = reports;
        this.districts = districts;
    }

    @GetMapping("/{date}")
    ResponseEntity<?> daily(@PathVariable String date, @RequestParam(defaultValue = "json") String format, Actor actor) {
        LocalDate day = parse(date);
        // Everything for whoever sees everything, a city or district for its staff; anyone else with a reading role (a contest's
        // judge, a station's manager: handlers of no dispute body) has no scope, and the whole city is not the default.
        Actor.Scope scope = actor.scope().filter(s -> s.enterprise() == null)
                .orElseThrow(() -> new ForbiddenException("forbidden"));
        DailyReport report = reports.daily(day, scope == Actor.Scope.EVERYTHING ? null : scope.division());
        if (format.equalsIgnoreCase("csv")) {
            return csv(report, districts).download("warning-daily-" + day + ".csv");
        }
        if (!format.equalsIgnoreCase("json")) {
            // ?format=xml answered JSON as if asked for it.
            throw RuleViolationException.invalid(List.of(new FieldViolation("format", "one-of", "json, csv")));
        }
        return ResponseEntity.ok(report);
    }

    private static LocalDate parse(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeException e) {
            // 2026-13-45 is the caller's slip, not a day without a report.
            throw RuleViolationException.invalid(List.of(new FieldViolation("date", "date-format")));
        }
    }

    /**
     * One figure per line, so spreadsheets open it as a table; districts and industries by name, levels and metrics in
     * words, money in yuan (it showed codes, English keys and fen beside a yuan total).
     */
    static Csv csv(DailyReport r, cn.unionhub.alert.registry.domain.DistrictNames districts) {
        Csv out = Csv.withHeader("日期", "指标", "项目", "数值");
        String d = r.date().toString();
        out.row(d, "新发预警", "", r.raised());
        out.row(d, "升级预警", "", r.upgraded());
        out.row(d, "降级预警", "", r.downgraded());
        out.row(d, "闭环预警", "", r.closed());
        out.row(d, "当日在办预警（含当日闭环）", "", r.active());
        out.row(d, "集体争议风险", "", r.collectiveDisputes());
        out.row(d, "涉及金额（元）", "", ReportLabels.value("amountAtStakeFen", r.amountAtStakeFen()));
        section(out, d, "按区县", r.byDistrict(), code -> {
            String name = DailyReport.UNKNOWN.equals(code) ? null : districts.nameOf(code);
            return DailyReport.UNKNOWN.equals(code) ? "未知区县" : name == null ? code : name + "（" + code + "）";
        });
        section(out, d, "按行业", r.byIndustry(), ReportLabels::industry);
        r.topEnterprises().forEach(t -> out.row(d, "重点企业",
                (t.enterpriseName() == null ? t.enterprise() : t.enterpriseName()) + "（" + t.enterprise() + "）",
                ReportLabels.metric("level." + t.level()) + " 分值 " + t.score() + (t.collectiveDispute() ? " 集体争议" : "") + " " + t.warningId()));
        return out;
    }

    private static void section(Csv out, String date, String name, Map<String, Map<String, Long>> table,
            java.util.function.Function<String, String> label) {
        table.forEach((key, counts) -> counts.forEach((metric, value) -> out.row(date, name, label.apply(key) + " "
                + ReportLabels.metric(metric), ReportLabels.value(metric, value))));
    }
}
