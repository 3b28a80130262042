package cn.unionhub.cases.casework.domain;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.calendar.SlaClock;
import cn.unionhub.cases.routing.domain.HandlingOrganisation;
import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.cases.CaseAccepted;
import cn.unionhub.events.cases.CaseClosed;
import cn.unionhub.events.cases.CaseClueVerified;
import cn.unionhub.events.cases.CaseDeadlinesRecalculated;
import cn.unionhub.events.cases.CaseDeadlineWarning;
import cn.unionhub.events.cases.CaseEscalated;
import cn.unionhub.events.cases.CaseFirstResponded;
import cn.unionhub.events.cases.CaseOpened;
import cn.unionhub.events.cases.CasePaused;
import cn.unionhub.events.cases.CaseReopened;
import cn.unionhub.events.cases.CaseResolved;
import cn.unionhub.events.cases.CaseResponded;
import cn.unionhub.events.cases.CaseResumed;
import cn.unionhub.events.cases.CaseRouted;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.domain.AnonymousRelease;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A case (工单): something a worker needs handled, where it was routed, the deadlines it runs
 * against, what was done and the outcome — with its whole history (一事一记录), hash-chained.
 *
 * <p>Life cycle: ROUTED → ACCEPTED (受理) → CONTACTED (联系当事人) → IN_PROGRESS (first response
 * given) → RESOLVED → CLOSED, and RESOLVED → REOPENED → IN_PROGRESS when the worker is not
 * satisfied. A first response may come before the formal steps (it implies acceptance). Anything
 * else answers {@code case-illegal-transition} (409). Every method returns the changed case and the
 * events its change caused; nothing is modified in place.
 */
