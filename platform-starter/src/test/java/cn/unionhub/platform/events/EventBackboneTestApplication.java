package cn.unionhub.platform.events;

import cn.unionhub.security.AccessRules;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service on the starter: one aggregate, one event type, one consumer, one endpoint. */
@SpringBootApplication
class EventBackboneTestApplication {

    @Bean
    AccessRules accessRules() {
        return AccessRules.define().publicly(HttpMethod.POST, "/test/parcels/{id}");
    }

    /**
     * What the consumer applied, in order, plus how often the flaky handler was called for each parcel
     * and the trace each parcel's latest event was applied in.
     */
    @Component
    static class Applied {
        final List<ParcelStamped> events = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> flakyCalls = new ConcurrentHashMap<>();
        final Map<String, String> traceIds = new ConcurrentHashMap<>();
    }

    /** Receives a parcel over HTTP, so its event is written inside the request's trace; answers that trace id. */
    @RestController
    static class ParcelController {

        private final AggregateStore store;
        private final Tracer tracer;

        ParcelController(AggregateStore store, Tracer tracer) {
            this.store = store;
            this.tracer = tracer;
        }

        @PostMapping("/test/parcels/{id}")
        String receive(@PathVariable String id) {
            Parcel parcel = new Parcel(id);
            store.insert(parcel, parcel.stamp("收件"));
            return traceIdOf(tracer.currentSpan());
        }
    }

    static String traceIdOf(Span span) {
        return span == null ? "none" : span.context().traceId();
    }

    @Component
    static class ParcelListener {

        private final EventRouter router;

        ParcelListener(InboundEvents inbound, Applied applied, Tracer tracer) {
            this.router = inbound.router("parcel-counter").on(ParcelStamped.class, event -> {
                applied.traceIds.put(event.parcelId(), traceIdOf(tracer.currentSpan()));
                if (event.note().equals("always-fails")) {
                    throw new IllegalStateException("downstream refused " + event.parcelId());
                }
                if (event.note().equals("fails-once") && applied.flakyCalls.computeIfAbsent(event.parcelId(), p -> new AtomicInteger()).incrementAndGet() == 1) {
                    throw new IllegalStateException("transient failure");
                }
                applied.events.add(event);
            });
        }

        @KafkaListener(topics = "test.parcels", autoStartup = "${test.listener.auto-startup:true}")
        void on(ConsumerRecord<String, byte[]> record) {
            router.accept(record);
        }

        /** The same consumer, taking a poll at a time, as the complaint pipeline's listeners do. */
        @KafkaListener(topics = "test.parcels-batch", batch = "true", autoStartup = "${test.listener.auto-startup:true}")
        void onPoll(List<ConsumerRecord<String, byte[]>> records) {
            router.acceptAll(records);
        }
    }
}
