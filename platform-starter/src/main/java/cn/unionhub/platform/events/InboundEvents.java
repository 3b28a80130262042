package cn.unionhub.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Makes {@link EventRouter}s; one router per logical consumer, named for the inbox. */
public class InboundEvents {

    private final JsonMapper json;
    private final EventSchemas schemas;
    private final Inbox inbox;
    private final MeterRegistry meters;

    public InboundEvents(JsonMapper json, EventSchemas schemas, Inbox inbox, MeterRegistry meters) {
        this.json = json;
        this.schemas = schemas;
        this.inbox = inbox;
        this.meters = meters;
    }

    public EventRouter router(String consumer) {
        return new EventRouter(consumer, json, schemas, inbox, meters);
    }
}
