package cn.unionhub.events.contest;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/** A competitor's registration for an event was accepted by the contest office. */
@EventContract(type = "cn.unionhub.contest.registration-approved.v1", topic = Topics.CONTEST)
public record RegistrationApproved(String registrationId, String contestId, String eventId, String channel, Instant approvedAt)
        implements DomainEvent {

    @Override
    public String subject() {
        return registrationId;
    }
}
