package cn.unionhub.station.map;

import cn.unionhub.events.Topics;
import cn.unionhub.station.registry.domain.StationNumbers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's map current with the changes other instances make: every instance reads
 * station.events in a consumer group of its own (so each sees every event), from the moment it
 * starts (what came before is in the map it loaded), and re-reads the station the event is about.
 * Station events are keyed by the station number; activity events, keyed by activity id, are not
 * about the map.
 */
@Component
class StationMapEvents {

    private final StationMap map;

    StationMapEvents(StationMap map) {
        this.map = map;
    }

    @KafkaListener(topics = Topics.STATION, groupId = "station-service.map-${random.uuid}",
            properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, byte[]> record) {
        if (StationNumbers.isValid(record.key())) {
            map.refresh(record.key());
        }
    }
}
