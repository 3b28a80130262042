package cn.unionhub.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
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
    /** A name routed twice is one inbox: trimmed once. */
    private final Set<String> consumers = ConcurrentHashMap.newKeySet();

    public InboundEvents(JsonMapper json, EventSchemas schemas, Inbox inbox, MeterRegistry meters) {
        this.json = json;
        this.schemas = schemas;
        this.inbox = inbox;
        this.meters = meters;
    }

    public EventRouter router(String consumer) {
        consumers.add(consumer);
        return new EventRouter(consumer, json, schemas, inbox, meters);
    }

    /** The consumers this process made routers for: whose inbox entries it trims. */
    List<String> consumers() {
        return List.copyOf(consumers);
    }
}
