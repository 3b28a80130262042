package cn.unionhub.events.cases;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A deadline was missed and the case was escalated one level up the supervision ladder (督办). Each level is announced once.
 *
 * @param caseId             aggregate id (CloudEvents subject and Kafka key)
 * @param caseNumber         human-readable number, e.g. {@code GD-20261121-7KQM3X}
 * @param feedbackId         the feedback item it came from, if any (the worker's timeline follows it)
 * @param enterprise         unified social credit code of the enterprise concerned
 * @param district           administrative division code
 * @param category           the case's category, e.g. WAGES_ARREARS
 * @param level              the new supervision level, 1 = first level above the handler
 * @param supervisor         the organisation that now supervises the case
 * @param deadline           which deadline: FIRST_RESPONSE (the 24-hour rule) or RESOLUTION
 * @param dueAt              the deadline that was missed
 * @param escalatedAt        when it was escalated
 */
@EventContract(type = "cn.unionhub.case.escalated.v1", topic = Topics.CASE)
public record CaseEscalated(String caseId, String caseNumber, String feedbackId, String enterprise, String district, String category, int level, String supervisor, String deadline, Instant dueAt, Instant escalatedAt) implements DomainEvent {

    @Override
    public String subject() {
        return caseId;
    }
}
