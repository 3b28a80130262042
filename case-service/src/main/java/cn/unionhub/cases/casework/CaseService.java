package cn.unionhub.cases.casework;

import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.casework.domain.CaseAccess;
import cn.unionhub.cases.casework.domain.CaseFacts;
import cn.unionhub.cases.casework.domain.CaseHistory;
import cn.unionhub.cases.casework.domain.CaseNumbers;
import cn.unionhub.cases.casework.domain.CaseRules;
import cn.unionhub.cases.casework.domain.HistoryEntry;
import cn.unionhub.cases.casework.domain.RoutingDecision;
import cn.unionhub.cases.casework.queue.QueueLog;
import cn.unionhub.cases.casework.store.Cases;
import cn.unionhub.events.feedback.FeedbackRated;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import cn.unionhub.cases.routing.domain.HandlingOrganisation;
import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import cn.unionhub.platform.domain.AnonymousRelease;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import cn.unionhub.platform.identity.FollowUpTokens;
import cn.unionhub.platform.identity.Pseudonyms;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Opening cases from every channel, working them, and showing them to those who may see them. */
@Service
public class CaseService {

    private static final Logger log = LoggerFactory.getLogger(CaseService.class);
    private static final int CASE_NUMBER_ATTEMPTS = 5;

    /**
     * A new case and whether this call opened it (false: the same item had opened it before).
     *
     * @param followUpCode the caller's follow-up code, shown once, when this call opened the case for a caller
     */
    public record Opening(Case opened, boolean created, String followUpCode) {

        Opening(Case opened, boolean created) {
            this(opened, created, null);
        }
    }

