package cn.unionhub.platform.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A minimal service on the starter: one aggregate, one event type, one consumer. */
@SpringBootApplication
class EventBackboneTestApplication {

    /** What the consumer applied, in order, plus how often the flaky handler was called. */
    @Component
    static class Applied {
        final List<ParcelStamped> events = new CopyOnWriteArrayList<>();
        final AtomicInteger flakyCalls = new AtomicInteger();
    }

    @Component
    static class ParcelListener {

        private final EventRouter router;

        ParcelListener(InboundEvents inbound, Applied applied) {
            this.router = inbound.router("parcel-counter").on(ParcelStamped.class, event -> {
                if (event.note().equals("always-fails")) {
                    throw new IllegalStateException("downstream refused " + event.parcelId());
                }
                if (event.note().equals("fails-once") && applied.flakyCalls.incrementAndGet() == 1) {
                    throw new IllegalStateException("transient failure");
                }
                applied.events.add(event);
            });
        }

        @KafkaListener(topics = "test.parcels", autoStartup = "${test.listener.auto-startup:true}")
        void on(ConsumerRecord<String, byte[]> record) {
            router.accept(record);
        }
    }
}
