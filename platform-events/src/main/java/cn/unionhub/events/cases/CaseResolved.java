package cn.unionhub.events.cases;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The case was resolved, with its outcome.
 *
 * @param caseId     aggregate id
 * @param caseNumber human-readable number
 * @param feedbackId the feedback item it came from, if any
 * @param outcome    RESOLVED_BY_ENTERPRISE, MEDIATED, LEGAL_AID, JOINT_HANDLING or WAGES_RECOVERED
 * @param summary    what was done, as the worker will read it
 * @param recoveredAmountFen wages recovered for the workers, in fen (outcome WAGES_RECOVERED)
 * @param workersHelped   how many workers the outcome helped, if counted
 * @param resolvedAt when
 */
@EventContract(type = "cn.unionhub.case.resolved.v1", topic = Topics.CASE)
public record CaseResolved(String caseId, String caseNumber, String feedbackId, String outcome, String summary,
        Long recoveredAmountFen, Integer workersHelped, Instant resolvedAt) implements DomainEvent {

    @Override
    public String subject() {
        return caseId;
    }
}
