package cn.unionhub.contest.events;

import cn.unionhub.events.DomainEvent;
import java.time.Instant;

/** The title was conferred: the notice closed with no objection against the nominee left open or upheld. */
public record CraftsmanConferred(String nominationId, String batchId, String title, String nomineeIdHash, Instant conferredAt)
        implements DomainEvent {

    @Override
    public String subject() {
        return nominationId;
    }
}
