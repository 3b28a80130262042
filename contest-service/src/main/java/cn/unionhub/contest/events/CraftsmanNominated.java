package cn.unionhub.contest.events;

import cn.unionhub.events.DomainEvent;
import java.time.Instant;

/** Someone was nominated for a craftsman batch (工匠选树), by their unit, an association or themselves. */
public record CraftsmanNominated(String nominationId, String batchId, String channel, Instant nominatedAt) implements DomainEvent {

    @Override
    public String subject() {
        return nominationId;
    }
}
