package cn.unionhub.cases.casework.api;

import cn.unionhub.cases.casework.CaseService;
import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.security.Actor;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Cases as handlers and union staff work them (their enterprise or district only). */
@RestController
@RequestMapping("/api/v1/cases")
class CaseController {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final int MAX_PAGE_SIZE = 100;

    record CaseView(String caseNumber, String trackingNumber, String source, String category, String enterprise,
            String enterpriseName, String district, String priority, String status, String organisationType,
            String organisationName, String routingRule, OffsetDateTime openedAt, OffsetDateTime firstResponseDueAt,
            OffsetDateTime firstRespondedAt, OffsetDateTime resolvedAt, String outcome, String resolutionSummary) {

        static CaseView of(Case c) {
            return new CaseView(c.caseNumber(), c.trackingNumber(), c.source(), c.category(), c.enterprise(),
                    c.enterpriseName(), c.district(), c.priority().name(), c.status().name(), c.organisationType().name(),
                    c.organisationName(), c.routingRule(), beijing(c.openedAt()), beijing(c.firstResponseDueAt()),
                    beijing(c.firstRespondedAt()), beijing(c.resolvedAt()), c.outcome() == null ? null : c.outcome().name(),
                    c.resolutionSummary());
        }
    }

    record ResponseRequest(String text) {
    }

    record ResolutionRequest(Case.Outcome outcome, String summary) {
    }

    private final CaseService cases;

    CaseController(CaseService cases) {
        this.cases = cases;
    }

    @GetMapping
    List<CaseView> queue(Actor actor, @RequestParam(required = false) Case.Status status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return cases.queue(actor, status, Math.max(0, page), Math.min(Math.max(1, size), MAX_PAGE_SIZE)).stream()
                .map(CaseView::of).toList();
    }

    @GetMapping("/{caseNumber}")
    CaseView find(@PathVariable String caseNumber, Actor actor) {
        return CaseView.of(cases.find(caseNumber, actor));
    }

    @PostMapping("/{caseNumber}/responses")
    CaseView respond(@PathVariable String caseNumber, @RequestBody ResponseRequest request, Actor actor) {
        return CaseView.of(cases.respond(caseNumber, request.text(), actor));
    }

    @PostMapping("/{caseNumber}/resolution")
    CaseView resolve(@PathVariable String caseNumber, @RequestBody ResolutionRequest request, Actor actor) {
        if (request.outcome() == null) {
            throw new cn.unionhub.platform.domain.RuleViolationException("invalid-case-action",
                    List.of(new cn.unionhub.platform.domain.RuleViolationException.FieldViolation("outcome", "required")));
        }
        return CaseView.of(cases.resolve(caseNumber, request.outcome(), request.summary(), actor));
    }

    private static OffsetDateTime beijing(Instant instant) {
        return instant == null ? null : instant.atZone(BEIJING).toOffsetDateTime();
    }
}
