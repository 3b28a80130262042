package cn.unionhub.platform.events;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventCatalog;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives Kafka records for one consumer and hands each CloudEvent to the handler registered for
 * its type, exactly once per event id. Call {@link #accept} from a thin {@code @KafkaListener}:
 *
 * <pre>{@code
 * private final EventRouter events = inbound.router("case-intake")
 *         .on(FeedbackSubmitted.class, (event, meta) -> intake.open(event, meta.id()));
 *
 * @KafkaListener(topics = Topics.FEEDBACK)
 * void on(ConsumerRecord<String, byte[]> record) { events.accept(record); }
 * }</pre>
 *
 * Types without a handler are skipped (a topic carries many types, and publishers may add new
 * ones). A record that is not a CloudEvent or whose data breaks its schema raises
 * {@link InvalidEventException}: the error handler parks it on the dead-letter topic at once.
 * A handler's own exception is retried with back-off, then dead-lettered too.
 */
public final class EventRouter {

    private static final Logger log = LoggerFactory.getLogger(EventRouter.class);

    private final String consumer;
    private final JsonMapper json;
    private final EventSchemas schemas;
    private final Inbox inbox;
    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final Map<String, Route<?>> routes = new HashMap<>();

    EventRouter(String consumer, JsonMapper json, EventSchemas schemas, Inbox inbox, MeterRegistry meters,
            ObservationRegistry observations) {
        this.consumer = consumer;
        this.json = json;
        this.schemas = schemas;
        this.inbox = inbox;
        this.meters = meters;
        this.observations = observations;
    }

    public <T extends DomainEvent> EventRouter on(Class<T> type, Consumer<T> handler) {
        return on(type, (event, metadata) -> handler.accept(event));
    }

    public <T extends DomainEvent> EventRouter on(Class<T> type, BiConsumer<T, EventMetadata> handler) {
        routes.put(EventCatalog.contractOf(type).type(), new Route<>(type, handler, true));
        return this;
    }

    /**
     * A handler that is idempotent by itself and needs no inbox entry: a copy of the register that
     * takes a record only when its revision is newer than the one it holds ({@code Revisions}), so a
     * redelivered event writes nothing. Without the inbox such an event costs one store command
     * instead of three, and no inbox entry per event and consumer piles up: a 350,000-enterprise
     * import sent an event per enterprise to each of three copies, and a 150,000-enterprise import
     * left them more than 17 minutes behind (211 s without the inbox).
     * Use it only where applying the same event twice leaves the same state as applying it once.
     */
    public <T extends DomainEvent> EventRouter onRevisioned(Class<T> type, Consumer<T> handler) {
        routes.put(EventCatalog.contractOf(type).type(), new Route<>(type, (event, metadata) -> handler.accept(event), false));
        return this;
    }

    public void accept(ConsumerRecord<String, byte[]> record) {
        apply(decode(record), event -> inbox.contains(consumer, event.getId(), timeOf(event)));
    }

    /**
     * {@link #accept} for the records of one poll (a batch listener), in order, with one inbox lookup
     * for all of them instead of one each: at a burst's pace a poll holds hundreds of records. Each
     * applied event is still recorded in the inbox at once, so a process killed in the middle of a
     * poll applies again only the event it was applying, as one record at a time does. Each record
     * is observed on its own, continuing the trace it carries. A record that fails is named to the
     * error handler, which commits those before it and retries or dead-letters that one.
     *
     * <pre>{@code
     * @KafkaListener(topics = Topics.FEEDBACK, batch = "true")
     * void on(List<ConsumerRecord<String, byte[]>> records) { events.acceptAll(records); }
     * }</pre>
     */
    public void acceptAll(List<ConsumerRecord<String, byte[]>> records) {
        List<Object> decoded = new ArrayList<>(records.size()); // a CloudEvent, or why the record is none
        List<Inbox.Seen> recorded = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                CloudEvent event = decode(record);
                decoded.add(event);
                Route<?> route = routes.get(event.getType());
                if (route != null && route.recorded) {
                    recorded.add(new Inbox.Seen(event.getId(), timeOf(event)));
                }
            } catch (InvalidEventException e) {
                decoded.add(e);
            }
        }
        Set<String> applied = recorded.isEmpty() ? new HashSet<>() : inbox.applied(consumer, recorded);
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            Object event = decoded.get(i);
            try {
                if (event instanceof InvalidEventException invalid) {
                    throw invalid;
                }
                observed(record, () -> {
                    if (apply((CloudEvent) event, e -> applied.contains(e.getId()))) {
                        applied.add(((CloudEvent) event).getId()); // a copy later in the same poll is a duplicate
                    }
                });
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(e.getMessage(), e, record);
            }
        }
    }

    /** Applies the event unless {@code applied} says it was; whether it applied it now. */
    private boolean apply(CloudEvent event, Predicate<CloudEvent> applied) {
        Route<?> route = routes.get(event.getType());
        if (route == null) {
            log.debug("{} skips event type {} ({})", consumer, event.getType(), event.getId());
            return false;
        }
        if (route.recorded && applied.test(event)) {
            meters.counter("unionhub.events.duplicates", "consumer", consumer, "type", event.getType()).increment();
            log.debug("{} already applied event {}", consumer, event.getId());
            return false;
        }
        route.apply(event, metadata(event));
        if (route.recorded) {
            inbox.record(consumer, event.getId(), timeOf(event), event.getType());
        }
        meters.counter("unionhub.events.consumed", "consumer", consumer, "type", event.getType()).increment();
        return true;
    }

    /** What the container does for each record of a record listener: a span continuing the record's trace. */
    private void observed(ConsumerRecord<String, byte[]> record, Runnable work) {
        KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                () -> new KafkaRecordReceiverContext(record, consumer, () -> null), observations).observe(work);
    }

    private static Instant timeOf(CloudEvent event) {
        return event.getTime() == null ? null : event.getTime().toInstant();
    }

    private static CloudEvent decode(ConsumerRecord<String, byte[]> record) {
        try {
            CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
            if (event.getId() == null || event.getType() == null) {
                throw new InvalidEventException("CloudEvent without id or type");
            }
            return event;
        } catch (CloudEventRWException | IllegalStateException e) {
            throw new InvalidEventException("Not a CloudEvent: " + e.getMessage(), e);
        }
    }

    private static EventMetadata metadata(CloudEvent event) {
        return new EventMetadata(event.getId(), event.getType(),
                event.getSource() == null ? null : event.getSource().toString(), event.getSubject(), timeOf(event));
    }

    private final class Route<T extends DomainEvent> {
        private final Class<T> type;
        private final BiConsumer<T, EventMetadata> handler;
        /** Whether the inbox records the event; false for handlers idempotent by themselves. */
        private final boolean recorded;

        Route(Class<T> type, BiConsumer<T, EventMetadata> handler, boolean recorded) {
            this.type = type;
            this.handler = handler;
            this.recorded = recorded;
        }

        void apply(CloudEvent event, EventMetadata metadata) {
            if (event.getData() == null) {
                throw new InvalidEventException("Event " + event.getId() + " of type " + event.getType() + " has no data");
            }
            T data;
            try {
                JsonNode tree = json.readTree(event.getData().toBytes());
                List<String> violations = schemas.violations(event.getType(), tree);
                if (!violations.isEmpty()) {
                    throw new InvalidEventException("Event " + event.getId() + " violates schema of " + event.getType()
                            + ": " + violations);
                }
                data = json.treeToValue(tree, type);
            } catch (JacksonException e) {
                throw new InvalidEventException("Event " + event.getId() + " data is not valid JSON for "
                        + event.getType() + ": " + e.getOriginalMessage(), e);
            }
            handler.accept(data, metadata);
        }
    }
}
