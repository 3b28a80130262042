package cn.unionhub.events.station;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The station's description changed (name, type, address, position, services, opening hours, typically by an import).
 *
 * @param number the unified number
 * @param name the station's name
 * @param district its district
 * @param type who built it
 * @param latitude WGS-84 latitude
 * @param longitude WGS-84 longitude
 * @param services the services offered
 * @param openingHours OSM opening_hours
 * @param updatedAt when
 */
@EventContract(type = "cn.unionhub.station.updated.v1", topic = Topics.STATION)
public record StationUpdated(String number, String name, String district, String type, double latitude, double longitude, java.util.List<String> services, String openingHours, Instant updatedAt) implements DomainEvent {

    @Override
    public String subject() {
        return number;
    }
}
