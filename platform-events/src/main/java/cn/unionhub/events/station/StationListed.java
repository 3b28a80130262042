package cn.unionhub.events.station;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The district union listed the station: it now appears to workers.
 *
 * @param number the unified number
 * @param district its district
 * @param listedAt when
 */
@EventContract(type = "cn.unionhub.station.listed.v1", topic = Topics.STATION)
public record StationListed(String number, String district, Instant listedAt) implements DomainEvent {

    @Override
    public String subject() {
        return number;
    }
}
