package cn.unionhub.platform.events;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventCatalog;
import cn.unionhub.events.EventContract;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a domain event into an outbox entry: JSON data checked against the type's schema at the
 * moment the state change is written, so an event that breaks its contract fails the request
 * that caused it instead of reaching other systems.
 */
public class EventEncoder {

    private final JsonMapper json;
    private final EventSchemas schemas;
    private final Clock clock;

    public EventEncoder(JsonMapper json, EventSchemas schemas, Clock clock) {
        this.json = json;
        this.schemas = schemas;
        this.clock = clock;
    }

    public OutboxEntry encode(DomainEvent event) {
        EventContract contract = EventCatalog.contractOf(event.getClass());
        JsonNode data = json.valueToTree(event);
        List<String> violations = schemas.violations(contract.type(), data);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("Event " + contract.type() + " violates its schema: " + violations);
        }
        return new OutboxEntry(UUID.randomUUID().toString(), contract.type(), contract.topic(), event.partitionKey(),
                event.subject(), clock.instant(), json.writeValueAsString(data));
    }
}
