package cn.unionhub.station.map;

import cn.unionhub.events.Topics;
import cn.unionhub.station.registry.domain.StationNumbers;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's map current with the changes other instances make: every instance reads
 * station.events in a consumer group of its own (so each sees every event), from the moment it
 * starts (what came before is in the map it loaded), and re-reads the station the event is about.
 * Station events are keyed by the station number; activity events, keyed by activity id, are not
 * about the map.
 */
@Component
class StationMapEvents implements ConsumerSeekAware {

    private final StationMap map;
    private final AtomicBoolean listening = new AtomicBoolean();

    StationMapEvents(StationMap map) {
        this.map = map;
    }

    /**
     * This group reads from where the topic ended when it was first assigned: a change another
     * instance made before that would never reach the map, so the map is read once the positions are
     * fixed; every change after this read is in what the listener will read.
     */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        if (!assignments.isEmpty() && listening.compareAndSet(false, true)) {
            map.load();
        }
    }

    /**
     * Workers need the map when the instance is ready, even with the broker away; if the listener was
     * assigned before that, the map is read already and a second whole read would change nothing.
     * Otherwise it is read now and again at the assignment (a few seconds later in production).
     */
    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (!listening.get()) {
            map.load();
        }
    }

    @KafkaListener(topics = Topics.STATION, groupId = "station-service.map-${random.uuid}",
            properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, byte[]> record) {
        if (StationNumbers.isValid(record.key())) {
            map.refresh(record.key());
        }
    }
}
