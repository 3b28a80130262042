package cn.unionhub.events.cases;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The handling organisation took the case on (受理).
 *
 * @param caseId             aggregate id (CloudEvents subject and Kafka key)
 * @param caseNumber         human-readable number, e.g. {@code GD-20261121-7KQM3X}
 * @param feedbackId         the feedback item it came from, if any (the worker's timeline follows it)
 * @param organisationName   the organisation that accepted it
 * @param acceptedAt         when it was accepted
 */
@EventContract(type = "cn.unionhub.case.accepted.v1", topic = Topics.CASE)
public record CaseAccepted(String caseId, String caseNumber, String feedbackId, String organisationName, Instant acceptedAt) implements DomainEvent {

    @Override
    public String subject() {
        return caseId;
    }
}
