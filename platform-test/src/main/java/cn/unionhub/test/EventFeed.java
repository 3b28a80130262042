package cn.unionhub.test;

import static org.awaitility.Awaitility.await;

import cn.unionhub.events.DomainEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes contract events as their owning service would, and waits until one consumer of the
 * service under test has handled every one of them: applied, or skipped because it held a newer
 * revision. It counts that consumer's {@code unionhub.events.consumed}, because a
 * revision-guarded consumer keeps no inbox entry to look for, and a skipped event changes no
 * state to wait on. Send only types the consumer routes: a type it ignores is never counted.
 * Create one feed per test, when nothing earlier is still in flight.
 */
public final class EventFeed {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final KafkaTemplate<String, byte[]> kafka;
    private final MeterRegistry meters;
    private final String consumer;
    private final double handledBefore;
    private int sent;

    public EventFeed(KafkaTemplate<String, byte[]> kafka, MeterRegistry meters, String consumer) {
        this.kafka = kafka;
        this.meters = meters;
        this.consumer = consumer;
        this.handledBefore = handled();
    }

    /** Publishes under a new CloudEvents id and returns it. */
    public String send(DomainEvent event) {
        return send(event, UUID.randomUUID().toString());
    }

    /** Publishes under the given id: a redelivery when the id was sent before. */
    public String send(DomainEvent event, String eventId) {
        kafka.send(TestEvents.record(event, eventId)).join();
        sent++;
        return eventId;
    }

    public String sendAndAwait(DomainEvent event) {
        String eventId = send(event);
        awaitHandled();
        return eventId;
    }

    /** Waits until the consumer has handled everything this feed sent. */
    public void awaitHandled() {
        await().atMost(PATIENCE).until(() -> handled() >= handledBefore + sent);
    }

    private double handled() {
        return meters.find("unionhub.events.consumed").tag("consumer", consumer).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
