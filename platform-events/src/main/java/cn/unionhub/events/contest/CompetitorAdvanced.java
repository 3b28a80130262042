package cn.unionhub.events.contest;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/** A competitor placed high enough to go on to the linked contest of the next tier (层层选拔). */
@EventContract(type = "cn.unionhub.contest.competitor-advanced.v1", topic = Topics.CONTEST)
public record CompetitorAdvanced(String eventId, String contestId, String registrationId, String competitorIdHash, int rank,
        String toContestId, Instant at) implements DomainEvent {

    @Override
    public String subject() {
        return eventId;
    }
}
