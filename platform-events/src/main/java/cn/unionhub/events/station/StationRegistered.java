package cn.unionhub.events.station;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A station was registered (applied): its unified number, where it is and what it offers.
 *
 * @param number the unified number, e.g. {@code FJ-350203-0001} (province, district code, sequence; never reused)
 * @param name the station's name
 * @param district administrative code of its district
 * @param type who built it (StationType)
 * @param latitude WGS-84 latitude
 * @param longitude WGS-84 longitude
 * @param services the services offered (StationServiceType)
 * @param registeredAt when
 */
@EventContract(type = "cn.unionhub.station.registered.v1", topic = Topics.STATION)
public record StationRegistered(String number, String name, String district, String type, double latitude, double longitude, java.util.List<String> services, Instant registeredAt) implements DomainEvent {

    @Override
    public String subject() {
        return number;
    }
}
