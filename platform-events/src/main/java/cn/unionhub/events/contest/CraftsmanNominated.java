package cn.unionhub.events.contest;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/** Someone was nominated for a craftsman batch (工匠选树), by their unit, an association or themselves. */
@EventContract(type = "cn.unionhub.contest.craftsman-nominated.v1", topic = Topics.CONTEST)
public record CraftsmanNominated(String nominationId, String batchId, String channel, Instant nominatedAt) implements DomainEvent {

    @Override
    public String subject() {
        return nominationId;
    }
}
