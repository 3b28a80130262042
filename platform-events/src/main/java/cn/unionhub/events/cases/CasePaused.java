package cn.unionhub.events.cases;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The case waits on the worker (e.g. for documents), so its deadlines stop running.
 *
 * @param caseId             aggregate id (CloudEvents subject and Kafka key)
 * @param caseNumber         human-readable number, e.g. {@code GD-20261121-7KQM3X}
 * @param feedbackId         the feedback item it came from, if any (the worker's timeline follows it)
 * @param reason             what the case waits for, as told to the worker
 * @param pausedAt           when the clock stopped
 */
@EventContract(type = "cn.unionhub.case.paused.v1", topic = Topics.CASE)
public record CasePaused(String caseId, String caseNumber, String feedbackId, String reason, Instant pausedAt) implements DomainEvent {

    @Override
    public String subject() {
        return caseId;
    }
}
