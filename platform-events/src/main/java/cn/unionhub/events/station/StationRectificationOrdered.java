package cn.unionhub.events.station;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The station must put right what its inspection found by the due date (working days on the business calendar), or be delisted.
 *
 * @param number the unified number
 * @param district its district
 * @param reason what must be put right
 * @param dueAt the deadline
 * @param orderedAt when
 */
@EventContract(type = "cn.unionhub.station.rectification-ordered.v1", topic = Topics.STATION)
public record StationRectificationOrdered(String number, String district, String reason, Instant dueAt, Instant orderedAt) implements DomainEvent {

    @Override
    public String subject() {
        return number;
    }
}
