package cn.unionhub.events.cases;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A deadline is close: the handlers are warned before it is missed.
 *
 * @param caseId             aggregate id (CloudEvents subject and Kafka key)
 * @param caseNumber         human-readable number, e.g. {@code GD-20261121-7KQM3X}
 * @param feedbackId         the feedback item it came from, if any (the worker's timeline follows it)
 * @param enterprise         unified social credit code of the enterprise concerned
 * @param district           administrative division code
 * @param deadline           which deadline: FIRST_RESPONSE (the 24-hour rule) or RESOLUTION
 * @param dueAt              when the deadline falls
 * @param warnedAt           when the warning was raised
 */
@EventContract(type = "cn.unionhub.case.deadline-warning.v1", topic = Topics.CASE)
public record CaseDeadlineWarning(String caseId, String caseNumber, String feedbackId, String enterprise, String district, String deadline, Instant dueAt, Instant warnedAt) implements DomainEvent {

    @Override
    public String subject() {
        return caseId;
    }
}
