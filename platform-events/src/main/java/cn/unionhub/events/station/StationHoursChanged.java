package cn.unionhub.events.station;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * New opening hours, in OpenStreetMap opening_hours syntax.
 *
 * @param number the unified number
 * @param district its district
 * @param openingHours OSM opening_hours
 * @param changedAt when
 */
@EventContract(type = "cn.unionhub.station.hours-changed.v1", topic = Topics.STATION)
public record StationHoursChanged(String number, String district, String openingHours, Instant changedAt) implements DomainEvent {

    @Override
    public String subject() {
        return number;
    }
}
