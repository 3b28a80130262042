package cn.unionhub.cases.casework.domain;

import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.cases.CaseOpened;
import cn.unionhub.events.cases.CaseRouted;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A case (工单): something a worker needs handled, where it was routed and by when the worker must
 * hear back. This first slice opens and routes; the life cycle, business-calendar deadlines,
 * escalation and the hash-chained history follow (issue #5).
 */
public record Case(String id, String caseNumber, String source, String feedbackId, String trackingNumber,
        String category, String enterprise, String enterpriseName, String district, String workerGroup,
        Priority priority, Status status, HandlingOrganisationType organisationType, String organisationName,
        String routingRule, Instant openedAt, Instant firstResponseDueAt) {

    public enum Priority {
        NORMAL, GREEN_CHANNEL
    }

    public enum Status {
        ROUTED
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
                routing.organisationType(), routing.organisationName(), routing.rule(), now, due);
        return new Opened(opened, List.of(
                new CaseOpened(opened.id, caseNumber, opened.source, opened.feedbackId, opened.trackingNumber, opened.category,
                        opened.enterprise, opened.district, opened.priority.name(), now),
                new CaseRouted(opened.id, caseNumber, opened.feedbackId, routing.organisationType().name(),
                        routing.organisationName(), routing.rule(), due, now)));
    }
}
