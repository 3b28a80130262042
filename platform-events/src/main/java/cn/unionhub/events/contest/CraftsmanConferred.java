package cn.unionhub.events.contest;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/** The title was conferred: the notice closed with no objection against the nominee left open or upheld. */
@EventContract(type = "cn.unionhub.contest.craftsman-conferred.v1", topic = Topics.CONTEST)
public record CraftsmanConferred(String nominationId, String batchId, String title, String nomineeIdHash, Instant conferredAt)
        implements DomainEvent {

    @Override
    public String subject() {
        return nominationId;
    }
}
