package cn.unionhub.test;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventCatalog;
import cn.unionhub.events.EventContract;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contract events as another service would publish them: CloudEvents, binary mode, keyed by
 * subject. An event that breaks its own schema is refused here, so a test cannot pass because a
 * consumer rightly dead-lettered a typo; tests of invalid records build them by hand.
 */
public final class TestEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final com.networknt.schema.SchemaRegistry SCHEMAS =
            com.networknt.schema.SchemaRegistry.withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12);

    private TestEvents() {
    }

    public static ProducerRecord<String, byte[]> record(DomainEvent event, String eventId) {
        EventContract contract = EventCatalog.contractOf(event.getClass());
        var data = JSON.valueToTree(event);
        try (var schema = TestEvents.class.getResourceAsStream(EventCatalog.schemaPath(contract.type()))) {
            var errors = SCHEMAS.getSchema(schema).validate(data);
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException("Test event " + contract.type() + " breaks its schema: " + errors);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var cloudEvent = CloudEventBuilder.v1().withId(eventId).withSource(URI.create("/unionhub/test"))
                .withType(contract.type()).withSubject(event.subject()).withTime(Instant.now().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json").withData(JSON.writeValueAsBytes(data)).build();
        return KafkaMessageFactory.createWriter(contract.topic(), event.partitionKey()).writeBinary(cloudEvent);
    }
}
