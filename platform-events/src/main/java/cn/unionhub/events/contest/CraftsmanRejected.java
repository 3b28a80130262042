package cn.unionhub.events.contest;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A nomination ended without the title (its reason stays with the nomination).
 *
 * @param stage the stage it was in: NOMINATED, SELF_EVALUATED, REVIEWED, EXPERT_REVIEWED or NOTICED
 */
@EventContract(type = "cn.unionhub.contest.craftsman-rejected.v1", topic = Topics.CONTEST)
public record CraftsmanRejected(String nominationId, String batchId, String stage, Instant rejectedAt) implements DomainEvent {

    @Override
    public String subject() {
        return nominationId;
    }
}
