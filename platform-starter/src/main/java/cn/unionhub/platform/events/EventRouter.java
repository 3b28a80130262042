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
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
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
 *
 * <p>A consumer whose events of one poll touch the same few things can have them applied together
 * ({@link #gathered}): each event becomes a piece of work, the poll's work is applied in one go,
 * and the inbox records each part's events once that part is applied.
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
    private Gathering<?> gathering;

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
        routes.put(EventCatalog.contractOf(type).type(), new Route<>(type, handler, true, null, false));
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
        routes.put(EventCatalog.contractOf(type).type(), new Route<>(type, (event, metadata) -> handler.accept(event), false, null,
                false));
        return this;
    }

    /**
     * Work a consumer applies a poll at a time rather than an event at a time: where the events of
     * one poll touch the same few things (a burst of complaints about one enterprise moves one risk
     * profile), applying them together reads and writes each thing once per poll instead of once
     * per event.
     *
     * @param <W> what one event asks to be done
     */
    @FunctionalInterface
    public interface PollWork<W> {

        /**
         * Applies the work of one poll's events, in their order. Reports each part with
         * {@code applied} as soon as that part is applied for good — the router then records its
         * events in the inbox — and must report every item or throw. A process killed in between
         * gets again the events whose part was not reported, so each part must be idempotent by
         * itself up to the moment it is reported (the risk profile remembers the signals it took).
         */
        void applyAll(List<W> work, Consumer<List<W>> applied);
    }

    /** The routes of a {@link PollWork}: each event type turned into the work it asks for, if any. */
    public final class Gathering<W> {

        private final PollWork<W> work;

        private Gathering(PollWork<W> work) {
            this.work = work;
        }

        /**
         * Events of this type become {@code toWork}'s value (a new object for each event), applied
         * with the rest of the poll's; an event that asks for nothing is done and needs no inbox entry.
         */
        public <T extends DomainEvent> Gathering<W> on(Class<T> type, Function<T, Optional<W>> toWork) {
            routes.put(EventCatalog.contractOf(type).type(), new Route<>(type, null, true, toWork, false));
            return this;
        }

        /**
         * {@link #on}, for a type whose {@code toWork} reads what the work of earlier events writes
         * (a reopened case looks up the complaint's signal): the work gathered before such an event
         * is applied before it is turned into work. A consumer catching up after a pause gets a
         * complaint and its reopening in one poll.
         */
        public <T extends DomainEvent> Gathering<W> onReadingEarlier(Class<T> type, Function<T, Optional<W>> toWork) {
            routes.put(EventCatalog.contractOf(type).type(), new Route<>(type, null, true, toWork, true));
            return this;
        }
    }

    /** Routes whose events are applied a poll at a time by {@code work}; one such gathering per router. */
    public <W> EventRouter gathered(PollWork<W> work, Consumer<Gathering<W>> gatheredRoutes) {
        if (gathering != null) {
            throw new IllegalStateException(consumer + " already gathers its events for " + gathering.work);
        }
        Gathering<W> g = new Gathering<>(work);
        gathering = g;
        gatheredRoutes.accept(g);
        return this;
    }

    public void accept(ConsumerRecord<String, byte[]> record) {
        List<Pending> pending = new ArrayList<>(1);
        apply(decode(record), event -> inbox.contains(consumer, event.getId(), timeOf(event)), pending, record);
        try {
            flush(pending);
        } catch (NotApplied failed) {
            throw failed.cause();
        }
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
        List<Pending> pending = new ArrayList<>();
        try {
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<String, byte[]> record = records.get(i);
                Object event = decoded.get(i);
                Route<?> route = event instanceof CloudEvent e ? routes.get(e.getType()) : null;
                if (event instanceof CloudEvent e && route == null) {
                    // A type this consumer does not handle: most records of a shared topic. Skipped
                    // without a span (in a burst, observing them cost 5 % of a consumer's CPU).
                    log.debug("{} skips event type {} ({})", consumer, e.getType(), e.getId());
                    continue;
                }
                if (route != null && (!route.gathers() || route.readsEarlier)) {
                    flush(pending); // gathered events before this one are applied before it
                }
                try {
                    if (event instanceof InvalidEventException invalid) {
                        throw invalid;
                    }
                    observed(record, () -> {
                        if (apply((CloudEvent) event, e -> applied.contains(e.getId()), pending, record)) {
                            applied.add(((CloudEvent) event).getId()); // a copy later in the same poll is a duplicate
                        }
                    });
                } catch (RuntimeException e) {
                    flush(pending); // the error handler commits the records before this one: apply them first
                    throw new BatchListenerFailedException(e.getMessage(), e, record);
                }
            }
            flush(pending);
        } catch (NotApplied failed) {
            throw new BatchListenerFailedException(failed.cause().getMessage(), failed.cause(), failed.record);
        }
    }

    /**
     * Applies the event unless {@code applied} says it was, or adds it to {@code pending} if its route
     * gathers; whether it applied or gathered it now.
     */
    private boolean apply(CloudEvent event, Predicate<CloudEvent> applied, List<Pending> pending,
            ConsumerRecord<String, byte[]> record) {
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
        if (route.gathers()) {
            Optional<?> work = route.gather(event);
            if (work.isPresent()) {
                pending.add(new Pending(work.get(), event, record));
            } else {
                consumed(event); // nothing to do, so nothing to remember
            }
            return true;
        }
        route.apply(event, metadata(event));
        if (route.recorded) {
            inbox.record(consumer, event.getId(), timeOf(event), event.getType());
        }
        consumed(event);
        return true;
    }

    private void consumed(CloudEvent event) {
        meters.counter("unionhub.events.consumed", "consumer", consumer, "type", event.getType()).increment();
    }

    /** An event whose work waits for the rest of its poll. */
    private record Pending(Object work, CloudEvent event, ConsumerRecord<String, byte[]> record) {
    }

    /** The gathered work could not be applied; {@code record} is the first whose work was not. */
    private static final class NotApplied extends RuntimeException {
        final transient ConsumerRecord<String, byte[]> record;

        NotApplied(ConsumerRecord<String, byte[]> record, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.record = record;
        }

        RuntimeException cause() {
            return (RuntimeException) getCause();
        }
    }

    /** Hands the pending work to the gathering and records each reported part's events in the inbox. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void flush(List<Pending> pending) {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> taken = new ArrayList<>(pending);
        pending.clear();
        Map<Object, List<Pending>> eventsOf = new IdentityHashMap<>(); // an object handed twice names both events
        List<Object> work = new ArrayList<>();
        for (Pending p : taken) {
            eventsOf.computeIfAbsent(p.work(), w -> {
                work.add(w);
                return new ArrayList<>();
            }).add(p);
        }
        Set<Pending> done = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            ((PollWork) gathering.work).applyAll(work, (Consumer<List<Object>>) part -> {
                List<Inbox.Applied> entries = new ArrayList<>();
                for (Object w : part) {
                    for (Pending p : eventsOf.getOrDefault(w, List.of())) {
                        if (done.add(p)) {
                            entries.add(new Inbox.Applied(p.event().getId(), timeOf(p.event()), p.event().getType()));
                            consumed(p.event());
                        }
                    }
                }
                inbox.recordAll(consumer, entries);
            });
        } catch (RuntimeException e) {
            throw new NotApplied(firstNotIn(taken, done, taken.get(taken.size() - 1)).record(), e);
        }
        Pending missed = firstNotIn(taken, done, null);
        if (missed != null) {
            throw new NotApplied(missed.record(), new IllegalStateException(
                    consumer + ": the gathered work did not report event " + missed.event().getId() + " as applied"));
        }
    }

    private static Pending firstNotIn(List<Pending> taken, Set<Pending> done, Pending otherwise) {
        return taken.stream().filter(p -> !done.contains(p)).findFirst().orElse(otherwise);
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
        /** The work the event becomes for the router's gathering; null for an event applied at once. */
        private final Function<T, ? extends Optional<?>> toWork;
        /** Whether the gathered work before the event is applied before it is turned into work. */
        private final boolean readsEarlier;

        Route(Class<T> type, BiConsumer<T, EventMetadata> handler, boolean recorded,
                Function<T, ? extends Optional<?>> toWork, boolean readsEarlier) {
            this.type = type;
            this.handler = handler;
            this.recorded = recorded;
            this.toWork = toWork;
            this.readsEarlier = readsEarlier;
        }

        void apply(CloudEvent event, EventMetadata metadata) {
            handler.accept(data(event), metadata);
        }

        boolean gathers() {
            return toWork != null;
        }

        Optional<?> gather(CloudEvent event) {
            return toWork.apply(data(event));
        }

        private T data(CloudEvent event) {
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
            return data;
        }
    }
}
