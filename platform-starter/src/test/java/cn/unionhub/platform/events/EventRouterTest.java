package cn.unionhub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Which deliveries reach a handler, and what the inbox records for them. */
class EventRouterTest {

    /** The inbox's contract (an id recorded once is known after), kept in memory. */
    static final class InMemoryInbox extends Inbox {
        final Set<String> recorded = new HashSet<>();
        int lookups;

        InMemoryInbox() {
            super(null, null);
        }

        @Override
        public boolean contains(String consumer, String eventId, java.time.Instant time) {
            lookups++;
            return recorded.contains(consumer + ":" + eventId);
        }

        @Override
        public void record(String consumer, String eventId, java.time.Instant time, String type) {
            recorded.add(consumer + ":" + eventId);
        }
    }

    private final InMemoryInbox inbox = new InMemoryInbox();
    private final InboundEvents inbound = new InboundEvents(JsonMapper.builder().build(), new EventSchemas(), inbox,
            new SimpleMeterRegistry());
    private final List<ParcelStamped> applied = new ArrayList<>();

    @Test
    void aRedeliveredEventReachesAnOrdinaryHandlerOnce() {
        EventRouter router = inbound.router("counter").on(ParcelStamped.class, event -> { applied.add(event); });

        ConsumerRecord<String, byte[]> record = record("e-1", new ParcelStamped("P-1", 1, "收件"));
        router.accept(record);
        router.accept(record);

        assertThat(applied).containsExactly(new ParcelStamped("P-1", 1, "收件"));
        assertThat(inbox.recorded).containsExactly("counter:e-1");
    }

    @Test
    void aRevisionedHandlerSeesEveryDeliveryAndTheInboxIsNotTouched() {
        EventRouter router = inbound.router("copy").onRevisioned(ParcelStamped.class, event -> { applied.add(event); });

        ConsumerRecord<String, byte[]> record = record("e-2", new ParcelStamped("P-2", 4, "派送"));
        router.accept(record);
        router.accept(record);

        // The handler itself must ignore what it holds already (a revision guard): the router does not.
        assertThat(applied).hasSize(2);
        assertThat(inbox.recorded).isEmpty();
        assertThat(inbox.lookups).isZero();
    }

    @Test
    void typesWithoutARouteAreSkippedWithoutAStoreCommand() {
        EventRouter router = inbound.router("other");

        router.accept(record("e-3", new ParcelStamped("P-3", 1, "收件")));

        assertThat(inbox.lookups).isZero();
        assertThat(inbox.recorded).isEmpty();
    }

    private static ConsumerRecord<String, byte[]> record(String id, ParcelStamped parcel) {
        String data = "{\"parcelId\":\"%s\",\"sequence\":%d,\"note\":\"%s\"}".formatted(parcel.parcelId(), parcel.sequence(),
                parcel.note());
        CloudEvent event = CloudEventBuilder.v1().withId(id).withType("cn.unionhub.test.parcel-stamped.v1")
                .withSource(URI.create("/test")).withDataContentType("application/json")
                .withData(data.getBytes(StandardCharsets.UTF_8)).build();
        ProducerRecord<String, byte[]> sent = KafkaMessageFactory.createWriter("test.parcels", parcel.parcelId())
                .writeBinary(event);
        ConsumerRecord<String, byte[]> received = new ConsumerRecord<>(sent.topic(), 0, 0L, sent.key(), sent.value());
        sent.headers().forEach(h -> received.headers().add(h));
        return received;
    }
}
