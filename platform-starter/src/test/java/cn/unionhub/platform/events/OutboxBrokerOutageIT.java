package cn.unionhub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kafka down must never cost an accepted request: writes succeed, events wait in the outbox, and
 * when a broker appears they all arrive, in order per aggregate.
 */
class OutboxBrokerOutageIT {

    private static final int PARCELS = 3;
    private static final int STAMPS = 4;

    @Test
    void writesSucceedWhileTheBrokerIsDownAndEveryEventArrivesInOrderWhenItReturns() {
        int kafkaPort = TestInfrastructure.freePort();
        String database = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        TestInfrastructure.EphemeralKafka broker = null;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EventBackboneTestApplication.class)
                .run("--spring.kafka.bootstrap-servers=127.0.0.1:" + kafkaPort,
                        "--spring.mongodb.uri=" + TestInfrastructure.get().mongoUri() + "/" + database,
                        "--spring.mongodb.database=" + database,
                        "--test.listener.auto-startup=false",
                        "--unionhub.events.relay-max-backoff=1s",
                        "--server.port=0",
                        "--eureka.client.enabled=false")) {
            AggregateStore store = context.getBean(AggregateStore.class);
            MongoTemplate mongo = context.getBean(MongoTemplate.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);

            List<String> ids = new ArrayList<>();
            for (int p = 0; p < PARCELS; p++) {
                String id = "outage-" + p + "-" + UUID.randomUUID();
                ids.add(id);
                Parcel parcel = new Parcel(id);
                parcel = store.insert(parcel, parcel.stamp("stamp 1"));
                for (int s = 2; s <= STAMPS; s++) {
                    parcel = store.update(parcel, parcel.stamp("stamp " + s));
                }
            }

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> meters.counter("unionhub.outbox.publish.failures").count() >= 1);
            assertThat(pendingEvents(mongo, ids)).isEqualTo(PARCELS * STAMPS);
            await().atMost(Duration.ofSeconds(30)).until(() -> oldestAge(meters) > 0);

            broker = TestInfrastructure.EphemeralKafka.start(kafkaPort);
            JsonMapper json = context.getBean(JsonMapper.class);
            try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), "test.parcels")) {
                await().atMost(Duration.ofSeconds(60)).until(() -> probe.poll().size() >= PARCELS * STAMPS);
                for (String id : ids) {
                    List<ConsumerRecord<String, byte[]>> records = probe.withKey(id);
                    assertThat(records).extracting(r -> json.readTree(r.value()).get("sequence").asInt())
                            .containsExactly(1, 2, 3, 4);
                }
                assertThat(probe.poll()).hasSize(PARCELS * STAMPS);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> pendingEvents(mongo, ids) == 0);
            // Nothing waits any more, so nothing is old: a gauge left at the backlog's oldest event
            // would keep growing and fire UnionHubOutboxBacklogGrowing after every outage or burst.
            await().atMost(Duration.ofSeconds(20)).until(() -> oldestAge(meters) == 0);
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private static double oldestAge(MeterRegistry meters) {
        return meters.get("unionhub.outbox.oldest.age").gauge().value();
    }

    private static int pendingEvents(MongoTemplate mongo, List<String> ids) {
        int pending = 0;
        for (String id : ids) {
            Document document = mongo.findById(id, Document.class, "parcels");
            pending += document.getList(OutboxEntry.FIELD, Document.class, List.of()).size();
        }
        return pending;
    }
}