    /**
     * A hotline caller follows their case with its number and the code they were given: the same
     * 404 for an unknown number and a wrong code, so neither can be probed.
     */
    public Case followUp(String caseNumber, String code) {
        return cases.byCaseNumberForFollowUp(caseNumber == null ? "" : caseNumber.strip().toUpperCase(java.util.Locale.ROOT))
                .filter(found -> FollowUpTokens.matches(code, found.getValue()))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new NotFoundException("case-not-found", caseNumber));
    }

    private final CaseRules rules;
    private final Cases cases;
    private final CaseMetrics metrics;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Pseudonyms pseudonyms;

    private final QueueLog queues;

    private final AnonymousRelease release;

    CaseService(CaseRules rules, Cases cases, CaseMetrics metrics, Clock clock, Pseudonyms pseudonyms, QueueLog queues,
            AnonymousRelease release) {
        this.release = release;
        this.queues = queues;
        this.rules = rules;
        this.cases = cases;
        this.metrics = metrics;
        this.clock = clock;
        this.pseudonyms = pseudonyms;
        int thisYear = Year.now(clock.withZone(ZoneId.of("Asia/Shanghai"))).getValue();
        for (int year = thisYear; year <= thisYear + 1; year++) {
            if (!rules.calendar().knows(year)) {
                log.warn("No holiday schedule for {}: deadlines in {} count its statutory holidays (computed from the lunar "
                        + "calendar, without 调休) and are marked provisional. Add calendar/cn-{}.yml "
                        + "(unionhub.cases.calendar-directory) once the State Council publishes it.", year, year, year);
            }
        }
    }

    public CaseRules rules() {
        return rules;
    }

    // ---------------------------------------------------------------- intake

    /**
     * The case a feedback item asks for, none if it needs no handling; {@link #openAll} opens it
     * once, however often the event arrives.
     */
    public Optional<Case.Intake> intakeOf(FeedbackSubmitted feedback) {
        if (!feedback.needsHandling()) {
            return Optional.empty();
        }
        Case.Matter matter = new Case.Matter(feedback.category(), feedback.enterprise(), feedback.enterpriseName(),
                rules.routing().placeOf(feedback.enterprise(), feedback.district()), feedback.workerGroup(), feedback.channel(), feedback.text(),
                number(feedback.details(), "amountOwedFen"), integer(feedback.details(), "workersAffected"), feedback.anonymous(),
                feedback.submittedAt() == null ? null : feedback.submittedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        return Optional.of(new Case.Intake(Case.idForFeedback(feedback.feedbackId()), Case.Source.FEEDBACK, feedback.feedbackId(),
                feedback.feedbackId(), feedback.trackingNumber(), matter, false, Case.By.WORKER));
    }

    /**
     * Opens and routes a poll's cases (see {@code FeedbackIntake}): one read for those opened
     * already, then their timers, pointers and documents in one command each, where one at a time
     * took five per case. A case whose new number was taken meanwhile is opened on its own with
     * another number, as {@link #open(Case.Intake)} does.
     */
    public void openAll(List<Case.Intake> intakes, Consumer<List<Case.Intake>> applied) {
        Set<String> opened = cases.existing(intakes.stream().map(Case.Intake::id).toList());
        Map<Case.Intake, Case.Changed> fresh = new LinkedHashMap<>(); // an intake delivered twice in the poll: once
        for (Case.Intake intake : intakes) {
            if (!opened.contains(intake.id())) {
                fresh.computeIfAbsent(intake, i -> opening(i, routing(i)));
            }
        }
        Set<String> inserted = cases.insertAll(List.copyOf(fresh.values()));
        fresh.forEach((intake, changed) -> {
            if (inserted.contains(intake.id())) {
                opened(changed, intake);
            } else {
                open(intake); // opened meanwhile (then it answers with that case), or its number was taken
            }
        });
        applied.accept(intakes);
    }

    private RoutingDecision routing(Case.Intake intake) {
        return rules.routing().route(CaseFacts.of(intake.matter(), Case.priorityOf(intake), intake.source()));
    }

    /** The case the intake opens, under a new random number. */
    private Case.Changed opening(Case.Intake intake, RoutingDecision decision) {
        return Case.open(intake, decision, rules, CaseNumbers.next(clock.instant(), random), clock.instant());
    }

    private void opened(Case.Changed opened, Case.Intake intake) {
        metrics.record(opened);
        log.info("Case {} opened from {} {} and routed to {} by rule {}", opened.changed().caseNumber(),
                intake.source(), intake.sourceReference(), opened.changed().assignment().organisationName(),
                opened.changed().assignment().rule());
    }

    /**
     * Opens a case from any channel. The id is derived from the channel's own reference (work-order
     * number, document number, clue id), so a retried or repeated intake returns the first case.
     */
    public Opening open(Case.Intake intake) {
        return open(intake, null);
    }

    /**
     * As {@link #open(Case.Intake)}; a case opened from a hotline call also gets a follow-up code
     * for the caller ({@link Opening#followUpCode}; its hash is kept). The code is derived from the
     * case's id with the installation's key, so the operator's retry of a filing whose answer was
     * lost gets the same code again instead of a case the caller can never follow.
     */
    public Opening open(Case.Intake intake, boolean forCaller) {
        return open(intake, forCaller ? FollowUpTokens.derive(pseudonyms.of("case-follow-up:" + intake.id())) : null);
    }

    private Opening open(Case.Intake intake, FollowUpTokens.Issued followUp) {
        Optional<Case> existing = cases.byId(intake.id());
        if (existing.isPresent()) {
            return new Opening(existing.get(), false, followUp == null ? null : followUp.token());
        }
        RoutingDecision decision = routing(intake);
        for (int attempt = 1; ; attempt++) {
            Case.Changed opened = opening(intake, decision);
            try {
                cases.insert(opened, followUp == null ? null : followUp.hash());
                opened(opened, intake);
                return new Opening(opened.changed(), true, followUp == null ? null : followUp.token());
            } catch (DuplicateKeyException duplicate) {
                Optional<Case> concurrent = cases.byId(intake.id());
                if (concurrent.isPresent()) {
                    // a concurrent delivery opened it
                    return new Opening(concurrent.get(), false, followUp == null ? null : followUp.token());
                }
                if (attempt == CASE_NUMBER_ATTEMPTS) {
                    throw duplicate;
                }
            }
        }
    }

    // ---------------------------------------------------------------- the handlers' steps

    public Case accept(String caseNumber, Actor actor) {
        return change(caseNumber, actor, c -> c.accept(by(actor), clock.instant()));
    }

    public Case contact(String caseNumber, String note, Actor actor) {
        return change(caseNumber, actor, c -> c.contact(by(actor), note, clock.instant()));
    }

    public Case respond(String caseNumber, String text, List<HistoryEntry.Attachment> attachments, Actor actor) {
        return change(caseNumber, actor, c -> c.respond(by(actor), text, attachments, rules.calendar(), clock.instant()));
    }

    public Case pause(String caseNumber, String reason, Actor actor) {
        return change(caseNumber, actor, c -> c.pause(by(actor), reason, clock.instant()));
    }

    public Case resume(String caseNumber, String note, Actor actor) {
        return change(caseNumber, actor, c -> c.resume(by(actor), note, rules.calendar(), clock.instant()));
    }

    public Case resolve(String caseNumber, Case.Outcome outcome, String summary, Long recoveredAmountFen,
            Integer workersHelped, Actor actor) {
        return change(caseNumber, actor, c -> c.resolve(by(actor), outcome, summary, recoveredAmountFen, workersHelped,
                rules.calendar(), clock.instant()));
    }

    /** Staff close a resolved case after calling the worker back (回访); a caller not satisfied reopens it one level up. */
    public Case close(String caseNumber, Case.Satisfaction satisfaction, String note, Actor actor) {
        return change(caseNumber, actor, c -> satisfaction == Case.Satisfaction.NOT_SATISFIED
                ? c.callBackNotSatisfied(by(actor), note, rules, clock.instant())
                : c.close(by(actor), satisfaction, note, clock.instant()));
    }

    public Case record(String caseNumber, String kind, String text, List<HistoryEntry.Attachment> attachments, Actor actor) {
        return change(caseNumber, actor, c -> c.record(by(actor), kind, text, attachments, clock.instant()));
    }

    public Case verifyClue(String caseNumber, Case.ClueFinding finding, String note, Actor actor) {
        return change(caseNumber, actor, c -> c.verifyClue(by(actor), finding, note, clock.instant()));
    }

    /**
     * The worker's rating decides what happens to a resolved case: not satisfied reopens and
     * re-dispatches it; satisfied or partly satisfied (also when given by default after the rating
     * window) closes it. A rating for a case in any other state changes nothing.
     */
    public void onRating(FeedbackRated rated) {
        Optional<Case> resolved = cases.byId(Case.idForFeedback(rated.feedbackId()))
                .filter(c -> c.status() == Case.Status.RESOLVED);
        if (resolved.isEmpty()) {
            return;
        }
        Case.Satisfaction satisfaction = Case.Satisfaction.valueOf(rated.rating());
        Optional<Case> changed = cases.change(resolved.get().id(), current -> {
            if (current.status() != Case.Status.RESOLVED) {
                return new Case.Changed(current, List.of());
            }
            return satisfaction == Case.Satisfaction.NOT_SATISFIED
                    ? current.reopen(Case.By.WORKER, "职工不满意：" + rated.reason(), rules, clock.instant())
                    : current.close(Case.By.WORKER, satisfaction, rated.defaulted(), rated.defaulted()
                            ? "评价期满未评价，按默认处理：" + satisfaction.name() : "职工评价：" + satisfaction.name(), clock.instant());
        }, metrics::record);
        changed.ifPresent(c -> log.info("Case {} is {} after the worker's rating {}", c.caseNumber(), c.status(), satisfaction));
    }

    /**
     * The worker answered about their item: the answer goes on the case's record, and a case waiting on the worker runs
     * again (the deadlines move by the time it waited). An answer to a case that is no longer open is kept on nothing:
     * the item refuses answers once resolved.
     */
    public void onWorkerReply(cn.unionhub.events.feedback.WorkerReplied replied) {
        Optional<Case> changed = cases.change(Case.idForFeedback(replied.feedbackId()), current -> {
            if (!Case.Status.OPEN.contains(current.status())) {
                return new Case.Changed(current, List.of());
            }
            return current.workerReplied(replied.text(), rules.calendar(), replied.repliedAt());
        }, metrics::record);
        changed.ifPresent(c -> log.info("Case {}: the worker replied", c.caseNumber()));
    }

    // ---------------------------------------------------------------- deadlines

    /**
     * Tells each enterprise union's queue about the anonymous workers' cases released to it by now
     * ({@link cn.unionhub.platform.domain.AnonymousRelease}); runs with the deadline watcher. Telling twice is harmless.
     *
     * @return how many cases were released
     */
    public int releaseAnonymousCases() {
        Instant now = clock.instant();
        return cases.forEachReleased(now, c -> queues.released(c, now));
    }

    /**
     * One pass of the deadline watcher over the cases whose time has come. Safe on any number of
     * instances at once: each case is changed under optimistic locking from its fresh state, and
     * the marks and levels it keeps make a second pass over the same case announce nothing.
     *
     * @return how many cases were looked at
     */
    public int checkDeadlines() {
        Instant now = clock.instant();
        return cases.forEachDue(now, id -> {
            boolean due = cases.byId(id).flatMap(c -> c.nextCheckAt(rules)).filter(at -> !at.isAfter(now)).isPresent();
            if (!due) {
                return; // a timer of an earlier deadline, or the case was handled meanwhile
            }
            AtomicReference<Case> before = new AtomicReference<>();
            cases.change(id, c -> {
                before.set(c); // the state the written attempt started from
                return c.checkDeadlines(rules, now);
            }, metrics::record).ifPresent(after -> metrics.breaches(before.get(), after));
        });
    }

    /**
     * After the State Council's schedule for {@code year} replaced what was known of it: every open
     * case whose deadlines move gets them counted again ({@link Case#recalculated}), with an entry on
     * its record and an event for the worker's timeline. A rare administrative step that reads the
     * ids of the open cases once; running it again changes nothing.
     *
     * @return how many cases' deadlines moved
     */
    public int recalculateDeadlines(int year) {
        Instant now = clock.instant();
        int moved = 0;
        for (String id : cases.openIds()) {
            boolean moves = cases.byId(id).map(c -> !c.recalculated(rules, year, now).events().isEmpty()).orElse(false);
            if (moves && cases.change(id, c -> c.recalculated(rules, year, now), metrics::record).isPresent()) {
                moved++;
            }
        }
        return moved;
    }

    // ---------------------------------------------------------------- reading

    /**
     * Cases the caller sees (an enterprise union its enterprise's, district staff their district's),
     * or with {@code assignedToMe} the work queue of the caller's organisation: what it must work.
     */
    public List<Case> queue(Actor actor, boolean assignedToMe, List<Case.Status> statuses, Case.Source source, int page,
            int size) {
        String organisation = null;
        if (assignedToMe) {
            Optional<HandlingOrganisation> own = HandlingOrganisation.of(actor);
            if (own.isEmpty()) {
                return List.of();
            }
            organisation = own.get().id();
        }
        String queueOf = organisation;
        // A work queue keeps the caller's division: the city union's queue is one for every city the platform serves.
        return scope(actor).map(scope -> cases.page(new Cases.Filter(queueOf == null ? scope.enterprise() : null,
                scope.district(), statuses, source, null, null, null, null, null, queueOf,
                scope.releasedBy()), page, size))
                .orElse(List.of());
    }

    /**
     * Which cases the caller may see: null fields mean everything; empty when nothing. The enterprise side
     * sees an anonymous worker's case from its release on (see {@link Cases.Filter#releasedBy()}).
     */
    public Optional<Cases.Filter> scope(Actor actor) {
        return actor.scope().map(s -> new Cases.Filter(s.enterprise(), s.division(), null, null, null, null, null, null, null, null,
                actor.isEnterpriseSide() ? clock.instant() : null));
    }

    /** The case, if the caller may see it: not before its release for the enterprise side (the same 404 as no case). */
    public Case find(String caseNumber, Actor actor) {
        return cases.byCaseNumber(caseNumber)
                .filter(c -> actor.canSee(c.matter().enterprise(), c.matter().district()))
                .filter(c -> !actor.isEnterpriseSide() || !cases.enterpriseSeesAt(c).isAfter(clock.instant()))
                .orElseThrow(() -> new NotFoundException("case-not-found", caseNumber));
    }

    /**
     * Passes the case to another organisation of the case's area (its enterprise's union, a body of
     * its district, or the city union), by the organisation working it or a level above.
     */
    /**
     * Transfers the case to an organisation of its district, or of {@code district} (another district or city the register
     * names): a case about an employer elsewhere could only be passed around the wrong district, and a district named in
     * the request was ignored (exploratory test, 2026-12-04). Only district bodies are named by a district.
     */
    public Case transfer(String caseNumber, HandlingOrganisationType type, String district, String reason, Actor actor) {
        Case transferred = step(find(caseNumber, actor), actor, CaseAccess::mayTransfer, c -> {
            String target = district == null || district.isBlank() ? c.matter().district() : district.strip();
            if (!java.util.Objects.equals(target, c.matter().district())) {
                List<RuleViolationException.FieldViolation> wrong = new java.util.ArrayList<>();
                if (!rules.routing().namesDistrict(target)) {
                    wrong.add(new RuleViolationException.FieldViolation("district", "unknown-district", target));
                }
                if (type == HandlingOrganisationType.ENTERPRISE_UNION || type == HandlingOrganisationType.CITY_UNION) {
                    wrong.add(new RuleViolationException.FieldViolation("district", "district-not-for-organisation"));
                }
                if (!wrong.isEmpty()) {
                    throw new RuleViolationException("invalid-case-action", wrong);
                }
            }
            HandlingOrganisation to = rules.routing().serving(type, c.matter().enterprise(), target)
                    .orElseThrow(() -> new RuleViolationException("invalid-case-action",
                            List.of(new RuleViolationException.FieldViolation("organisationType", "no-such-organisation-for-case"))));
            return c.transfer(by(actor), to, rules.routing().nameOf(to, c.matter().enterpriseName(), target), target, reason, clock.instant());
        });
        log.info("Case {} transferred to {} by {}", caseNumber, transferred.handledBy().id(), actor.subject());
        return transferred;
    }

    /** Instructions from a level above the handling organisation (督办意见), on the record. */
    public Case supervise(String caseNumber, String instructions, Actor actor) {
        Case found = find(caseNumber, actor);
        if (!CaseAccess.maySupervise(found, actor)) {
            throw new ForbiddenException("case-not-supervised-by-you", caseNumber);
        }
        return cases.change(found.id(), c -> c.supervise(by(actor), instructions, clock.instant()), metrics::record)
                .orElseThrow(() -> new NotFoundException("case-not-found", caseNumber));
    }

    public CaseHistory.Verification verify(String caseNumber, Actor actor) {
        return CaseHistory.verify(shownTo(find(caseNumber, actor), actor).history());
    }

    /**
     * {@code c} as {@code viewer} is shown it: the enterprise side sees an anonymous worker's case as it was before a
     * step of the worker's (a rating) until the release after that step, as its queue hears of it ({@link Case.Shown}).
     * Only for showing: what the viewer may do is decided on the case as it is.
     */
    public Case shownTo(Case c, Actor viewer) {
        return viewer.isEnterpriseSide() ? cases.seenByEnterpriseSide(c, clock.instant()) : c;
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * The time at which {@code viewer} sees the state of {@code c}'s deadlines. The enterprise side sees an anonymous
     * worker's case as if it had been filed at the start of its release window: its deadlines, counted from the
     * exact filing time, would otherwise turn "due soon" and "overdue" at moments that give that time away (a
     * 24-hour deadline's warning is the filing time plus 20 hours). Earlier, so never later than the truth.
     */
    public Instant nowFor(Case c, Actor viewer) {
        Instant now = clock.instant();
        if (!c.matter().isAnonymous() || !viewer.isEnterpriseSide() || release.period().isEmpty()) {
            return now;
        }
        return now.plus(java.time.Duration.between(release.windowStart(c.filedAt()), c.deadlines().openedAt()));
    }

    /** A step of the handling organisation's work: 404 for a case one cannot see, 403 for one routed elsewhere. */
    private Case change(String caseNumber, Actor actor, Function<Case, Case.Changed> change) {
        return step(find(caseNumber, actor), actor, CaseAccess::mayWork, change); // the same 404 for foreign and unknown cases
    }

    /**
     * {@code change} on {@code found}, if {@code may} lets the caller (403 otherwise). The enterprise side decides on the
     * case as it is shown (an anonymous worker's rating held until the next release, {@link #shownTo}): its refusal is
     * the shown case's — 409 naming the status shown, or 403 — never the case's as it is, which would tell the chair
     * that the worker has just rated ("CLOSED" in a 409, a 403 for a case that left its queue) before the release does.
     * What the shown case allows (a note on the record) is then written to the case as it is.
     */
    private Case step(Case found, Actor actor, BiPredicate<Case, Actor> may, Function<Case, Case.Changed> change) {
        Case decidedOn = shownTo(found, actor);
        if (!may.test(decidedOn, actor)) {
            throw new ForbiddenException("case-not-yours", found.caseNumber());
        }
        if (decidedOn != found) {
            change.apply(decidedOn); // throws the shown case's refusal; a pure function of the case, nothing is written
        }
        return cases.change(found.id(), change, metrics::record)
                .orElseThrow(() -> new NotFoundException("case-not-found", found.caseNumber()));
    }

    public static Case.By by(Actor actor) {
        String role = actor.has(Role.HANDLER) ? Role.HANDLER.name()
                : actor.has(Role.DISTRICT_UNION) ? Role.DISTRICT_UNION.name()
                : actor.has(Role.ENTERPRISE_UNION) ? Role.ENTERPRISE_UNION.name()
                : actor.has(Role.ADMIN) ? Role.ADMIN.name() : Role.GOV_SYSTEM.name();
        return new Case.By(actor.subject(), role);
    }

    private static Long number(java.util.Map<String, Object> details, String key) {
        Object value = details == null ? null : details.get(key);
        return value instanceof Number n ? n.longValue() : null;
    }

    private static Integer integer(java.util.Map<String, Object> details, String key) {
        Long value = number(details, key);
        return value == null ? null : value.intValue();
    }
}
