package cn.unionhub.contest.events;

import cn.unionhub.events.DomainEvent;
import java.time.Instant;

/** A competitor placed high enough to go on to the linked contest of the next tier (层层选拔). */
public record CompetitorAdvanced(String eventId, String contestId, String registrationId, String competitorIdHash, int rank,
        String toContestId, Instant at) implements DomainEvent {

    @Override
    public String subject() {
        return eventId;
    }
}
