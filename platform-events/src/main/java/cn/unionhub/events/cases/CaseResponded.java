package cn.unionhub.events.cases;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The handling organisation answered the worker. The first answer is the one the 24-hour rule
 * measures.
 *
 * @param caseId         aggregate id
 * @param caseNumber     human-readable number
 * @param feedbackId     the feedback item it came from, if any
 * @param responderRole  ENTERPRISE_UNION, DISTRICT_UNION or HANDLER
 * @param text           the answer, as the worker will read it
 * @param first          whether this is the first response
 * @param withinDeadline whether the first response came before the deadline
 * @param respondedAt    when
 */
@EventContract(type = "cn.unionhub.case.responded.v1", topic = Topics.CASE)
public record CaseResponded(String caseId, String caseNumber, String feedbackId, String responderRole, String text,
        boolean first, boolean withinDeadline, Instant respondedAt) implements DomainEvent {

    @Override
    public String subject() {
        return caseId;
    }
}
