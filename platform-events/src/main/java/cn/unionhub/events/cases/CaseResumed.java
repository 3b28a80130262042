package cn.unionhub.events.cases;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The worker answered; the deadlines run again, moved by the paused time.
 *
 * @param caseId             aggregate id (CloudEvents subject and Kafka key)
 * @param caseNumber         human-readable number, e.g. {@code GD-20261121-7KQM3X}
 * @param feedbackId         the feedback item it came from, if any (the worker's timeline follows it)
 * @param firstResponseDueAt the moved first-response deadline, if the worker has not heard back yet
 * @param resolutionDueAt    the moved resolution deadline
 * @param resumedAt          when the clock started again
 */
@EventContract(type = "cn.unionhub.case.resumed.v1", topic = Topics.CASE)
public record CaseResumed(String caseId, String caseNumber, String feedbackId, Instant firstResponseDueAt, Instant resolutionDueAt, Instant resumedAt) implements DomainEvent {

    @Override
    public String subject() {
        return caseId;
    }
}
