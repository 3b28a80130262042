package cn.unionhub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
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
        public Set<String> applied(String consumer, List<Seen> events) {
            lookups++;
            Set<String> applied = new HashSet<>();
            events.stream().filter(e -> recorded.contains(consumer + ":" + e.eventId())).forEach(e -> applied.add(e.eventId()));
            return applied;
        }

        @Override
        public void record(String consumer, String eventId, java.time.Instant time, String type) {
            recorded.add(consumer + ":" + eventId);
        }

        @Override
        public void recordAll(String consumer, List<Applied> events) {
            events.forEach(e -> record(consumer, e.eventId(), e.time(), e.type()));
        }
    }

    private final InMemoryInbox inbox = new InMemoryInbox();
    private final InboundEvents inbound = new InboundEvents(JsonMapper.builder().build(), new EventSchemas(), inbox,
            new SimpleMeterRegistry(), ObservationRegistry.NOOP);
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
    void aPollIsLookedUpOnceAndEachEventOfItIsAppliedOnceAndRecordedAsItIsApplied() {
        EventRouter router = inbound.router("counter").on(ParcelStamped.class, event -> { applied.add(event); });
        router.accept(record("e-1", new ParcelStamped("P-1", 1, "收件")));
        inbox.lookups = 0;

        // e-1 was applied by an earlier poll; e-4 comes twice in this one (a republished copy).
        router.acceptAll(List.of(record("e-1", new ParcelStamped("P-1", 1, "收件")),
                record("e-4", new ParcelStamped("P-4", 1, "收件")), record("e-5", new ParcelStamped("P-5", 1, "收件")),
                record("e-4", new ParcelStamped("P-4", 1, "收件"))));

        assertThat(applied).extracting(ParcelStamped::parcelId).containsExactly("P-1", "P-4", "P-5");
        assertThat(inbox.recorded).containsExactlyInAnyOrder("counter:e-1", "counter:e-4", "counter:e-5");
        assertThat(inbox.lookups).isEqualTo(1);
    }

    @Test
    void aRecordOfAPollThatFailsIsNamedToTheErrorHandlerAfterThoseBeforeItWereAppliedAndRecorded() {
        EventRouter router = inbound.router("counter").on(ParcelStamped.class, event -> {
            if (event.note().equals("拒收")) {
                throw new IllegalStateException("refused " + event.parcelId());
            }
            applied.add(event);
        });
        ConsumerRecord<String, byte[]> refused = record("e-7", new ParcelStamped("P-7", 1, "拒收"));
        ConsumerRecord<String, byte[]> notAnEvent = new ConsumerRecord<>("test.parcels", 0, 9L, "P-9",
                "不是事件".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> router.acceptAll(List.of(record("e-6", new ParcelStamped("P-6", 1, "收件")), refused,
                record("e-8", new ParcelStamped("P-8", 1, "收件")))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getRecord()).isSameAs(refused))
                .hasMessageContaining("refused P-7").hasCauseInstanceOf(IllegalStateException.class);
        assertThat(applied).extracting(ParcelStamped::parcelId).containsExactly("P-6");
        assertThat(inbox.recorded).containsExactly("counter:e-6");

        // Not an event at all: named too, with the cause the error handler does not retry.
        assertThatThrownBy(() -> router.acceptAll(List.of(record("e-8", new ParcelStamped("P-8", 1, "收件")), notAnEvent)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getRecord()).isSameAs(notAnEvent))
                .hasCauseInstanceOf(InvalidEventException.class);
        assertThat(applied).extracting(ParcelStamped::parcelId).containsExactly("P-6", "P-8");
    }

    /** What a gathering was handed and when, in the order it happened. */
    private final List<String> steps = new ArrayList<>();

    /** Work that applies a poll's parcels two at a time, noting each part and what the inbox held before it. */
    private void inPairs(List<String> parcels, java.util.function.Consumer<List<String>> applied) {
        for (int from = 0; from < parcels.size(); from += 2) {
            List<String> part = parcels.subList(from, Math.min(parcels.size(), from + 2));
            steps.add("applied " + part + " with " + inbox.recorded.size() + " recorded");
            applied.accept(part);
        }
    }

    @Test
    void gatheredEventsOfAPollAreAppliedTogetherInOrderAndRecordedAsEachPartIsReported() {
        EventRouter router = inbound.router("gatherer").gathered(this::inPairs, parcels -> parcels
                .on(ParcelStamped.class, e -> e.note().equals("无事") ? Optional.empty() : Optional.of(e.parcelId())));
        router.acceptAll(List.of(record("e-1", new ParcelStamped("P-1", 1, "收件"))));
        steps.clear();
        inbox.lookups = 0;

        // e-1 was applied by an earlier poll; e-3 asks for nothing; e-4 comes twice.
        router.acceptAll(List.of(record("e-1", new ParcelStamped("P-1", 1, "收件")),
                record("e-2", new ParcelStamped("P-2", 1, "收件")), record("e-3", new ParcelStamped("P-3", 1, "无事")),
                record("e-4", new ParcelStamped("P-4", 1, "收件")), record("e-4", new ParcelStamped("P-4", 1, "收件")),
                record("e-5", new ParcelStamped("P-5", 1, "收件"))));

        assertThat(steps).containsExactly("applied [P-2, P-4] with 1 recorded", "applied [P-5] with 3 recorded");
        // Nothing to do, nothing to remember: e-3 has no inbox entry.
        assertThat(inbox.recorded).containsExactlyInAnyOrder("gatherer:e-1", "gatherer:e-2", "gatherer:e-4", "gatherer:e-5");
        assertThat(inbox.lookups).isEqualTo(1);
    }

    @Test
    void anEventAppliedAtOnceWaitsUntilTheGatheredOnesBeforeItAreApplied() {
        EventRouter router = inbound.router("gatherer")
                .gathered(this::inPairs, parcels -> parcels.on(ParcelStamped.class, e -> Optional.of(e.parcelId())))
                .on(ParcelReturned.class, e -> { steps.add("returned " + e.parcelId()); });

        router.acceptAll(List.of(record("e-1", new ParcelStamped("P-1", 1, "收件")),
                record("e-2", new ParcelStamped("P-2", 1, "收件")), returned("e-3", "P-1"),
                record("e-4", new ParcelStamped("P-3", 1, "收件"))));

        assertThat(steps).containsExactly("applied [P-1, P-2] with 0 recorded", "returned P-1", "applied [P-3] with 3 recorded");
    }

    @Test
    void anEventWhoseWorkReadsWhatEarlierWorkWroteIsTurnedIntoWorkOnlyOnceThatIsApplied() {
        EventRouter router = inbound.router("gatherer").gathered(this::inPairs, parcels -> parcels
                .on(ParcelStamped.class, e -> Optional.of(e.parcelId()))
                .onReadingEarlier(ParcelReturned.class, e -> {
                    steps.add("turned " + e.parcelId() + " into work with " + inbox.recorded.size() + " recorded");
                    return Optional.of("return " + e.parcelId());
                }));

        router.acceptAll(List.of(record("e-1", new ParcelStamped("P-1", 1, "收件")),
                record("e-2", new ParcelStamped("P-2", 1, "收件")), returned("e-3", "P-1"),
                record("e-4", new ParcelStamped("P-3", 1, "收件"))));

        assertThat(steps).containsExactly("applied [P-1, P-2] with 0 recorded", "turned P-1 into work with 2 recorded",
                "applied [return P-1, P-3] with 2 recorded");
    }

    @Test
    void whenGatheredWorkFailsTheFirstEventNotReportedIsNamedAndThoseReportedStayRecorded() {
        EventRouter router = inbound.router("gatherer").gathered((List<String> parcels, java.util.function.Consumer<List<String>> done) -> {
            for (String parcel : parcels) {
                if (parcel.equals("P-2")) {
                    throw new IllegalStateException("store down at " + parcel);
                }
                done.accept(List.of(parcel));
            }
        }, parcels -> parcels.on(ParcelStamped.class, e -> Optional.of(e.parcelId())));
        ConsumerRecord<String, byte[]> second = record("e-2", new ParcelStamped("P-2", 1, "收件"));

        assertThatThrownBy(() -> router.acceptAll(List.of(record("e-1", new ParcelStamped("P-1", 1, "收件")), second,
                record("e-3", new ParcelStamped("P-3", 1, "收件")))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getRecord()).isSameAs(second))
                .hasMessageContaining("store down at P-2");
        assertThat(inbox.recorded).containsExactly("gatherer:e-1");
    }

    @Test
    void workThatDoesNotReportAnEventFailsWithThatEventNamed() {
        EventRouter router = inbound.router("gatherer").gathered((List<String> parcels, java.util.function.Consumer<List<String>> done) ->
                done.accept(parcels.subList(0, 1)), parcels -> parcels.on(ParcelStamped.class, e -> Optional.of(e.parcelId())));
        ConsumerRecord<String, byte[]> second = record("e-2", new ParcelStamped("P-2", 1, "收件"));

        assertThatThrownBy(() -> router.acceptAll(List.of(record("e-1", new ParcelStamped("P-1", 1, "收件")), second)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getRecord()).isSameAs(second))
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(inbox.recorded).containsExactly("gatherer:e-1");
    }

    @Test
    void aRecordThatFailsAfterGatheredOnesIsNamedOnlyOnceTheyAreApplied() {
        EventRouter router = inbound.router("gatherer")
                .gathered(this::inPairs, parcels -> parcels.on(ParcelStamped.class, e -> Optional.of(e.parcelId())));
        ConsumerRecord<String, byte[]> notAnEvent = new ConsumerRecord<>("test.parcels", 0, 9L, "P-9",
                "不是事件".getBytes(StandardCharsets.UTF_8));

        // The error handler commits the records before the one it is named: their work must be done.
        assertThatThrownBy(() -> router.acceptAll(List.of(record("e-1", new ParcelStamped("P-1", 1, "收件")), notAnEvent)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getRecord()).isSameAs(notAnEvent))
                .hasCauseInstanceOf(InvalidEventException.class);
        assertThat(steps).containsExactly("applied [P-1] with 0 recorded");
        assertThat(inbox.recorded).containsExactly("gatherer:e-1");
    }

    @Test
    void aRecordListenerAppliesAGatheredEventAtOnceAndOnce() {
        EventRouter router = inbound.router("gatherer")
                .gathered(this::inPairs, parcels -> parcels.on(ParcelStamped.class, e -> Optional.of(e.parcelId())));
        ConsumerRecord<String, byte[]> record = record("e-1", new ParcelStamped("P-1", 1, "收件"));

        router.accept(record);
        router.accept(record);

        assertThat(steps).containsExactly("applied [P-1] with 0 recorded");
        assertThat(inbox.recorded).containsExactly("gatherer:e-1");
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
        return record(id, "cn.unionhub.test.parcel-stamped.v1", parcel.parcelId(), data);
    }

    private static ConsumerRecord<String, byte[]> returned(String id, String parcelId) {
        return record(id, "cn.unionhub.test.parcel-returned.v1", parcelId,
                "{\"parcelId\":\"%s\",\"reason\":\"拒收\"}".formatted(parcelId));
    }

    private static ConsumerRecord<String, byte[]> record(String id, String type, String key, String data) {
        CloudEvent event = CloudEventBuilder.v1().withId(id).withType(type)
                .withSource(URI.create("/test")).withDataContentType("application/json")
                .withData(data.getBytes(StandardCharsets.UTF_8)).build();
        ProducerRecord<String, byte[]> sent = KafkaMessageFactory.createWriter("test.parcels", key)
                .writeBinary(event);
        ConsumerRecord<String, byte[]> received = new ConsumerRecord<>(sent.topic(), 0, 0L, sent.key(), sent.value());
        sent.headers().forEach(h -> received.headers().add(h));
        return received;
    }
}
