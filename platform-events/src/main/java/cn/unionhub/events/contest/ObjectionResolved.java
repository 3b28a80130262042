package cn.unionhub.events.contest;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * An objection was answered with a reason.
 *
 * @param verdict UPHELD or REJECTED
 */
@EventContract(type = "cn.unionhub.contest.objection-resolved.v1", topic = Topics.CONTEST)
public record ObjectionResolved(String subject, String noticeId, String objectionId, String concerns, String verdict,
        Instant answeredAt) implements DomainEvent {
}
