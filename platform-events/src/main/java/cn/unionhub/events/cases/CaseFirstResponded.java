package cn.unionhub.events.cases;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The worker heard back for the first time: the moment the 24-hour rule measures.
 *
 * @param caseId             aggregate id (CloudEvents subject and Kafka key)
 * @param caseNumber         human-readable number, e.g. {@code GD-20261121-7KQM3X}
 * @param feedbackId         the feedback item it came from, if any (the worker's timeline follows it)
 * @param dueAt              the first-response deadline
 * @param withinDeadline     whether it came in time
 * @param elapsed            time from opening to the answer on the case's SLA clock (ISO 8601, e.g. {@code PT3H20M}); paused time excluded
 * @param respondedAt        when the answer was given
 */
@EventContract(type = "cn.unionhub.case.first-responded.v1", topic = Topics.CASE)
public record CaseFirstResponded(String caseId, String caseNumber, String feedbackId, Instant dueAt, boolean withinDeadline, String elapsed, Instant respondedAt) implements DomainEvent {

    @Override
    public String subject() {
        return caseId;
    }
}
