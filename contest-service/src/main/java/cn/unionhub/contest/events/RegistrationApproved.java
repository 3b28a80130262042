package cn.unionhub.contest.events;

import cn.unionhub.events.DomainEvent;
import java.time.Instant;

/** A competitor's registration for an event was accepted by the contest office. */
public record RegistrationApproved(String registrationId, String contestId, String eventId, String channel, Instant approvedAt)
        implements DomainEvent {

    @Override
    public String subject() {
        return registrationId;
    }
}
