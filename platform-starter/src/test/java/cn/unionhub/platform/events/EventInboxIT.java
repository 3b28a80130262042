package cn.unionhub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TopicProbe;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

@IntegrationTest
class EventInboxIT {

    /** The same consumer as a record listener and as a batch listener (a poll at a time). */
    private static final String TOPIC = "test.parcels";
    private static final String BATCH_TOPIC = "test.parcels-batch";

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    EventBackboneTestApplication.Applied applied;

    @ParameterizedTest
    @ValueSource(strings = {TOPIC, BATCH_TOPIC})
    void redeliveredEventIsAppliedOnce(String topic) {
        String parcel = "dup-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        send(topic, cloudEvent(eventId, parcel, "{\"parcelId\":\"" + parcel + "\",\"sequence\":1,\"note\":\"原件\"}"));
        send(topic, cloudEvent(eventId, parcel, "{\"parcelId\":\"" + parcel + "\",\"sequence\":1,\"note\":\"原件\"}"));
        send(topic, cloudEvent(UUID.randomUUID().toString(), parcel, "{\"parcelId\":\"" + parcel + "\",\"sequence\":2,\"note\":\"marker\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> appliedFor(parcel).size() == 2);
        assertThat(appliedFor(parcel)).extracting(ParcelStamped::sequence).containsExactly(1, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {TOPIC, BATCH_TOPIC})
    void recordsThatAreNotValidEventsGoToTheDeadLetterTopicWithTheReasonAndThePartitionMovesOn(String topic) {
        String parcel = "bad-" + UUID.randomUUID();
        kafka.send(new ProducerRecord<>(topic, parcel, "这不是事件".getBytes(StandardCharsets.UTF_8)));
        send(topic, cloudEvent(UUID.randomUUID().toString(), parcel, "{\"parcelId\":\"" + parcel + "\",\"sequence\":-1}"));
        send(topic, cloudEvent(UUID.randomUUID().toString(), parcel, "{not json"));
        send(topic, cloudEvent(UUID.randomUUID().toString(), parcel, "{\"parcelId\":\"" + parcel + "\",\"sequence\":7,\"note\":\"ok\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> appliedFor(parcel).size() == 1);
        try (TopicProbe dlt = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), topic + ".dlt")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> dlt.withKey(parcel).size() >= 3);
            List<ConsumerRecord<String, byte[]>> parked = dlt.withKey(parcel);
            assertThat(parked).hasSize(3);
            assertThat(parked).extracting(r -> TopicProbe.header(r, "kafka_dlt-exception-message"))
                    .anySatisfy(reason -> assertThat(reason).contains("Not a CloudEvent"))
                    .anySatisfy(reason -> assertThat(reason).contains("violates schema").contains("note"))
                    .anySatisfy(reason -> assertThat(reason).contains("not valid JSON"));
            assertThat(parked).extracting(r -> TopicProbe.header(r, "kafka_dlt-original-topic")).containsOnly(topic);
            assertThat(parked).extracting(r -> TopicProbe.header(r, "kafka_dlt-original-consumer-group"))
                    .containsOnly("starter-test");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TOPIC, BATCH_TOPIC})
    void failingHandlerIsRetriedThenDeadLetteredWhileATransientFailureSucceedsOnRetry(String topic) {
        String broken = "refused-" + UUID.randomUUID();
        String flaky = "flaky-" + UUID.randomUUID();
        send(topic, cloudEvent(UUID.randomUUID().toString(), broken, "{\"parcelId\":\"" + broken + "\",\"sequence\":1,\"note\":\"always-fails\"}"));
        send(topic, cloudEvent(UUID.randomUUID().toString(), flaky, "{\"parcelId\":\"" + flaky + "\",\"sequence\":1,\"note\":\"fails-once\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> appliedFor(flaky).size() == 1);
        try (TopicProbe dlt = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), topic + ".dlt")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> dlt.withKey(broken).size() == 1);
            assertThat(TopicProbe.header(dlt.withKey(broken).get(0), "kafka_dlt-exception-message"))
                    .contains("downstream refused");
            assertThat(TopicProbe.header(dlt.withKey(broken).get(0), "ce_type"))
                    .isEqualTo("cn.unionhub.test.parcel-stamped.v1");
        }
        assertThat(appliedFor(broken)).isEmpty();
        assertThat(appliedFor(flaky)).hasSize(1);
    }

