package cn.unionhub.alert.warning.api;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.alert.warning.WarningService;
import cn.unionhub.alert.warning.domain.EnterpriseSide;
import cn.unionhub.alert.warning.domain.Warning;
import cn.unionhub.alert.warning.domain.WarningLevel;
import cn.unionhub.events.alert.SignalContribution;
import cn.unionhub.security.Actor;
import java.time.LocalDate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Warnings in the work queues of departments and unions, and the steps of their closed loop. */
@RestController
@RequestMapping("/api/v1/alerts/warnings")
class WarningController {

    private static final int MAX_PAGE_SIZE = 100;

    /** A step of the loop as staff see it: the role ({@code by}) and the account ({@code who}) that took it. */
    record StepView(String action, String level, String by, String who, String note, OffsetDateTime at) {
    }

    /**
     * @param workersReporting distinct workers who raised wage issues themselves (a case staff filed counts as one)
     * @param workersConcerned at least this many workers concerned: the larger of those reporting and the most workers one
     *                         filed case names (a hotline order for 240 workers read "15 workers" beside fourteen
     *                         others, exploratory test, 2026-12-04); cases may concern the same workers, so not a sum
     */
    record WarningView(String id, String enterprise, String enterpriseName, String district, String industry, String level,
            double score, boolean collectiveDispute, int workersReporting, int workersConcerned, long amountAtStakeFen,
            Map<String, Double> kindContributions, List<SignalContribution> signals, boolean legalHealthCheckRecommended,
            List<String> pushedTo, String status, String verdict, String verificationReason, String disposal, String docking,
            String governanceNotes, OffsetDateTime raisedAt, OffsetDateTime closedAt, List<StepView> history) {

        static WarningView of(Warning w) {
            int largestCase = (int) w.signals().stream()
                    .filter(s -> cn.unionhub.alert.risk.domain.EventSignals.SOURCE_CASES.equals(s.source()) && s.kind().startsWith("WAGE"))
                    .mapToDouble(SignalContribution::magnitude).max().orElse(0);
            return new WarningView(w.id(), w.enterprise(), w.enterpriseName(), w.district(), w.industry(), w.level().name(),
                    w.score(), w.collectiveDispute(), w.workersReporting(), Math.max(w.workersReporting(), largestCase),
                    w.amountAtStakeFen(), w.kindContributions(),
                    w.signals(), w.legalHealthCheckRecommended(), w.pushedTo(), w.status().name(),
                    w.verdict() == null ? null : w.verdict().name(), w.verificationReason(), w.disposal(), w.docking(),
                    w.governanceNotes(), BusinessCalendar.beijing(w.raisedAt()), BusinessCalendar.beijing(w.closedAt()), w.history().stream()
                            .map(s -> new StepView(s.action().name(), s.level() == null ? null : s.level().name(), s.by(),
                                    s.who(), s.note(), BusinessCalendar.beijing(s.at())))
                            .toList());
        }
    }

    /**
     * A warning as the union of the enterprise it concerns sees it ({@link EnterpriseSide}): the
     * level and the loop's progress, no counts or amounts, no signals, dates without times.
     */
    record EnterpriseWarningView(String id, String enterprise, String enterpriseName, String district, String level,
            boolean collectiveDispute, List<String> kinds,
            boolean legalHealthCheckRecommended, String status, String verdict, String disposal, String docking,
            String governanceNotes, LocalDate raisedOn, LocalDate closedOn, List<EnterpriseStepView> history) {

        static EnterpriseWarningView of(Warning w) {
            return new EnterpriseWarningView(w.id(), w.enterprise(), w.enterpriseName(), w.district(), w.level().name(),
                    w.collectiveDispute(), EnterpriseSide.kindsInOrder(w.kindContributions()),
                    w.legalHealthCheckRecommended(), w.status().name(), w.verdict() == null ? null : w.verdict().name(),
                    w.disposal(), w.docking(), w.governanceNotes(), EnterpriseSide.day(w.raisedAt()),
                    EnterpriseSide.day(w.closedAt()), w.history().stream()
                            // Level changes follow single signals: only the steps people took are shown, by day.
                            .filter(step -> step.action() != Warning.Action.RAISED && step.action() != Warning.Action.UPGRADED
                                    && step.action() != Warning.Action.DOWNGRADED)
                            .map(step -> new EnterpriseStepView(step.action().name(), EnterpriseSide.day(step.at())))
                            .toList());
        }
    }

    record EnterpriseStepView(String action, LocalDate on) {
    }

    record VerificationRequest(Warning.Verdict verdict, String reason) {
    }

    record NotesRequest(String notes) {
    }

    private final WarningService warnings;

    WarningController(WarningService warnings) {
        this.warnings = warnings;
    }

    /** District, city and government views show every figure; the enterprise's own union sees {@link EnterpriseWarningView}. */
    @GetMapping
    List<?> queue(Actor actor, @RequestParam(required = false) Warning.Status status,
            @RequestParam(required = false) WarningLevel level, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return warnings.queue(actor, status, level, Math.max(0, page), Math.min(Math.max(1, size), MAX_PAGE_SIZE)).stream()
                .map(w -> view(w, actor)).toList();
    }

    @GetMapping("/{id}")
    Object find(@PathVariable String id, Actor actor) {
        return view(warnings.find(id, actor), actor);
    }

    private static Object view(Warning w, Actor actor) {
        return actor.isEnterpriseSide() ? EnterpriseWarningView.of(w) : WarningView.of(w);
    }

    @PostMapping("/{id}/verification")
    WarningView verify(@PathVariable String id, @RequestBody VerificationRequest request, Actor actor) {
        return WarningView.of(warnings.verify(id, request.verdict(), request.reason(), actor));
    }

    @PostMapping("/{id}/disposal")
    WarningView dispose(@PathVariable String id, @RequestBody NotesRequest request, Actor actor) {
        return WarningView.of(warnings.dispose(id, request.notes(), actor));
    }

    @PostMapping("/{id}/docking")
    WarningView dock(@PathVariable String id, @RequestBody NotesRequest request, Actor actor) {
        return WarningView.of(warnings.dock(id, request.notes(), actor));
    }

    @PostMapping("/{id}/closure")
    WarningView close(@PathVariable String id, @RequestBody NotesRequest request, Actor actor) {
        return WarningView.of(warnings.close(id, request.notes(), actor));
    }

}
