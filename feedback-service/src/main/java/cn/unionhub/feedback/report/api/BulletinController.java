package cn.unionhub.feedback.report.api;

import cn.unionhub.events.feedback.BulletinPublished;
import cn.unionhub.feedback.report.BulletinPublisher;
import cn.unionhub.feedback.report.domain.Bulletin;
import cn.unionhub.feedback.report.store.BulletinCounters;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.web.Csv;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final BulletinCounters counters;
    private final BulletinPublisher publisher;
    private final Clock clock;

    BulletinController(BulletinCounters counters, BulletinPublisher publisher, Clock clock) {
        this.counters = counters;
        this.publisher = publisher;
        this.clock = clock;
    }

    @GetMapping("/{district}/{period}")
    ResponseEntity<?> bulletin(@PathVariable String district, @PathVariable String period,
            @RequestParam(defaultValue = "json") String format, Actor actor) {
        YearMonth month = parse(period);
        // District staff read their district's; the city union, administrators and the dispute bodies every district's.
        if (!actor.canSee(null, district) || month.isAfter(YearMonth.now(clock.withZone(BEIJING)))) {
            // A month that has not begun has no bulletin (an empty one would read as a month without complaints).
            throw new NotFoundException("bulletin-not-found", district, period);
        }
        Bulletin bulletin = Bulletin.of(district, month, counters.read(district, month), counters.readMonth(district, month.minusMonths(1)));
        if (format.equalsIgnoreCase("csv")) {
            return csv(bulletin).download("bulletin-" + district + "-" + month + ".csv");
        }
        return ResponseEntity.ok(bulletin);
    }

    /**
     * Publishes a finished month's bulletin now (it is also published automatically on the 1st):
     * 201 the first time, 200 with the same publication afterwards; 409 while the month runs.
     */
    @PostMapping("/{district}/{period}/publication")
    ResponseEntity<BulletinPublished> publish(@PathVariable String district, @PathVariable String period, Actor actor) {
        YearMonth month = parse(period);
        if (!actor.has(Role.ADMIN) && !(actor.has(Role.DISTRICT_UNION) && actor.canSee(null, district))) {
            throw new NotFoundException("bulletin-not-found", district, period);
        }
        BulletinPublisher.Publication publication = publisher.publish(district, month);
        return ResponseEntity.status(publication.created() ? 201 : 200).body(publication.bulletin());
    }

    private static YearMonth parse(String period) {
        try {
            return YearMonth.parse(period);
        } catch (DateTimeException e) {
            throw new RuleViolationException("bulletin-invalid-period", List.of(new RuleViolationException.FieldViolation("period", "invalid")));
        }
    }

    /** One metric per line, so spreadsheets open it as a table. */
    static Csv csv(Bulletin b) {
        Csv out = Csv.withHeader("指标", "项目", "数值");
        out.row("提交总数", "", b.submitted());
        out.row("需办理", "", b.needsHandling());
        out.row("已办结", "", b.resolved());
        out.row("办结率", "", b.resolutionRate());
        out.row("满意率（职工评价）", "", b.satisfactionRate());
        out.row("满意率（含默认评价）", "", b.satisfactionRateWithDefaults());
        out.row("默认评价", "", b.ratedByDefault());
        out.row("上月提交", "", b.previousSubmitted());
        out.row("环比变化", "", b.submittedChange());
        section(out, "按类别", b.byCategory());
        section(out, "按渠道", b.byChannel());
        section(out, "按类型", b.byType());
        section(out, "满意度（职工评价）", b.satisfaction());
        section(out, "默认评价", b.defaultRatings());
        b.enterprisesMostUnresolved().forEach(e -> out.row("未办结较多的企业", e.getKey(), e.getValue()));
        return out;
    }

    private static void section(Csv out, String name, Map<String, Long> counts) {
        counts.forEach((key, value) -> out.row(name, key, value));
    }
}
