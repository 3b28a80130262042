package cn.unionhub.station.registry.store;

import cn.unionhub.station.registry.domain.Inspection;
import cn.unionhub.station.registry.domain.Station;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** How a station is stored: keyed by its unified number; opening hours in OSM syntax; location in WGS-84. */
@Document("stations")
class StationDocument {

    @Id
    String number;
    @Version
    Long version;
    String name;
    String type;
    @Indexed
    String district;
    String address;
    double latitude;
    double longitude;
    List<String> services;
    String openingHours;
    Station.Manager manager;
    List<Station.Photo> photos;
    @Indexed
    String status;
    Station.Rectification rectification;
    Inspection lastInspection;
    Instant registeredAt;
    Instant updatedAt;
    /** When the station's manager last set its hours (null: never; a re-import then takes the file's). */
    Instant hoursByManagerAt;
}
