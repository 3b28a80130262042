package cn.unionhub.feedback.report.api;

import cn.unionhub.feedback.report.domain.Bulletin;
import cn.unionhub.feedback.report.store.BulletinCounters;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The monthly worker-satisfaction bulletin of a district, as JSON or CSV ({@code ?format=csv}) for
 * sending to town unions and enterprises. District staff see their own district.
 */
@RestController
@RequestMapping("/api/v1/feedback/bulletins")
class BulletinController {

    private final BulletinCounters counters;

    BulletinController(BulletinCounters counters) {
        this.counters = counters;
    }

    @GetMapping("/{district}/{period}")
    ResponseEntity<?> bulletin(@PathVariable String district, @PathVariable String period,
            @RequestParam(defaultValue = "json") String format, Actor actor) {
        YearMonth month = parse(period);
        if (actor.has(Role.DISTRICT_UNION) && !actor.has(Role.ADMIN) && !district.equals(actor.district())) {
            throw new NotFoundException("bulletin-not-found", district, period);
        }
        Bulletin bulletin = Bulletin.of(district, month, counters.read(district, month), counters.readMonth(district, month.minusMonths(1)));
        if (format.equalsIgnoreCase("csv")) {
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"bulletin-" + district + "-" + month + ".csv\"")
                    .body(csv(bulletin));
        }
        return ResponseEntity.ok(bulletin);
    }

    private static YearMonth parse(String period) {
        try {
            return YearMonth.parse(period);
        } catch (DateTimeException e) {
            throw new NotFoundException("bulletin-not-found", "", period);
        }
    }

    /** One metric per line, so spreadsheets open it as a table; UTF-8 with BOM for Excel on Windows. */
    static String csv(Bulletin b) {
        StringBuilder out = new StringBuilder("\uFEFF指标,项目,数值\n");
        line(out, "提交总数", "", b.submitted());
        line(out, "需办理", "", b.needsHandling());
        line(out, "已办结", "", b.resolved());
        line(out, "办结率", "", b.resolutionRate());
        line(out, "满意率", "", b.satisfactionRate());
        line(out, "默认满意", "", b.ratedByDefault());
        line(out, "上月提交", "", b.previousSubmitted());
        line(out, "环比变化", "", b.submittedChange());
        section(out, "按类别", b.byCategory());
        section(out, "按渠道", b.byChannel());
        section(out, "按类型", b.byType());
        section(out, "满意度", b.satisfaction());
        b.enterprisesMostUnresolved().forEach(e -> line(out, "未办结较多的企业", e.getKey(), e.getValue()));
        return out.toString();
    }

    private static void section(StringBuilder out, String name, Map<String, Long> counts) {
        counts.forEach((key, value) -> line(out, name, key, value));
    }

    private static void line(StringBuilder out, String metric, String item, Object value) {
        out.append(metric).append(',').append(item).append(',').append(value == null ? "" : value).append('\n');
    }
}
