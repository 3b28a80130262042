package cn.unionhub.events.cases;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The case is closed: the worker accepted the result, the rating window passed, or staff closed it after a call-back.
 *
 * @param caseId             aggregate id (CloudEvents subject and Kafka key)
 * @param caseNumber         human-readable number, e.g. {@code GD-20261121-7KQM3X}
 * @param feedbackId         the feedback item it came from, if any (the worker's timeline follows it)
 * @param satisfaction       the worker's satisfaction as last known
 * @param onTime             whether it was resolved within its resolution deadline
 * @param closedAt           when it was closed
 */
@EventContract(type = "cn.unionhub.case.closed.v1", topic = Topics.CASE)
public record CaseClosed(String caseId, String caseNumber, String feedbackId, String satisfaction, boolean onTime, Instant closedAt) implements DomainEvent {

    @Override
    public String subject() {
        return caseId;
    }
}
