package cn.unionhub.events.cases;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A resolved case was reopened, e.g. because the worker was not satisfied; it is handled again.
 *
 * @param caseId     aggregate id
 * @param caseNumber human-readable number
 * @param feedbackId the feedback item it came from, if any
 * @param reason     why, e.g. the worker's reason for not being satisfied
 * @param reopenedAt when
 */
@EventContract(type = "cn.unionhub.case.reopened.v1", topic = Topics.CASE)
public record CaseReopened(String caseId, String caseNumber, String feedbackId, String reason, Instant reopenedAt)
        implements DomainEvent {

    @Override
    public String subject() {
        return caseId;
    }
}
