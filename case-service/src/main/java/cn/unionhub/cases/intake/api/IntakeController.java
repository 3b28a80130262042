package cn.unionhub.cases.intake.api;

import cn.unionhub.cases.casework.CaseProperties;
import cn.unionhub.cases.casework.CaseService;
import cn.unionhub.cases.casework.api.CaseView;
import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.casework.domain.DistrictNames;
import cn.unionhub.cases.intake.domain.IntakeForm;
import cn.unionhub.cases.registry.store.RegisteredEnterprises;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Actor;
import java.util.List;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cases that union staff file from other channels: 12351 hotline work orders, superior assignments
 * and public-opinion clues. The channel's reference makes filing idempotent: the first filing
 * answers 201, the same reference again answers 200 with the case it opened — to staff who may see
 * that case; anyone else gets a 409 that says only that the reference is taken.
 */
@RestController
@RequestMapping("/api/v1/cases")
class IntakeController {

    private final CaseService cases;
    private final CaseProperties properties;
    private final RegisteredEnterprises enterprises;
    private final DistrictNames districts;
    private final cn.unionhub.cases.intake.store.Callers callers;

    IntakeController(CaseService cases, CaseProperties properties, RegisteredEnterprises enterprises, DistrictNames districts,
            cn.unionhub.cases.intake.store.Callers callers) {
        this.callers = callers;
        this.cases = cases;
        this.properties = properties;
        this.enterprises = enterprises;
        this.districts = districts;
    }

    /** A 12351 hotline call taken by an operator (热线工单). */
    @PostMapping("/hotline-orders")
    ResponseEntity<CaseView> hotline(@RequestBody IntakeForm form, Actor actor) {
        return open(form, Case.Source.HOTLINE_12351, actor);
    }

    /** A case assigned or put under supervision by a higher authority (上级交办督办). */
    @PostMapping("/assignments")
    ResponseEntity<CaseView> assignment(@RequestBody IntakeForm form, Actor actor) {
        return open(form, Case.Source.SUPERVISION, actor);
    }

    /** A labour-relations clue seen in public opinion (舆情线索), to be verified. */
    @PostMapping("/public-opinion-clues")
    ResponseEntity<CaseView> clue(@RequestBody IntakeForm form, Actor actor) {
        return open(form, Case.Source.PUBLIC_OPINION, actor);
    }

    /**
     * How to call the caller back, in full, for the organisation working the case now (and administrators): the one who
     * calls. Each look is recorded. Never for the enterprise's own union, whatever it works: the caller phoned the union's
     * hotline, not their employer. 404 when the filing gave none.
     */
    @org.springframework.web.bind.annotation.GetMapping("/{caseNumber}/caller")
    IntakeForm.Caller caller(@org.springframework.web.bind.annotation.PathVariable String caseNumber, Actor actor) {
        Case found = cases.find(caseNumber, actor);
        java.util.Optional<cn.unionhub.cases.intake.store.Callers.OnFile> onFile = callers.onFile(found.id());
        if (!mayCallBack(found, actor, onFile.map(cn.unionhub.cases.intake.store.Callers.OnFile::takenBy).orElse(null))) {
            throw new cn.unionhub.platform.domain.ForbiddenException("caller-for-handlers", caseNumber);
        }
        IntakeForm.Caller caller = onFile.map(cn.unionhub.cases.intake.store.Callers.OnFile::caller)
                .orElseThrow(() -> new cn.unionhub.platform.domain.NotFoundException("caller-not-on-file", caseNumber));
        callers.viewed(found.id(), found.caseNumber(), actor.subject(), cases.now());
        return caller;
    }

    /** One look at a caller's details: whose account, when (Beijing time). */
    record CallerView(String by, java.time.OffsetDateTime at) {
    }

    /**
     * 查看记录: who has read the caller's name and number, the newest first — for administrators and the union staff who see
     * the case (a caller who complains of a call they did not expect is answered from it). Not for those who may read the
     * number only: it is how they are overseen. Reading this list is no look at the caller.
     */
    @org.springframework.web.bind.annotation.GetMapping("/{caseNumber}/caller/views")
    java.util.List<CallerView> callerViews(@org.springframework.web.bind.annotation.PathVariable String caseNumber, Actor actor) {
        Case found = cases.find(caseNumber, actor);
        if (actor.isEnterpriseSide() || !actor.has(cn.unionhub.security.Role.ADMIN) && !actor.has(cn.unionhub.security.Role.DISTRICT_UNION)) {
            throw new cn.unionhub.platform.domain.ForbiddenException("caller-views-for-supervisors", caseNumber);
        }
        return callers.views(found.id()).stream()
                .map(v -> new CallerView(v.by(), cn.unionhub.platform.calendar.BusinessCalendar.beijing(v.at()))).toList();
    }

