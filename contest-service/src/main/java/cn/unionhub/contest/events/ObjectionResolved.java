package cn.unionhub.contest.events;

import cn.unionhub.events.DomainEvent;
import java.time.Instant;

/**
 * An objection was answered with a reason.
 *
 * @param verdict UPHELD or REJECTED
 */
public record ObjectionResolved(String subject, String noticeId, String objectionId, String concerns, String verdict,
        Instant answeredAt) implements DomainEvent {
}
