package cn.unionhub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TopicProbe;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * One trace from the HTTP request that caused an event, through the outbox (published later, by
 * the relay's own thread) and Kafka, to the listener that applies it.
 */
@IntegrationTest
class OutboxTracingIT {

    private static final String TOPIC = "test.parcels";

    @Value("${local.server.port}")
    int port;
    @Autowired
    AggregateStore store;
    @Autowired
    EventBackboneTestApplication.Applied applied;

    @Test
    void anEventWrittenDuringARequestReachesKafkaAndItsConsumerInTheRequestsTrace() {
        String id = "traced-" + UUID.randomUUID();
        HttpResponse<String> response = new ApiClient(port).post("/test/parcels/" + id, "", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String traceId = response.body();
        assertThat(traceId).matches("[0-9a-f]{32}");

        try (TopicProbe probe = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), TOPIC)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.withKey(id).size() == 1);
            ConsumerRecord<String, byte[]> record = probe.withKey(id).get(0);
            String traceparent = TopicProbe.header(record, "traceparent");
            // version-traceid-parentid-flags (W3C Trace Context); the sampled flag follows the sampler.
            assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            assertThat(traceparent.split("-")[1]).isEqualTo(traceId);
            assertThat(TopicProbe.header(record, "ce_traceparent")).isEqualTo(traceparent);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> applied.traceIds.containsKey(id));
        assertThat(applied.traceIds.get(id)).isEqualTo(traceId);
    }

    @Test
    void anEventWrittenOutsideAnyTraceCarriesNoTraceContext() {
        String id = "untraced-" + UUID.randomUUID();
        Parcel parcel = new Parcel(id);
        store.insert(parcel, parcel.stamp("收件"));

        try (TopicProbe probe = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), TOPIC)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.withKey(id).size() == 1);
            ConsumerRecord<String, byte[]> record = probe.withKey(id).get(0);
            assertThat(record.headers().lastHeader("traceparent")).isNull();
            assertThat(record.headers().lastHeader("ce_traceparent")).isNull();
        }
    }
}
