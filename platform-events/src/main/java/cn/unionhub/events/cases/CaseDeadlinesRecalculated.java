package cn.unionhub.events.cases;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The business calendar changed under an open case (the State Council's holiday schedule replaced a
 * year that was only computed), so its deadlines were counted again from the same start, policy and
 * pauses.
 *
 * @param caseId             aggregate id (CloudEvents subject and Kafka key)
 * @param caseNumber         human-readable number, e.g. {@code GD-20261121-7KQM3X}
 * @param feedbackId         the feedback item it came from, if any (the worker's timeline follows it)
 * @param firstResponseDueAt the new first-response deadline, if the worker has not heard back yet
 * @param resolutionDueAt    the new resolution deadline
 * @param calendarYear       the year whose schedule changed
 * @param recalculatedAt     when
 */
@EventContract(type = "cn.unionhub.case.deadlines-recalculated.v1", topic = Topics.CASE)
public record CaseDeadlinesRecalculated(String caseId, String caseNumber, String feedbackId, Instant firstResponseDueAt,
        Instant resolutionDueAt, int calendarYear, Instant recalculatedAt) implements DomainEvent {

    @Override
    public String subject() {
        return caseId;
    }
}
