package cn.unionhub.events.station;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The station left the network (the exit mechanism): it no longer appears to workers; its number is never given to another.
 *
 * @param number the unified number
 * @param district its district
 * @param reason why
 * @param delistedAt when
 */
@EventContract(type = "cn.unionhub.station.delisted.v1", topic = Topics.STATION)
public record StationDelisted(String number, String district, String reason, Instant delistedAt) implements DomainEvent {

    @Override
    public String subject() {
        return number;
    }
}
