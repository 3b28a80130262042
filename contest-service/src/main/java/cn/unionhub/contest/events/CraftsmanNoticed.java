package cn.unionhub.contest.events;

import cn.unionhub.events.DomainEvent;
import java.time.Instant;

/** A nominee passed expert review and was put on the batch's public notice. */
public record CraftsmanNoticed(String nominationId, String batchId, String noticeId, Instant opensAt, Instant closesAt)
        implements DomainEvent {

    @Override
    public String subject() {
        return nominationId;
    }
}
