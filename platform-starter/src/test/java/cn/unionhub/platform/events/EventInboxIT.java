package cn.unionhub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TopicProbe;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

@IntegrationTest
class EventInboxIT {

    private static final String TOPIC = "test.parcels";

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    EventBackboneTestApplication.Applied applied;

    @Test
    void redeliveredEventIsAppliedOnce() {
        String parcel = "dup-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        send(cloudEvent(eventId, parcel, "{\"parcelId\":\"" + parcel + "\",\"sequence\":1,\"note\":\"原件\"}"));
        send(cloudEvent(eventId, parcel, "{\"parcelId\":\"" + parcel + "\",\"sequence\":1,\"note\":\"原件\"}"));
        send(cloudEvent(UUID.randomUUID().toString(), parcel, "{\"parcelId\":\"" + parcel + "\",\"sequence\":2,\"note\":\"marker\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> appliedFor(parcel).size() == 2);
        assertThat(appliedFor(parcel)).extracting(ParcelStamped::sequence).containsExactly(1, 2);
    }

    @Test
    void recordsThatAreNotValidEventsGoToTheDeadLetterTopicWithTheReasonAndThePartitionMovesOn() {
        String parcel = "bad-" + UUID.randomUUID();
        kafka.send(new ProducerRecord<>(TOPIC, parcel, "这不是事件".getBytes(StandardCharsets.UTF_8)));
        send(cloudEvent(UUID.randomUUID().toString(), parcel, "{\"parcelId\":\"" + parcel + "\",\"sequence\":-1}"));
        send(cloudEvent(UUID.randomUUID().toString(), parcel, "{not json"));
        send(cloudEvent(UUID.randomUUID().toString(), parcel, "{\"parcelId\":\"" + parcel + "\",\"sequence\":7,\"note\":\"ok\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> appliedFor(parcel).size() == 1);
        try (TopicProbe dlt = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), TOPIC + ".dlt")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> dlt.withKey(parcel).size() >= 3);
            List<ConsumerRecord<String, byte[]>> parked = dlt.withKey(parcel);
            assertThat(parked).hasSize(3);
            assertThat(parked).extracting(r -> TopicProbe.header(r, "kafka_dlt-exception-message"))
                    .anySatisfy(reason -> assertThat(reason).contains("Not a CloudEvent"))
                    .anySatisfy(reason -> assertThat(reason).contains("violates schema").contains("note"))
                    .anySatisfy(reason -> assertThat(reason).contains("not valid JSON"));
            assertThat(parked).extracting(r -> TopicProbe.header(r, "kafka_dlt-original-topic")).containsOnly(TOPIC);
            assertThat(parked).extracting(r -> TopicProbe.header(r, "kafka_dlt-original-consumer-group"))
                    .containsOnly("starter-test");
        }
    }

    @Test
    void failingHandlerIsRetriedThenDeadLetteredWhileATransientFailureSucceedsOnRetry() {
        String broken = "refused-" + UUID.randomUUID();
        String flaky = "flaky-" + UUID.randomUUID();
        send(cloudEvent(UUID.randomUUID().toString(), broken, "{\"parcelId\":\"" + broken + "\",\"sequence\":1,\"note\":\"always-fails\"}"));
        send(cloudEvent(UUID.randomUUID().toString(), flaky, "{\"parcelId\":\"" + flaky + "\",\"sequence\":1,\"note\":\"fails-once\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> appliedFor(flaky).size() == 1);
        try (TopicProbe dlt = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), TOPIC + ".dlt")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> dlt.withKey(broken).size() == 1);
            assertThat(TopicProbe.header(dlt.withKey(broken).get(0), "kafka_dlt-exception-message"))
                    .contains("downstream refused");
            assertThat(TopicProbe.header(dlt.withKey(broken).get(0), "ce_type"))
                    .isEqualTo("cn.unionhub.test.parcel-stamped.v1");
        }
        assertThat(appliedFor(broken)).isEmpty();
        assertThat(appliedFor(flaky)).hasSize(1);
    }

    private List<ParcelStamped> appliedFor(String parcel) {
        return applied.events.stream().filter(e -> e.parcelId().equals(parcel)).toList();
    }

    private void send(CloudEvent event) {
        kafka.send(KafkaMessageFactory.createWriter(TOPIC, event.getSubject()).writeBinary(event)).join();
    }

    private static CloudEvent cloudEvent(String id, String subject, String data) {
        return CloudEventBuilder.v1().withId(id).withSource(URI.create("/unionhub/test-producer"))
                .withType("cn.unionhub.test.parcel-stamped.v1").withSubject(subject)
                .withDataContentType("application/json").withData(data.getBytes(StandardCharsets.UTF_8)).build();
    }
}