    /**
     * Who calls a hotline caller back: the organisation working the case; when that is the enterprise's own union, the
     * levels above it (the district union supervises it) — the caller phoned the union, not the employer, and nobody but
     * an administrator could call them back (exploratory test, 2026-12-05); the operator who took the call down; and
     * administrators. Never the enterprise side.
     */
    private static boolean mayCallBack(Case c, Actor actor, String takenBy) {
        if (actor.isEnterpriseSide()) {
            return false;
        }
        if (actor.has(cn.unionhub.security.Role.ADMIN) || actor.subject() != null && actor.subject().equals(takenBy)) {
            return true;
        }
        boolean enterpriseWorksIt = c.handledBy().type() == cn.unionhub.cases.routing.domain.HandlingOrganisationType.ENTERPRISE_UNION;
        return enterpriseWorksIt ? cn.unionhub.cases.casework.domain.CaseAccess.maySupervise(c, actor)
                : cn.unionhub.cases.casework.domain.CaseAccess.mayWork(c, actor);
    }

    private ResponseEntity<CaseView> open(IntakeForm form, Case.Source source, Actor actor) {
        // The form's own errors first, every one of them (a district that is no code among them).
        Case.Intake intake = form.toIntake(source, properties.categories(), CaseService.by(actor), enterprises::find, districts);
        if (!actor.seesEverything() && !actor.canSee(form.enterprise(), form.district())) {
            // Staff file cases for their own area only: a district union cannot open another district's
            // case, nor a city's bodies another city's, nor one without a district (it would land with the
            // city union, outside its area).
            throw new RuleViolationException("invalid-case-intake", List.of(new FieldViolation("district",
                    form.district() == null ? "required" : "outside-your-area")));
        }
        CaseService.Opening opening = cases.open(intake, source == Case.Source.HOTLINE_12351);
        Case opened = opening.opened();
        if (!opening.created() && !actor.canSee(opened.matter().enterprise(), opened.matter().district())) {
            // The reference is another area's case: say only that it is taken, never what it holds.
            throw new ConflictException("case-reference-taken", form.reference());
        }
        if (!opening.created() && !opened.matter().sameAs(intake.matter())) {
            // Not a retry: answering with the first case would tell the operator the corrected figures were taken.
            throw new ConflictException("case-reference-reused", form.reference(), opened.caseNumber());
        }
        // The caller's number is kept beside the case, once: a retry that names another is not the same filing (it was
        // never kept at all, and summaries mask numbers: nobody could call a hotline caller back, exploratory test).
        // The caller's code goes to the operator who filed (again, for a retry whose answer was lost), not to anyone
        // else who files the same reference: it is the caller's key to the case.
        boolean filer = opening.created() || opened.history().stream().findFirst()
                .map(first -> first.actor().equals(actor.subject())).orElse(false);
        java.util.Optional<IntakeForm.Caller> caller = form.caller();
        if (caller.isPresent()) {
            if (!filer && callers.find(opened.id()).isEmpty()) {
                // Another account "retrying" a reference filed without a caller added a number of its own choosing, which
                // the handler would then have phoned (exploratory test, 2026-12-05).
                throw new ConflictException("case-reference-reused", form.reference(), opened.caseNumber());
            }
            java.util.Optional<IntakeForm.Caller> onFile = callers.keep(opened.id(), caller.get(), actor.subject(), cases.now());
            if (onFile.isPresent() && !onFile.get().equals(caller.get())) {
                throw new ConflictException("case-reference-reused", form.reference(), opened.caseNumber());
            }
        }
        CaseView view = CaseView.of(opened, cases.now(), cases.rules().calendar())
                .withFollowUpCode(filer ? opening.followUpCode() : null);
        return opening.created()
                ? ResponseEntity.created(URI.create("/api/v1/cases/" + view.caseNumber())).body(view)
                : ResponseEntity.ok(view);
    }
}
