package cn.unionhub.cases.casework.api;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.cases.casework.CaseService;
import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.casework.domain.HistoryEntry;
import cn.unionhub.platform.domain.RuleViolationException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A 12351 caller follows their case without an account: the case number and the follow-up code
 * the operator read out. They see where it is, by when they are owed an answer, and the answers —
 * not the staff's notes, names or the record's internals. The code travels in the body, never in a
 * URL that logs keep.
 */
@RestController
@RequestMapping("/api/v1/cases")
class CallerFollowUpController {

    /** The steps a caller is told of; notes, calls, visits and supervision stay with the staff. */
    private static final Set<String> CALLER_STEPS = Set.of("OPENED", "ROUTED", "TRANSFERRED", "ACCEPTED", "RESPONDED",
            "PAUSED", "RESUMED", "ESCALATED", "RESOLVED", "REOPENED", "CLOSED");
    /** Steps whose text is an answer to the caller. */
    private static final Set<String> ANSWERS = Set.of("RESPONDED", "RESOLVED", "PAUSED");

    record FollowUpRequest(String caseNumber, String code) {
    }

    record CallerView(String caseNumber, String status, String organisationName, CaseView.Sla sla, List<Step> steps) {
    }

    record Step(OffsetDateTime at, String action, String text) {
    }

    private final CaseService cases;

    CallerFollowUpController(CaseService cases) {
        this.cases = cases;
    }

    @PostMapping("/follow-up")
    CallerView followUp(@RequestBody FollowUpRequest request) {
        RuleViolationException.requireAll("caseNumber", request.caseNumber(), "code", request.code());
        Case c = cases.followUp(request.caseNumber(), request.code());
        CaseView view = CaseView.of(c, cases.now(), cases.rules().calendar());
        return new CallerView(c.caseNumber(), c.status().name(), c.assignment().organisationName(), view.sla(),
                c.history().stream().filter(e -> CALLER_STEPS.contains(e.action())).map(CallerFollowUpController::step).toList());
    }

    private static Step step(HistoryEntry e) {
        String text = ANSWERS.contains(e.action()) ? e.text()
                : "ROUTED".equals(e.action()) || "TRANSFERRED".equals(e.action()) ? e.details().getOrDefault("to",
                        e.details().getOrDefault("organisation", null))
                : null;
        return new Step(BusinessCalendar.beijing(e.at()), e.action(), text);
    }
}
