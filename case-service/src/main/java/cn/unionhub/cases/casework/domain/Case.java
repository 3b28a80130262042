package cn.unionhub.cases.casework.domain;

import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.cases.CaseOpened;
import cn.unionhub.events.cases.CaseReopened;
import cn.unionhub.events.cases.CaseResolved;
import cn.unionhub.events.cases.CaseResponded;
import cn.unionhub.events.cases.CaseRouted;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import java.time.Duration;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A case (工单): something a worker needs handled, where it was routed, by when the worker must hear
 * back, the answers and the outcome. Still to come (issue #5): accept and contact steps, the
 * business calendar, pauses, escalation, reopening and the hash-chained history.
 */
public record Case(String id, String caseNumber, String source, String feedbackId, String trackingNumber,
        String category, String enterprise, String enterpriseName, String district, String workerGroup,
        Priority priority, Status status, HandlingOrganisationType organisationType, String organisationName,
        String routingRule, Instant openedAt, Instant firstResponseDueAt, Instant firstRespondedAt, Instant resolvedAt,
        Outcome outcome, String resolutionSummary) {

    public static final int MAX_TEXT = 2000;

    public enum Priority {
        NORMAL, GREEN_CHANNEL
    }

    /** Only these moves are legal: ROUTED → IN_PROGRESS (first response) → RESOLVED. */
    public enum Status {
        ROUTED, IN_PROGRESS, RESOLVED
    }

    public enum Outcome {
        RESOLVED_BY_ENTERPRISE, MEDIATED, LEGAL_AID, JOINT_HANDLING, WAGES_RECOVERED
    }

    /** A changed case and the events its change caused. */
    public record Changed(Case changed, List<DomainEvent> events) {
    }

    /** A newly opened case and the events that announce it. */
    public record Opened(Case opened, List<DomainEvent> events) {
    }

    /** The case of a feedback item has a stable id, so the same item can never open two cases. */
    public static String idForFeedback(String feedbackId) {
        return "case-" + feedbackId;
    }

    /**
     * @param firstResponse       time to the first response for normal cases (24 h)
     * @param greenFirstResponse  shorter time for key groups (gig and migrant workers)
     */
    public static Opened openFromFeedback(FeedbackSubmitted feedback, RoutingDecision routing, String caseNumber,
            Duration firstResponse, Duration greenFirstResponse, Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        boolean green = "GIG_WORKER".equals(feedback.workerGroup()) || "MIGRANT_WORKER".equals(feedback.workerGroup());
        Instant due = now.plus(green ? greenFirstResponse : firstResponse);
        Case opened = new Case(idForFeedback(feedback.feedbackId()), caseNumber, "FEEDBACK", feedback.feedbackId(),
                feedback.trackingNumber(), feedback.category(), feedback.enterprise(), feedback.enterpriseName(),
                feedback.district(), feedback.workerGroup(), green ? Priority.GREEN_CHANNEL : Priority.NORMAL, Status.ROUTED,
                routing.organisationType(), routing.organisationName(), routing.rule(), now, due, null, null, null, null);
        return new Opened(opened, List.of(
                new CaseOpened(opened.id, caseNumber, opened.source, opened.feedbackId, opened.trackingNumber, opened.category,
                        opened.enterprise, opened.district, opened.priority.name(), now),
                new CaseRouted(opened.id, caseNumber, opened.feedbackId, routing.organisationType().name(),
                        routing.organisationName(), routing.rule(), due, now)));
    }

    /**
     * The handling organisation answers the worker. The first answer ends the 24-hour clock and
     * moves the case into progress; later answers are added to the record.
     */
    public Changed respond(String responderRole, String text, Instant at) {
        if (status == Status.RESOLVED) {
            throw new ConflictException("case-illegal-transition", caseNumber, status.name(), "respond");
        }
        requireText("text", text);
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        boolean first = firstRespondedAt == null;
        Instant firstAt = first ? now : firstRespondedAt;
        Case next = new Case(id, caseNumber, source, feedbackId, trackingNumber, category, enterprise, enterpriseName, district,
                workerGroup, priority, Status.IN_PROGRESS, organisationType, organisationName, routingRule, openedAt,
                firstResponseDueAt, firstAt, resolvedAt, outcome, resolutionSummary);
        return new Changed(next, List.of(new CaseResponded(id, caseNumber, feedbackId, responderRole, text.strip(), first,
                !firstAt.isAfter(firstResponseDueAt), now)));
    }

    /** Resolves a case whose worker has been answered; resolving twice is refused. */
    public Changed resolve(Outcome result, String summary, Instant at) {
        if (status != Status.IN_PROGRESS) {
            throw new ConflictException("case-illegal-transition", caseNumber, status.name(), "resolve");
        }
        requireText("summary", summary);
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Case next = new Case(id, caseNumber, source, feedbackId, trackingNumber, category, enterprise, enterpriseName, district,
                workerGroup, priority, Status.RESOLVED, organisationType, organisationName, routingRule, openedAt,
                firstResponseDueAt, firstRespondedAt, now, result, summary.strip());
        return new Changed(next, List.of(new CaseResolved(id, caseNumber, feedbackId, result.name(), summary.strip(), now)));
    }

    /** A resolved case goes back to work, e.g. because the worker was not satisfied. */
    public Changed reopen(String reason, Instant at) {
        if (status != Status.RESOLVED) {
            throw new ConflictException("case-illegal-transition", caseNumber, status.name(), "reopen");
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Case next = new Case(id, caseNumber, source, feedbackId, trackingNumber, category, enterprise, enterpriseName, district,
                workerGroup, priority, Status.IN_PROGRESS, organisationType, organisationName, routingRule, openedAt,
                firstResponseDueAt, firstRespondedAt, null, null, null);
        return new Changed(next, List.of(new CaseReopened(id, caseNumber, feedbackId, reason, now)));
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
