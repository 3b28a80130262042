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

/** Contract events as another service would publish them: CloudEvents, binary mode, keyed by subject. */
public final class TestEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestEvents() {
    }

    public static ProducerRecord<String, byte[]> record(DomainEvent event, String eventId) {
        EventContract contract = EventCatalog.contractOf(event.getClass());
        var cloudEvent = CloudEventBuilder.v1().withId(eventId).withSource(URI.create("/unionhub/test"))
                .withType(contract.type()).withSubject(event.subject()).withTime(Instant.now().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json").withData(JSON.writeValueAsBytes(event)).build();
        return KafkaMessageFactory.createWriter(contract.topic(), event.partitionKey()).writeBinary(cloudEvent);
    }
}
