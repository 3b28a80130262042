package cn.unionhub.contest.events;

import cn.unionhub.events.DomainEvent;
import java.time.Instant;

/**
 * A nomination ended without the title (its reason stays with the nomination).
 *
 * @param stage the stage it was in: NOMINATED, SELF_EVALUATED, REVIEWED, EXPERT_REVIEWED or NOTICED
 */
public record CraftsmanRejected(String nominationId, String batchId, String stage, Instant rejectedAt) implements DomainEvent {

    @Override
    public String subject() {
        return nominationId;
    }
}
