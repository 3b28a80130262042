package cn.unionhub.cases.reports.api;

import cn.unionhub.cases.casework.CaseService;
import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.casework.store.Cases;
import cn.unionhub.cases.reports.domain.MonthlyReport;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.web.Csv;
import cn.unionhub.security.Actor;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/cases/reports/hotline/{yyyy-MM}}: the monthly 12351 report over the cases that
 * came in through the hotline ({@code ?channel=ALL} for every channel), JSON or CSV. District staff
 * get their district's report.
 */
@RestController
@RequestMapping("/api/v1/cases/reports")
class MonthlyReportController {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final String HOTLINE = "HOTLINE_12351";

    private final CaseService service;
    private final Cases cases;

    MonthlyReportController(CaseService service, Cases cases) {
        this.service = service;
        this.cases = cases;
    }

    @GetMapping("/hotline/{month}")
    ResponseEntity<?> hotline(@PathVariable String month, Actor actor,
            @RequestParam(defaultValue = HOTLINE) String channel, @RequestParam(defaultValue = "json") String format) {
        YearMonth period = parse(month);
        Cases.Filter scope = service.scope(actor).orElseThrow(() -> new NotFoundException("report-not-found", month));
        String scopeName = scope.district() != null ? scope.district() : scope.enterprise() != null ? scope.enterprise() : "ALL";
        MonthlyReport report = MonthlyReport.of(period, scopeName, casesOf(scope, period, channel),
                casesOf(scope, period.minusMonths(1), channel));
        if (!format.equalsIgnoreCase("csv")) {
            return ResponseEntity.ok(report);
        }
        Csv csv = Csv.withHeader("指标", "项目", "数值", "上月", "环比");
        csv.row("受理总量", "", report.total(), report.previousTotal(), report.change());
        section(csv, "按类别", report.byCategory());
        section(csv, "按区县", report.byDistrict());
        section(csv, "按渠道", report.byChannel());
        section(csv, "按来源", report.bySource());
        report.hotspots().forEach(h -> csv.row("热点", h.category(), h.count(), h.previousCount(), h.change()));
        csv.row("24小时内首次答复率", "", report.onTimeFirstResponseRate(), "", "");
        csv.row("按期办结率", "", report.onTimeResolutionRate(), "", "");
        section(csv, "满意度", report.satisfaction());
        csv.row("满意率（职工评价）", "", report.satisfactionRate(), "", "");
        csv.row("默认评价", "", report.ratedByDefault(), "", "");
        csv.row("满意率（含默认评价）", "", report.satisfactionRateWithDefaults(), "", "");
        csv.row("提级督办", "", report.escalated(), "", "");
        csv.row("追回欠薪(分)", "", report.recoveredAmountFen(), "", "");
        csv.row("受益职工人数", "", report.workersHelped(), "", "");
        return csv.download("hotline-report-" + scopeName + "-" + period + ".csv");
    }

    private List<Case> casesOf(Cases.Filter scope, YearMonth month, String channel) {
        Cases.Filter filter = new Cases.Filter(scope.enterprise(), scope.district(), null, null, null,
                month.atDay(1).atStartOfDay(BEIJING).toInstant(), month.plusMonths(1).atDay(1).atStartOfDay(BEIJING).toInstant(),
                null, null, null, scope.releasedBy());
        return cases.all(filter).stream()
                .filter(c -> channel.equalsIgnoreCase("ALL") || channel.equals(c.matter().channel()))
                .toList();
    }

    private static void section(Csv csv, String name, Map<String, Long> counts) {
        counts.forEach((key, value) -> csv.row(name, key, value, "", ""));
    }

    private static YearMonth parse(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeException e) {
            throw new NotFoundException("report-not-found", month);
        }
    }
}
