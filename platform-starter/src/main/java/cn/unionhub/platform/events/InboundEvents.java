package cn.unionhub.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/** Makes {@link EventRouter}s; one router per logical consumer, named for the inbox. */
public class InboundEvents {

    private final JsonMapper json;
    private final EventSchemas schemas;
    private final Inbox inbox;
    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    /** A name routed twice is one inbox: trimmed once. */
    private final Set<String> consumers = ConcurrentHashMap.newKeySet();

    public InboundEvents(JsonMapper json, EventSchemas schemas, Inbox inbox, MeterRegistry meters,
            ObservationRegistry observations) {
        this.json = json;
        this.schemas = schemas;
        this.inbox = inbox;
        this.meters = meters;
        this.observations = observations;
    }

    public EventRouter router(String consumer) {
        consumers.add(consumer);
        return new EventRouter(consumer, json, schemas, inbox, meters, observations);
    }

    /** The consumers this process made routers for: whose inbox entries it trims. */
    List<String> consumers() {
        return List.copyOf(consumers);
    }
}
