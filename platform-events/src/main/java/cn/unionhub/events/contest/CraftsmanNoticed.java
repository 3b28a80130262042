package cn.unionhub.events.contest;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/** A nominee passed expert review and was put on the batch's public notice. */
@EventContract(type = "cn.unionhub.contest.craftsman-noticed.v1", topic = Topics.CONTEST)
public record CraftsmanNoticed(String nominationId, String batchId, String noticeId, Instant opensAt, Instant closesAt)
        implements DomainEvent {

    @Override
    public String subject() {
        return nominationId;
    }
}
