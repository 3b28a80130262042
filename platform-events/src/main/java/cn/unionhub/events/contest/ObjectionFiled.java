package cn.unionhub.events.contest;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * Someone objected, by name and with evidence, while a notice was open. The objector's name stays
 * with the notice; the event says only what the objection concerns.
 *
 * @param subject  the noticed aggregate: an event's id, or a craftsman batch's id
 * @param concerns the registration or nomination objected to; null for the notice as a whole
 */
@EventContract(type = "cn.unionhub.contest.objection-filed.v1", topic = Topics.CONTEST)
public record ObjectionFiled(String subject, String noticeId, String objectionId, String concerns, Instant filedAt)
        implements DomainEvent {
}