public record Case(String id, String caseNumber, Source source, String sourceReference, String feedbackId,
        String trackingNumber, Matter matter, Priority priority, Status status, Assignment assignment, Deadlines deadlines,
        int escalationLevel, Resolution resolution, ClueVerification verification, List<HistoryEntry> history) {

    public static final int MAX_TEXT = 2000;

    public enum Source {
        FEEDBACK, HOTLINE_12351, SUPERVISION, PUBLIC_OPINION
    }

    public enum Priority {
        NORMAL, URGENT, GREEN_CHANNEL
    }

    public enum Status {
        ROUTED, ACCEPTED, CONTACTED, IN_PROGRESS, RESOLVED, CLOSED, REOPENED;

        /** Statuses in which the case is still being worked and its clocks run. */
        public static final Set<Status> OPEN = EnumSet.of(ROUTED, ACCEPTED, CONTACTED, IN_PROGRESS, REOPENED);
    }

    public enum Outcome {
        RESOLVED_BY_ENTERPRISE, MEDIATED, LEGAL_AID, JOINT_HANDLING, WAGES_RECOVERED, UNFOUNDED
    }

    public enum Deadline {
        FIRST_RESPONSE, RESOLUTION
    }

    /** Satisfaction as the worker gave it, or UNKNOWN when nobody could ask. */
    public enum Satisfaction {
        SATISFIED, PARTLY_SATISFIED, NOT_SATISFIED, UNKNOWN
    }

    /** What a public-opinion clue turned out to be on checking (舆情核实). */
    public enum ClueFinding {
        CONFIRMED, PARTLY_CONFIRMED, UNFOUNDED
    }

    /**
     * What the case is about.
     *
     * @param channel         how it reached the union (MINI_PROGRAM, HOTLINE_12351, SUPERIOR_ASSIGNMENT, MEDIA, …)
     * @param summary         the worker's words or the operator's summary, personal numbers masked
     * @param amountOwedFen   wages owed as reported, in fen, if known
     * @param workersAffected how many workers are concerned, if known
     * @param anonymous       the worker asked to stay anonymous (null on cases from before it was kept: not known)
     * @param filedAt         when the worker filed it, for a case opened from a feedback item (the item's submission
     *                        time); null for one staff opened and for cases from before it was kept. Never shown:
     *                        it only times the anonymous worker's release, see {@link Case#filedAt()}
     */
    public record Matter(String category, String enterprise, String enterpriseName, String district, String workerGroup,
            String channel, String summary, Long amountOwedFen, Integer workersAffected, Boolean anonymous,
            Instant filedAt) {

        /** A matter brought by name (a hotline call, an assignment, a document, a clue). */
        public Matter(String category, String enterprise, String enterpriseName, String district, String workerGroup,
                String channel, String summary, Long amountOwedFen, Integer workersAffected) {
            this(category, enterprise, enterpriseName, district, workerGroup, channel, summary, amountOwedFen, workersAffected, false);
        }

        /** A matter staff opened, for a worker who may have asked for anonymity: filed when it is opened. */
        public Matter(String category, String enterprise, String enterpriseName, String district, String workerGroup,
                String channel, String summary, Long amountOwedFen, Integer workersAffected, Boolean anonymous) {
            this(category, enterprise, enterpriseName, district, workerGroup, channel, summary, amountOwedFen, workersAffected,
                    anonymous, null);
        }

        public boolean isAnonymous() {
            return Boolean.TRUE.equals(anonymous);
        }

        /** 100 million yuan: twenty times the largest arrears of the source pages (5 million yuan for 200 workers). */
        public static final long MAX_AMOUNT_FEN = 10_000_000_000L;
        /** More workers than any one enterprise employs: a typing slip, not a case. */
        public static final int MAX_WORKERS = 100_000;

        /**
         * What is wrong with the figures a resolution reports; they go into the ledgers, the monthly report and the
         * city's totals, so they must be possible for this matter. Wages recovered need both figures; an unfounded
         * matter carries none; any other outcome may report money recovered by it (a mediation that got wages paid).
         * Handling often finds more workers than the filing named (one caller speaks for a crew), so the workers
         * helped are bounded only by {@link #MAX_WORKERS}. The amount is bounded by what the filing said was owed:
         * at most twice it (labour law adds 50–100 % of the arrears as compensation, 劳动合同法第八十五条), per worker
         * when more workers were helped than named; and never above {@link #MAX_AMOUNT_FEN}.
         */
        public List<FieldViolation> checkRecovery(Outcome outcome, Long recoveredAmountFen, Integer workersHelped) {
            List<FieldViolation> wrong = new ArrayList<>();
            if (outcome == Outcome.UNFOUNDED) {
                if (recoveredAmountFen != null) {
                    wrong.add(new FieldViolation("recoveredAmountFen", "not-with-unfounded"));
                }
                if (workersHelped != null) {
                    wrong.add(new FieldViolation("workersHelped", "not-with-unfounded"));
                }
                return wrong;
            }
            boolean helpedKnown = false;
            if (workersHelped == null) {
                if (outcome == Outcome.WAGES_RECOVERED) {
                    wrong.add(new FieldViolation("workersHelped", "required"));
                }
            } else if (workersHelped < 1) {
                wrong.add(new FieldViolation("workersHelped", "at-least", 1));
            } else if (workersHelped > MAX_WORKERS) {
                wrong.add(new FieldViolation("workersHelped", "at-most", MAX_WORKERS));
            } else {
                helpedKnown = true;
            }
            if (recoveredAmountFen == null) {
                if (outcome == Outcome.WAGES_RECOVERED) {
                    wrong.add(new FieldViolation("recoveredAmountFen", "required"));
                }
            } else if (recoveredAmountFen < 0) {
                wrong.add(new FieldViolation("recoveredAmountFen", "not-negative"));
            } else if (recoveredAmountFen == 0 && outcome == Outcome.WAGES_RECOVERED) {
                wrong.add(new FieldViolation("recoveredAmountFen", "at-least", 1));
            } else if (recoveredAmountFen > MAX_AMOUNT_FEN) {
                wrong.add(new FieldViolation("recoveredAmountFen", "at-most-yuan", yuan(MAX_AMOUNT_FEN)));
            } else if (amountOwedFen != null && amountOwedFen > 0) {
                // Twice the arrears named, scaled by the workers helped over the workers named when handling found more.
                long named = workersAffected != null && workersAffected > 0 ? workersAffected : 1;
                long helped = helpedKnown ? Math.max(workersHelped, named) : named;
                BigInteger limit = BigInteger.valueOf(amountOwedFen).multiply(BigInteger.valueOf(2 * helped))
                        .divide(BigInteger.valueOf(named));
                if (BigInteger.valueOf(recoveredAmountFen).compareTo(limit) > 0) {
                    wrong.add(new FieldViolation("recoveredAmountFen", "more-than-twice-owed", yuan(limit.longValueExact())));
                }
            }
            return wrong;
        }

        /** Fen as yuan for a message: 1250000 → 12500, 1250050 → 12500.5. */
        public static String yuan(long fen) {
            return BigDecimal.valueOf(fen, 2).stripTrailingZeros().toPlainString();
        }

        /**
         * Whether {@code other} states the same matter: a retried filing, not another one under the same reference.
         * Everything the filing says counts; whether the worker asked for anonymity, and when the worker filed, are
         * the case's, not the form's.
         */
        public boolean sameAs(Matter other) {
            return whatItSays().equals(other.whatItSays());
        }

        private Matter whatItSays() {
            return new Matter(category, enterprise, enterpriseName, district, workerGroup, channel, summary, amountOwedFen,
                    workersAffected, null, null);
        }
    }

    /**
     * Who handles the case, by which routing rule, and who supervises it after an escalation.
     *
     * @param organisation the handling organisation's id ({@link HandlingOrganisation#id()}); absent on
     *                     cases stored before organisations had ids, see {@link Case#handledBy()}
     */
    public record Assignment(HandlingOrganisationType organisationType, String organisationName, String rule,
            String supervisor, String organisation) {
    }

    /** A stretch of time the case waited on the worker; its clock did not run. */
    public record Pause(Instant from, Instant to, String reason, String by) {
    }

    /**
     * When things happened and by when they must.
     *
     * @param policy   the SLA policy that set the deadlines
     * @param marks    warnings and breaches already announced for the current deadlines, e.g. FIRST_RESPONSE_WARNING
     * @param pausedAt set while the case waits on the worker
     */
    public record Deadlines(String policy, SlaClock clock, Instant openedAt, Instant acceptedAt, Instant contactedAt,
            Instant firstResponseDueAt, Instant firstRespondedAt, Instant resolutionDueAt, Instant resolvedAt,
            Instant closedAt, Instant pausedAt, List<Pause> pauses, List<String> marks) {

        public Deadlines {
            pauses = pauses == null ? List.of() : List.copyOf(pauses);
            marks = marks == null ? List.of() : List.copyOf(marks);
        }

        /** The deadline the case runs against now: the first response until it is given, then resolution. */
        public Deadline current() {
            return firstRespondedAt == null ? Deadline.FIRST_RESPONSE : Deadline.RESOLUTION;
        }

        public Instant dueAt(Deadline deadline) {
            return deadline == Deadline.FIRST_RESPONSE ? firstResponseDueAt : resolutionDueAt;
        }

        Deadlines with(Instant accepted, Instant contacted, Instant firstResponded, Instant resolved, Instant closed) {
            return new Deadlines(policy, clock, openedAt, accepted, contacted, firstResponseDueAt, firstResponded,
                    resolutionDueAt, resolved, closed, pausedAt, pauses, marks);
        }

        Deadlines marked(String mark) {
            List<String> next = new ArrayList<>(marks);
            next.add(mark);
            return new Deadlines(policy, clock, openedAt, acceptedAt, contactedAt, firstResponseDueAt, firstRespondedAt,
                    resolutionDueAt, resolvedAt, closedAt, pausedAt, pauses, next);
        }
    }

    /**
     * How the case ended.
     *
     * @param satisfactionByDefault the satisfaction is the default given when the rating window passed, not
     *                              the worker's answer (reports count it apart); null on cases from before
     */
    public record Resolution(Outcome outcome, String summary, Long recoveredAmountFen, Integer workersHelped,
            Satisfaction satisfaction, Boolean satisfactionByDefault) {

        public boolean ratedByDefault() {
            return Boolean.TRUE.equals(satisfactionByDefault);
        }
    }

    /** The result of checking a public-opinion clue. */
    public record ClueVerification(ClueFinding finding, String note, String by, Instant at) {
    }

    /** Who acts: a staff account and role, {@code worker}, or {@code system}. */
    public record By(String who, String role) {

        public static final By SYSTEM = new By("system", "SYSTEM");
        public static final By WORKER = new By("worker", "WORKER");
    }

    /**
     * What a new case starts from, whichever channel brought it.
     *
     * @param id              stable id derived from the source, so the same item never opens two cases
     * @param sourceReference the feedback id, 12351 work-order number, assignment document number or clue id
     * @param urgent          an urgent superior assignment (上级交办) takes the URGENT policy
     */
    public record Intake(String id, Source source, String sourceReference, String feedbackId, String trackingNumber,
            Matter matter, boolean urgent, By openedBy) {
    }

    /** A changed case and the events its change caused. */
    public record Changed(Case changed, List<DomainEvent> events) {
    }

    /** The public SLA status every case shows: within deadline, due soon, overdue, escalated to level N, … */
    public record SlaStatus(String state, int escalationLevel, Deadline deadline, Instant dueAt) {
    }

    /** The case of a feedback item has a stable id, so the same item can never open two cases. */
    public static String idForFeedback(String feedbackId) {
        return "case-" + feedbackId;
    }

    /** The id of a case from another channel: source plus the reference that channel gave it. */
    public static String idFor(Source source, String reference) {
        return "case-" + source.name().toLowerCase().replace('_', '-') + "-" + reference;
    }

    // ---------------------------------------------------------------- opening

    /** Key groups (gig and migrant workers) take the green channel; urgent assignments come next. */
    public static Priority priorityOf(Intake intake) {
        String group = intake.matter().workerGroup();
        boolean keyGroup = "GIG_WORKER".equals(group) || "MIGRANT_WORKER".equals(group);
        return keyGroup ? Priority.GREEN_CHANNEL : intake.urgent() ? Priority.URGENT : Priority.NORMAL;
    }

    /** Opens and routes a case: deadlines from the SLA policy on the business calendar. */
    public static Changed open(Intake intake, RoutingDecision routing, CaseRules rules, String caseNumber, Instant at) {
        Matter matter = intake.matter();
        requireText("summary", matter.summary());
        Instant now = millis(at);
        Priority priority = priorityOf(intake);
        SlaPolicy policy = rules.policyFor(matter.category(), priority);
        Deadlines deadlines = new Deadlines(policy.name(), policy.clock(), now, null, null,
                rules.calendar().plus(now, policy.firstResponse(), policy.clock()), null,
                rules.calendar().plus(now, policy.resolution(), policy.clock()), null, null, null, List.of(), List.of());
        Assignment assignment = new Assignment(routing.organisationType(), routing.organisationName(), routing.rule(), null,
                routing.organisation().id());
        Map<String, String> opened = details("source", intake.source().name(), "reference", intake.sourceReference(),
                "category", matter.category(), "enterprise", matter.enterprise(), "priority", priority.name(),
                "policy", policy.name(), "amountOwedFen", text(matter.amountOwedFen()),
                "workersAffected", text(matter.workersAffected()));
        List<HistoryEntry> history = CaseHistory.append(List.of(), now, intake.openedBy().who(), intake.openedBy().role(),
                "OPENED", matter.summary(), opened, List.of());
        history = CaseHistory.append(history, now, By.SYSTEM.who(), By.SYSTEM.role(), "ROUTED",
                "分流至" + routing.organisationName(), details("organisationType", routing.organisationType().name(),
                        "organisationId", routing.organisation().id(),
                        "organisation", routing.organisationName(), "rule", routing.rule(),
                        "firstResponseDueAt", deadlines.firstResponseDueAt().toString(),
                        "resolutionDueAt", deadlines.resolutionDueAt().toString()), List.of());
        Case c = new Case(intake.id(), caseNumber, intake.source(), intake.sourceReference(), intake.feedbackId(),
                intake.trackingNumber(), matter, priority, Status.ROUTED, assignment, deadlines, 0, null, null, history);
        return new Changed(c, List.of(
                new CaseOpened(c.id, caseNumber, c.source.name(), c.feedbackId, c.trackingNumber, matter.category(),
                        matter.enterprise(), matter.district(), matter.enterpriseName(), matter.channel(),
                        matter.workerGroup(), priority.name(), matter.amountOwedFen(), matter.workersAffected(), now),
                new CaseRouted(c.id, caseNumber, c.feedbackId, routing.organisationType().name(), routing.organisationName(),
                        routing.rule(), deadlines.firstResponseDueAt(), now, routing.organisation().id(), matter.district())));
    }

    // ---------------------------------------------------------------- the handlers' steps

    /**
     * The handling organisation takes the case on (受理): a new one, or one reopened to it one level up (that was 409,
     * and the worker never heard the new desk had taken it).
     */
    public Changed accept(By by, Instant at) {
        requireStatus("accept", Status.ROUTED, Status.REOPENED);
        Instant now = millis(at);
        return changed(Status.ACCEPTED, deadlines.with(now, null, null, null, null), record(now, by, "ACCEPTED",
                assignment.organisationName() + "已受理", Map.of(), List.of()),
                new CaseAccepted(id, caseNumber, feedbackId, assignment.organisationName(), now));
    }

    /** The handler has reached the worker and the enterprise (联系当事人); the note says how. */
    public Changed contact(By by, String note, Instant at) {
        requireStatus("contact", Status.ACCEPTED);
        requireText("text", note);
        Instant now = millis(at);
        return changed(Status.CONTACTED, deadlines.with(deadlines.acceptedAt(), now, null, null, null),
                record(now, by, "CONTACTED", note.strip(), Map.of(), List.of()));
    }

    /**
     * An answer to the worker. The first one stops the first-response clock (and implies acceptance
     * if the formal step was skipped); later ones are added to the record.
     */
    public Changed respond(By by, String text, List<HistoryEntry.Attachment> attachments, BusinessCalendar calendar,
            Instant at) {
        requireStatus("respond", Status.ROUTED, Status.ACCEPTED, Status.CONTACTED, Status.IN_PROGRESS, Status.REOPENED);
        requireText("text", text);
        Instant now = millis(at);
        List<DomainEvent> events = new ArrayList<>();
        List<HistoryEntry> next = history;
        Instant accepted = deadlines.acceptedAt();
        if (accepted == null) {
            accepted = now;
            next = CaseHistory.append(next, now, by.who(), by.role(), "ACCEPTED", assignment.organisationName() + "已受理",
                    Map.of(), List.of());
            events.add(new CaseAccepted(id, caseNumber, feedbackId, assignment.organisationName(), now));
        }
        boolean first = deadlines.firstRespondedAt() == null;
        Instant firstAt = first ? now : deadlines.firstRespondedAt();
        boolean inTime = !firstAt.isAfter(deadlines.firstResponseDueAt());
        next = CaseHistory.append(next, now, by.who(), by.role(), "RESPONDED", text.strip(),
                first ? Map.of("first", "true", "withinDeadline", Boolean.toString(inTime)) : Map.of(), attachments);
        if (first) {
            events.add(new CaseFirstResponded(id, caseNumber, feedbackId, deadlines.firstResponseDueAt(), inTime,
                    elapsed(calendar, now).toString(), now));
        }
        events.add(new CaseResponded(id, caseNumber, feedbackId, by.role(), text.strip(), first, inTime, now));
        Deadlines d = deadlines.with(accepted, deadlines.contactedAt(), firstAt, null, null);
        return new Changed(with(Status.IN_PROGRESS, d, next), events);
    }

    /** The case waits on the worker (e.g. for pay slips): its deadlines stop running. */
    public Changed pause(By by, String reason, Instant at) {
        requireStatus("pause", Status.ACCEPTED, Status.CONTACTED, Status.IN_PROGRESS, Status.REOPENED);
        if (deadlines.pausedAt() != null) {
            throw new ConflictException("case-already-paused", caseNumber); // the reason, not the status ("in progress")
        }
        requireText("reason", reason);
        Instant now = millis(at);
        Deadlines d = new Deadlines(deadlines.policy(), deadlines.clock(), deadlines.openedAt(), deadlines.acceptedAt(),
                deadlines.contactedAt(), deadlines.firstResponseDueAt(), deadlines.firstRespondedAt(),
                deadlines.resolutionDueAt(), null, null, now, deadlines.pauses(), deadlines.marks());
        return changed(status, d, record(now, by, "PAUSED", reason.strip(), Map.of(), List.of()),
                new CasePaused(id, caseNumber, feedbackId, reason.strip(), now));
    }

    /**
     * The worker answered: the clock runs again and every deadline not yet met moves later by the
     * time that ran on the case's clock while it waited. The pause goes into the ledger.
     */
    public Changed resume(By by, String note, BusinessCalendar calendar, Instant at) {
        if (!Status.OPEN.contains(status)) {
            throw illegal("resume");
        }
        if (deadlines.pausedAt() == null) {
            throw new ConflictException("case-not-paused", caseNumber);
        }
        Instant now = millis(at);
        Deadlines d = resumed(calendar, now, by, note == null || note.isBlank() ? "职工已补充材料" : note.strip());
        return changed(status, d, record(now, by, "RESUMED", d.pauses().get(d.pauses().size() - 1).reason(),
                Map.of("pausedFor", calendar.between(deadlines.pausedAt(), now, deadlines.clock()).toString()), List.of()),
                new CaseResumed(id, caseNumber, feedbackId, d.firstRespondedAt() == null ? d.firstResponseDueAt() : null,
                        d.resolutionDueAt(), now));
    }

    /**
     * The worker's answer (补充说明) on the record; a case paused for it runs again. The same answer told twice (a
     * redelivery) is on the record once.
     */
    public Changed workerReplied(String text, BusinessCalendar calendar, Instant at) {
        Instant now = millis(at);
        for (HistoryEntry e : history) {
            if ("WORKER_REPLIED".equals(e.action()) && e.at().equals(now)) {
                return new Changed(this, List.of());
            }
        }
        Case recorded = new Case(id, caseNumber, source, sourceReference, feedbackId, trackingNumber, matter, priority, status,
                assignment, deadlines, escalationLevel, resolution, verification, record(now, By.WORKER, "WORKER_REPLIED", text, Map.of(),
                List.of()));
        return deadlines.pausedAt() == null ? new Changed(recorded, List.of()) : recorded.resume(By.WORKER, "职工已补充说明", calendar, now);
    }

    /** The case is settled, with its outcome; wages recovered carry the amount and the workers helped. */
    public Changed resolve(By by, Outcome outcome, String summary, Long recoveredAmountFen, Integer workersHelped,
            BusinessCalendar calendar, Instant at) {
        requireStatus("resolve", Status.IN_PROGRESS);
        requireText("summary", summary);
        List<FieldViolation> wrong = new ArrayList<>();
        if (outcome == null) {
            wrong.add(new FieldViolation("outcome", "required"));
        }
        wrong.addAll(matter.checkRecovery(outcome, recoveredAmountFen, workersHelped));
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-case-action", wrong);
        }
        Instant now = millis(at);
        Deadlines d = deadlines.pausedAt() == null ? deadlines : resumed(calendar, now, by, "办结时结束等待");
        d = d.with(d.acceptedAt(), d.contactedAt(), d.firstRespondedAt(), now, null);
        Resolution result = new Resolution(outcome, summary.strip(), recoveredAmountFen, workersHelped, null, null);
        List<HistoryEntry> recorded = record(now, by, "RESOLVED", summary.strip(),
                details("outcome", outcome.name(), "recoveredAmountFen", text(recoveredAmountFen),
                        "workersHelped", text(workersHelped), "onTime", Boolean.toString(!now.isAfter(d.resolutionDueAt()))),
                List.of());
        Case next = new Case(id, caseNumber, source, sourceReference, feedbackId, trackingNumber, matter, priority,
                Status.RESOLVED, assignment, d, escalationLevel, result, verification, recorded);
        return new Changed(next, List.of(new CaseResolved(id, caseNumber, feedbackId, outcome.name(), summary.strip(),
                recoveredAmountFen, workersHelped, now)));
    }

    /**
     * Closes a resolved case: after the worker's rating (satisfied or partly, also the default when
     * the rating window passed), or — for cases from other channels, e.g. the hotline — after a
     * call-back by staff (回访).
     */
    public Changed close(By by, Satisfaction satisfaction, String note, Instant at) {
        return close(by, satisfaction, false, note, at);
    }

    /** As {@link #close(By, Satisfaction, String, Instant)}; {@code byDefault} when nobody answered within the rating window. */
    public Changed close(By by, Satisfaction satisfaction, boolean byDefault, String note, Instant at) {
        requireStatus("close", Status.RESOLVED);
        if (source == Source.FEEDBACK && !by.equals(By.WORKER)) {
            // A worker with the app closes their own case by rating it (or the rating window does);
            // staff closing it first would take away their chance to say "not satisfied".
            throw illegal("close");
        }
        Satisfaction given = satisfaction == null ? Satisfaction.UNKNOWN : satisfaction;
        if (given == Satisfaction.NOT_SATISFIED) {
            throw illegal("close"); // a dissatisfied worker's case is reopened, not closed
        }
        Instant now = millis(at);
        Deadlines d = deadlines.with(deadlines.acceptedAt(), deadlines.contactedAt(), deadlines.firstRespondedAt(),
                deadlines.resolvedAt(), now);
        Resolution result = new Resolution(resolution.outcome(), resolution.summary(), resolution.recoveredAmountFen(),
                resolution.workersHelped(), given, byDefault);
        boolean onTime = !deadlines.resolvedAt().isAfter(deadlines.resolutionDueAt());
        List<HistoryEntry> recorded = record(now, by, "CLOSED", note == null || note.isBlank() ? "结案" : note.strip(),
                byDefault ? Map.of("satisfaction", given.name(), "byDefault", "true") : Map.of("satisfaction", given.name()),
                List.of());
        Case next = new Case(id, caseNumber, source, sourceReference, feedbackId, trackingNumber, matter, priority,
                Status.CLOSED, assignment, d, escalationLevel, result, verification, recorded);
        return new Changed(next, List.of(new CaseClosed(id, caseNumber, feedbackId, given.name(), onTime, now)));
    }

    /**
     * Staff called back the caller of a case from another channel (a 12351 order, an assignment) and they are
     * not satisfied: the case is reopened one level up, as a dissatisfied app user's is, with what they said.
     * Until 2026-12-04 this call-back was refused (409) and the case stayed RESOLVED for good unless the
     * call-back was recorded as satisfied. A case from the app is the worker's to rate.
     */
    public Changed callBackNotSatisfied(By by, String note, CaseRules rules, Instant at) {
        if (source == Source.FEEDBACK) {
            throw illegal("close");
        }
        requireText("text", note);
        return reopen(by, "回访不满意：" + note.strip(), rules, at);
    }

    /**
     * A resolved case goes back to work because the worker was not satisfied: it goes one level up
     * (the district union for a body of its district, the city union for a district union), not
     * back to the desk that resolved it, with fresh deadlines; its escalation level stays.
     */
    public Changed reopen(By by, String reason, CaseRules rules, Instant at) {
        requireStatus("reopen", Status.RESOLVED);
        requireText("reason", reason);
        Instant now = millis(at);
        SlaPolicy policy = rules.policyFor(matter.category(), priority);
        Deadlines d = new Deadlines(policy.name(), policy.clock(), deadlines.openedAt(), deadlines.acceptedAt(),
                deadlines.contactedAt(), rules.calendar().plus(now, policy.firstResponse(), policy.clock()), null,
                rules.calendar().plus(now, policy.resolution(), policy.clock()), null, null, null, deadlines.pauses(), List.of());
        HandlingOrganisation up = handledBy().above(matter.district());
        String upName = rules.routing().nameOf(up, matter.enterpriseName(), matter.district());
        List<HistoryEntry> next = CaseHistory.append(history, now, by.who(), by.role(), "REOPENED", reason.strip(), Map.of(),
                List.of());
        next = CaseHistory.append(next, now, By.SYSTEM.who(), By.SYSTEM.role(), "ROUTED",
                "重新交办上一级：" + upName, details("organisationType", up.type().name(), "organisationId", up.id(),
                        "organisation", upName, "previous", assignment.organisationName(), "rule", "reopened",
                        "firstResponseDueAt", d.firstResponseDueAt().toString()), List.of());
        Case c = new Case(id, caseNumber, source, sourceReference, feedbackId, trackingNumber, matter, priority,
                Status.REOPENED, new Assignment(up.type(), upName, "reopened", assignment.supervisor(), up.id()), d,
                escalationLevel, null, verification, next);
        return new Changed(c, List.of(new CaseReopened(id, caseNumber, feedbackId, reason.strip(), now),
                new CaseRouted(id, caseNumber, feedbackId, up.type().name(), upName, "reopened", d.firstResponseDueAt(), now, up.id(),
                        matter.district())));
    }

    /**
     * Passes an open case to another organisation (转办) with the reason, on the record. The clocks
     * keep running: the worker has waited since the case was opened, whoever holds it. A case
     * nobody had answered yet waits for the new organisation to accept it.
     */
    public Changed transfer(By by, HandlingOrganisation to, String toName, String reason, Instant at) {
        return transfer(by, to, toName, matter.district(), reason, at);
    }

    /**
     * To an organisation of {@code district}: a case about an employer in another district (or city) moves there with
     * its matter, and the record says from which district.
     */
    public Changed transfer(By by, HandlingOrganisation to, String toName, String district, String reason, Instant at) {
        if (!Status.OPEN.contains(status)) {
            throw illegal("transfer");
        }
        requireText("reason", reason);
        if (to.equals(handledBy())) {
            throw new RuleViolationException("invalid-case-action", List.of(new FieldViolation("organisation", "same-organisation")));
        }
        Instant now = millis(at);
        Status next = deadlines.firstRespondedAt() == null ? Status.ROUTED : status == Status.REOPENED ? Status.REOPENED
                : Status.IN_PROGRESS;
        boolean moves = district != null && !district.equals(matter.district());
        Map<String, String> details = new java.util.LinkedHashMap<>(details("from", assignment.organisationName(),
                "fromId", handledBy().id(), "to", toName, "toId", to.id()));
        if (moves) {
            details.put("fromDistrict", String.valueOf(matter.district()));
            details.put("toDistrict", district);
        }
        List<HistoryEntry> recorded = record(now, by, "TRANSFERRED", reason.strip(), details, List.of());
        Matter moved = moves ? new Matter(matter.category(), matter.enterprise(), matter.enterpriseName(), district, matter.workerGroup(),
                matter.channel(), matter.summary(), matter.amountOwedFen(), matter.workersAffected(), matter.anonymous(), matter.filedAt())
                : matter;
        Case c = new Case(id, caseNumber, source, sourceReference, feedbackId, trackingNumber, moved, priority, next,
                new Assignment(to.type(), toName, "transferred", assignment.supervisor(), to.id()), deadlines, escalationLevel,
                resolution, verification, recorded);
        return new Changed(c, List.of(new CaseRouted(id, caseNumber, feedbackId, to.type().name(), toName, "transferred",
                deadlines.firstResponseDueAt(), now, to.id(), moved.district())));
    }

    /** A level above writes its instructions on an open case (督办意见); the handlers see them on the record. */
    public Changed supervise(By by, String instructions, Instant at) {
        if (!Status.OPEN.contains(status)) {
            throw illegal("supervise");
        }
        requireText("text", instructions);
        return changed(status, deadlines, record(millis(at), by, "SUPERVISED", instructions.strip(), Map.of(), List.of()));
    }

    /**
     * The organisation that works the case. Cases stored before organisations had ids name only the
     * kind; their organisation is the one of that kind serving the case's enterprise or district.
     */
    public HandlingOrganisation handledBy() {
        return HandlingOrganisation.parse(assignment.organisation())
                .or(() -> HandlingOrganisation.serving(assignment.organisationType(), matter.enterprise(), matter.district()))
                .orElse(HandlingOrganisation.CITY);
    }

    /**
     * When the worker filed the matter: a feedback item's submission time, else the case's opening. An anonymous
     * worker's case reaches the enterprise side at the release after this instant, the same release as the item
     * (timed by its submission) — by the opening, milliseconds later, a filing just before a release would reach
     * the chair as an item one release before its case, and that gap would tell the filing time.
     */
    public Instant filedAt() {
        return matter.filedAt() != null ? matter.filedAt() : deadlines.openedAt();
    }

    /**
     * When the enterprise's own union first sees the case: at its opening, or an anonymous worker's case at the
     * release after the filing, with its item. That release may be past when the case opens (the event came late,
     * across the release): the case then counts as released at that time, not held to the next release and not
     * shown as new at its opening, both of which would tell that it was filed just before the release.
     */
    public Instant enterpriseSeesAt(AnonymousRelease release) {
        return matter.isAnonymous() && release.period().isPresent() ? release.of(filedAt()) : deadlines.openedAt();
    }

    /**
     * What the enterprise side is shown of an anonymous worker's case while the worker's own step (a rating that
     * closed or reopened it) waits for the release after it: the case as it was before that step, until
     * {@code until}. Shown the moment it happened, the change would tell when the worker acted.
     *
     * @param historySize how many entries of the history came before the step
     */
    public record Shown(Status status, Assignment assignment, Deadlines deadlines, int escalationLevel, Resolution resolution,
            int historySize, Instant until) {

        /** {@code before}, the case as it was, shown until {@code until}. */
        public static Shown before(Case before, Instant until) {
            return new Shown(before.status, before.assignment, before.deadlines, before.escalationLevel, before.resolution,
                    before.history.size(), until);
        }

        public boolean shownAt(Instant now) {
            return until.isAfter(now);
        }

        /** The same, shown until {@code later} if that is later: a second held step keeps what was shown before the first. */
        public Shown until(Instant later) {
            return later.isAfter(until) ? new Shown(status, assignment, deadlines, escalationLevel, resolution, historySize, later)
                    : this;
        }
    }

    /** This case as {@code shown}: its state before the held step, and its history without that step and what followed. */
    public Case as(Shown shown) {
        return new Case(id, caseNumber, source, sourceReference, feedbackId, trackingNumber, matter, priority, shown.status(),
                shown.assignment(), shown.deadlines(), shown.escalationLevel(), shown.resolution(), verification,
                history.subList(0, Math.min(shown.historySize(), history.size())));
    }

    /** Adds a note, call, visit or meeting minutes (with attachments' metadata) to the record. */
    public Changed record(By by, String kind, String text, List<HistoryEntry.Attachment> attachments, Instant at) {
        requireText("text", text);
        return changed(status, deadlines, record(millis(at), by, kind, text.strip(), Map.of(), attachments));
    }

    /** Records what checking a public-opinion clue found (舆情核实). */
    public Changed verifyClue(By by, ClueFinding finding, String note, Instant at) {
        if (source != Source.PUBLIC_OPINION) {
            throw new ConflictException("case-not-a-clue", caseNumber);
        }
        if (!Status.OPEN.contains(status)) {
            throw illegal("verify");
        }
        if (verification != null) {
            // A finding is the conclusion of the check: the ledger, the risk score (which counted it) and the other
            // government systems (which received it) all hold it, so a second one would leave them disagreeing.
            throw new ConflictException("case-clue-already-verified", caseNumber, verification.finding().name());
        }
        if (finding == null) {
            throw new RuleViolationException("invalid-case-action", List.of(new FieldViolation("finding", "required")));
        }
        requireText("text", note);
        Instant now = millis(at);
        List<HistoryEntry> recorded = record(now, by, "CLUE_VERIFIED", note.strip(), Map.of("finding", finding.name()),
                List.of());
        return new Changed(new Case(id, caseNumber, source, sourceReference, feedbackId, trackingNumber, matter, priority,
                status, assignment, deadlines, escalationLevel, resolution,
                new ClueVerification(finding, note.strip(), by.who(), now), recorded),
                List.of(new CaseClueVerified(id, caseNumber, matter.enterprise(), matter.enterpriseName(),
                        matter.district(), matter.category(), matter.workersAffected(), matter.amountOwedFen(), finding.name(), now)));
    }

    // ---------------------------------------------------------------- deadlines

    /**
     * What the deadline watcher does at {@code at}: warn once before the current deadline, mark its
     * breach once, and climb the escalation ladder one level per rung whose time has come. Every
     * mark and level is kept on the case, so doing this twice (or on two instances) announces
     * nothing twice. Paused and finished cases have nothing to check.
     */
    public Changed checkDeadlines(CaseRules rules, Instant at) {
        if (!Status.OPEN.contains(status) || deadlines.pausedAt() != null) {
            return new Changed(this, List.of());
        }
        Instant now = millis(at);
        Deadline current = deadlines.current();
        Instant due = deadlines.dueAt(current);
        SlaClock clock = deadlines.clock();
        Case c = this;
        List<DomainEvent> events = new ArrayList<>();
        String warning = current.name() + "_WARNING";
        String breach = current.name() + "_BREACH";
        if (!deadlines.marks().contains(warning) && !now.isBefore(rules.calendar().minus(due, rules.warnBefore(), clock))) {
            c = c.marked(warning, null);
            if (now.isBefore(due)) {
                c = c.marked(null, c.record(now, By.SYSTEM, "DEADLINE_WARNING", "即将超时：" + label(current),
                        Map.of("deadline", current.name(), "dueAt", due.toString()), List.of()));
                events.add(new CaseDeadlineWarning(id, caseNumber, feedbackId, matter.enterprise(), matter.district(),
                        current.name(), due, now));
            }
        }
        if (!deadlines.marks().contains(breach) && !now.isBefore(due)) {
            c = c.marked(breach, c.record(now, By.SYSTEM, "DEADLINE_MISSED", "已超时：" + label(current),
                    Map.of("deadline", current.name(), "dueAt", due.toString()), List.of()));
        }
        for (Optional<EscalationLevel> rung = rules.above(c.escalationLevel); rung.isPresent()
                && !now.isBefore(rules.calendar().plus(due, rung.get().after(), clock)); rung = rules.above(c.escalationLevel)) {
            EscalationLevel level = rung.get();
            String supervisor = rules.supervisor(level, matter.district());
            List<HistoryEntry> next = c.record(now, By.SYSTEM, "ESCALATED", "提级督办（第" + level.level() + "级）：" + supervisor,
                    Map.of("level", Integer.toString(level.level()), "supervisor", supervisor, "deadline", current.name()),
                    List.of());
            c = new Case(id, caseNumber, source, sourceReference, feedbackId, trackingNumber, matter, priority, status,
                    new Assignment(assignment.organisationType(), assignment.organisationName(), assignment.rule(), supervisor,
                            assignment.organisation()),
                    c.deadlines, level.level(), resolution, verification, next);
            events.add(new CaseEscalated(id, caseNumber, feedbackId, matter.enterprise(), matter.district(), matter.category(),
                    level.level(), supervisor, current.name(), due, now));
        }
        return new Changed(c, events);
    }

    /**
     * When {@link #checkDeadlines} next has something to do, or empty if never (paused, finished,
     * or every mark made and every rung climbed). The watcher only looks at cases whose time has come.
     */
    public Optional<Instant> nextCheckAt(CaseRules rules) {
        if (!Status.OPEN.contains(status) || deadlines.pausedAt() != null) {
            return Optional.empty();
        }
        Deadline current = deadlines.current();
        Instant due = deadlines.dueAt(current);
        List<Instant> candidates = new ArrayList<>();
        if (!deadlines.marks().contains(current.name() + "_WARNING")) {
            candidates.add(rules.calendar().minus(due, rules.warnBefore(), deadlines.clock()));
        }
        if (!deadlines.marks().contains(current.name() + "_BREACH")) {
            candidates.add(due);
        }
        rules.above(escalationLevel).ifPresent(rung -> candidates.add(rules.calendar().plus(due, rung.after(), deadlines.clock())));
        return candidates.stream().min(Instant::compareTo);
    }

    /**
     * The deadlines counted again on the calendar as it is now: for when the State Council's holiday
     * schedule for {@code year} replaces the one computed for it, which a deadline running into that
     * year was set on. Same start (the opening, or the last reopening), same policy, same pauses; the
     * marks already announced stay, so nothing is announced twice, and the watcher finds the new times.
     * A case whose times do not change is returned as it is, without an entry or an event.
     */
    public Changed recalculated(CaseRules rules, int year, Instant at) {
        if (!Status.OPEN.contains(status)) {
            return new Changed(this, List.of());
        }
        Instant now = millis(at);
        SlaClock clock = deadlines.clock();
        BusinessCalendar calendar = rules.calendar();
        SlaPolicy policy = rules.policyFor(matter.category(), priority);
        Instant start = history.stream().filter(e -> e.action().equals("REOPENED")).reduce((a, b) -> b)
                .map(HistoryEntry::at).orElse(deadlines.openedAt());
        Instant firstDue = calendar.plus(start, policy.firstResponse(), clock);
        Instant resolutionDue = calendar.plus(start, policy.resolution(), clock);
        for (Pause pause : deadlines.pauses()) {
            if (pause.from().isBefore(start)) {
                continue; // a pause before the reopening counted on the deadlines it replaced
            }
            Duration waited = calendar.between(pause.from(), pause.to(), clock);
            if (deadlines.firstRespondedAt() == null || !pause.to().isAfter(deadlines.firstRespondedAt())) {
                firstDue = calendar.plus(firstDue, waited, clock);
            }
            resolutionDue = calendar.plus(resolutionDue, waited, clock);
        }
        if (firstDue.equals(deadlines.firstResponseDueAt()) && resolutionDue.equals(deadlines.resolutionDueAt())) {
            return new Changed(this, List.of());
        }
        Deadlines d = new Deadlines(deadlines.policy(), clock, deadlines.openedAt(), deadlines.acceptedAt(),
                deadlines.contactedAt(), firstDue, deadlines.firstRespondedAt(), resolutionDue, deadlines.resolvedAt(),
                deadlines.closedAt(), deadlines.pausedAt(), deadlines.pauses(), deadlines.marks());
        List<HistoryEntry> next = CaseHistory.append(history, now, By.SYSTEM.who(), By.SYSTEM.role(), "DEADLINES_RECALCULATED",
                year + "年节假日安排已发布，期限重新计算", details("calendarYear", Integer.toString(year),
                        "firstResponseDueAt", firstDue.toString(), "previousFirstResponseDueAt", deadlines.firstResponseDueAt().toString(),
                        "resolutionDueAt", resolutionDue.toString(), "previousResolutionDueAt", deadlines.resolutionDueAt().toString()),
                List.of());
        Case c = new Case(id, caseNumber, source, sourceReference, feedbackId, trackingNumber, matter, priority, status,
                assignment, d, escalationLevel, resolution, verification, next);
        return new Changed(c, List.of(new CaseDeadlinesRecalculated(id, caseNumber, feedbackId,
                d.firstRespondedAt() == null ? firstDue : null, resolutionDue, year, now)));
    }

    /** The public SLA status: what a worker, a handler and a supervisor all see. */
    public SlaStatus slaStatus(Instant now) {
        Deadline current = deadlines.current();
        Instant due = deadlines.dueAt(current);
        if (status == Status.RESOLVED || status == Status.CLOSED) {
            boolean onTime = !deadlines.resolvedAt().isAfter(deadlines.resolutionDueAt());
            return new SlaStatus(onTime ? "RESOLVED_ON_TIME" : "RESOLVED_LATE", escalationLevel, Deadline.RESOLUTION,
                    deadlines.resolutionDueAt());
        }
        String state = escalationLevel > 0 ? "ESCALATED"
                : deadlines.pausedAt() != null ? "PAUSED"
                : !now.isBefore(due) ? "OVERDUE"
                : deadlines.marks().contains(current.name() + "_WARNING") ? "DUE_SOON" : "WITHIN_DEADLINE";
        return new SlaStatus(state, escalationLevel, current, deadlines.pausedAt() != null ? null : due);
    }

    /** Time from opening to {@code at} on the case's clock, minus the time spent waiting on the worker. */
    public Duration elapsed(BusinessCalendar calendar, Instant at) {
        Duration total = calendar.between(deadlines.openedAt(), at, deadlines.clock());
        for (Pause pause : deadlines.pauses()) {
            total = total.minus(calendar.between(pause.from(), pause.to(), deadlines.clock()));
        }
        return total.isNegative() ? Duration.ZERO : total;
    }

    // ---------------------------------------------------------------- helpers

    private Deadlines resumed(BusinessCalendar calendar, Instant now, By by, String note) {
        SlaClock clock = deadlines.clock();
        Duration waited = calendar.between(deadlines.pausedAt(), now, clock);
        Instant firstDue = deadlines.firstRespondedAt() == null
                ? calendar.plus(deadlines.firstResponseDueAt(), waited, clock) : deadlines.firstResponseDueAt();
        List<Pause> pauses = new ArrayList<>(deadlines.pauses());
        String reason = history.stream().filter(e -> e.action().equals("PAUSED")).reduce((a, b) -> b)
                .map(HistoryEntry::text).orElse(note);
        pauses.add(new Pause(deadlines.pausedAt(), now, reason, by.who()));
        return new Deadlines(deadlines.policy(), clock, deadlines.openedAt(), deadlines.acceptedAt(), deadlines.contactedAt(),
                firstDue, deadlines.firstRespondedAt(), calendar.plus(deadlines.resolutionDueAt(), waited, clock),
                deadlines.resolvedAt(), deadlines.closedAt(), null, pauses, deadlines.marks());
    }

    private Case marked(String mark, List<HistoryEntry> nextHistory) {
        return new Case(id, caseNumber, source, sourceReference, feedbackId, trackingNumber, matter, priority, status,
                assignment, mark == null ? deadlines : deadlines.marked(mark), escalationLevel, resolution, verification,
                nextHistory == null ? history : nextHistory);
    }

    private List<HistoryEntry> record(Instant at, By by, String action, String text, Map<String, String> details,
            List<HistoryEntry.Attachment> attachments) {
        return CaseHistory.append(history, at, by.who(), by.role(), action, text, details, attachments);
    }

    private Changed changed(Status next, Deadlines d, List<HistoryEntry> h, DomainEvent... events) {
        return new Changed(new Case(id, caseNumber, source, sourceReference, feedbackId, trackingNumber, matter, priority,
                next, assignment, d, escalationLevel, resolution, verification, h), List.of(events));
    }

    private Case with(Status next, Deadlines d, List<HistoryEntry> h) {
        return changed(next, d, h).changed();
    }

    private void requireStatus(String action, Status... allowed) {
        for (Status s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw illegal(action);
    }

    private ConflictException illegal(String action) {
        return new ConflictException("case-illegal-transition", caseNumber, status.name(), action);
    }

    private static String label(Deadline deadline) {
        return deadline == Deadline.FIRST_RESPONSE ? "首次答复" : "办结";
    }

    private static Instant millis(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Details in the given order, leaving out absent values. */
    private static Map<String, String> details(String... keysAndValues) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                details.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return details;
    }

    private static void requireText(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new RuleViolationException("invalid-case-action", List.of(new FieldViolation(field, "required")));
        }
        if (text.length() > MAX_TEXT) {
            throw new RuleViolationException("invalid-case-action", List.of(new FieldViolation(field, "too-long", MAX_TEXT)));
        }
    }
}