    /**
     * Both kinds of listener reach Prometheus: a record listener's timing under {@code spring.kafka.listener}
     * (its observation's tags), a batch listener's under {@code spring.kafka.listener.batch}. Under one name the
     * second set of tag keys was refused and the record listeners were never timed.
     */
    @Test
    void recordAndBatchListenersAreBothTimedInTheScrape(@Autowired PrometheusMeterRegistry prometheus) {
        String parcel = "timed-" + UUID.randomUUID();
        String batched = "timed-batch-" + UUID.randomUUID();
        send(TOPIC, cloudEvent(UUID.randomUUID().toString(), parcel, "{\"parcelId\":\"" + parcel + "\",\"sequence\":1,\"note\":\"原件\"}"));
        send(BATCH_TOPIC, cloudEvent(UUID.randomUUID().toString(), batched, "{\"parcelId\":\"" + batched + "\",\"sequence\":1,\"note\":\"原件\"}"));
        await().atMost(Duration.ofSeconds(30)).until(() -> appliedFor(parcel).size() == 1 && appliedFor(batched).size() == 1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(prometheus.scrape().lines()
                .filter(line -> line.startsWith("spring_kafka_listener_seconds_count{"))
                .filter(line -> line.contains("messaging_source_name=\"" + TOPIC + "\"")).toList()).isNotEmpty());
        assertThat(prometheus.scrape().lines().filter(line -> line.startsWith("spring_kafka_listener_batch_seconds_count{"))
                .filter(line -> line.contains("result=\"success\"")).mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum()).isPositive();
    }

    private List<ParcelStamped> appliedFor(String parcel) {
        return applied.events.stream().filter(e -> e.parcelId().equals(parcel)).toList();
    }

    /** Two records sent together (one poll, as a rule), each from its own trace: each handled in its own. */
    @Test
    void aPollsRecordsAreEachAppliedInTheTraceTheyCarry() {
        Map<String, String> traceOfParcel = new LinkedHashMap<>();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String parcel = "traced-" + UUID.randomUUID();
            String traceId = UUID.randomUUID().toString().replace("-", "");
            traceOfParcel.put(parcel, traceId);
            ProducerRecord<String, byte[]> record = KafkaMessageFactory.createWriter(BATCH_TOPIC, parcel).writeBinary(
                    cloudEvent(UUID.randomUUID().toString(), parcel, "{\"parcelId\":\"" + parcel + "\",\"sequence\":1,\"note\":\"原件\"}"));
            record.headers().add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
            sent.add(kafka.send(record));
        }
        sent.forEach(CompletableFuture::join);

        await().atMost(Duration.ofSeconds(30)).until(() -> applied.traceIds.keySet().containsAll(traceOfParcel.keySet()));
        traceOfParcel.forEach((parcel, traceId) -> assertThat(applied.traceIds.get(parcel)).as(parcel).isEqualTo(traceId));
    }

    private void send(String topic, CloudEvent event) {
        kafka.send(KafkaMessageFactory.createWriter(topic, event.getSubject()).writeBinary(event)).join();
    }

    private static CloudEvent cloudEvent(String id, String subject, String data) {
        return CloudEventBuilder.v1().withId(id).withSource(URI.create("/unionhub/test-producer"))
                .withType("cn.unionhub.test.parcel-stamped.v1").withSubject(subject)
                .withDataContentType("application/json").withData(data.getBytes(StandardCharsets.UTF_8)).build();
    }
}
