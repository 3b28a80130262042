package cn.unionhub.identity;

import cn.unionhub.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code identity.till-clients} from its beginning at every start and then follows it, into {@link TillClients}.
 * The topic is compacted (the newest record of each till stays), so every instance of this server, however many and
 * whenever started, learns every till without a store or a consumer group of its own. A record it cannot read is
 * skipped and logged: the till it names then cannot sign in, which is the safe side.
 */
final class TillClientFeed implements SmartLifecycle {

    static final String TYPE = "cn.unionhub.member-card.till-client-changed.v1";
    private static final Logger log = LoggerFactory.getLogger(TillClientFeed.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final Map<String, Object> consumerProperties;
    private final TillClients tills;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /** @param kafka the broker settings Spring Boot bound ({@code spring.kafka.*}: address, TLS, SASL) */
    TillClientFeed(Map<String, Object> kafka, TillClients tills) {
        Map<String, Object> properties = new java.util.HashMap<>(kafka);
        // No group: each instance reads everything itself and commits nothing. Never create the topic by asking for it:
        // member-card-service creates it compacted.
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "identity-server-tills");
        this.consumerProperties = properties;
        this.tills = tills;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::follow, "till-client-feed");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            if (thread != null) {
                thread.join(Duration.ofSeconds(10).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProperties)) {
                consumer = c;
                List<TopicPartition> partitions = partitions(c);
                c.assign(partitions);
                c.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = c.endOffsets(partitions);
                boolean caughtUp = false;
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofSeconds(1))) {
                        take(record);
                    }
                    if (!caughtUp && partitions.stream().allMatch(p -> c.position(p) >= ends.get(p))) {
                        caughtUp = true;
                        log.info("Read {} till clients from {}", tills.size(), Topics.TILL_CLIENTS);
                    }
                }
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Cannot follow {} ({}); trying again in {} s", Topics.TILL_CLIENTS, e.toString(), RETRY.toSeconds());
                pause();
            }
        }
    }

    /** The topic's partitions, once member-card-service has created it. */
    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        while (running) {
            var found = c.partitionsFor(Topics.TILL_CLIENTS, Duration.ofSeconds(10));
            if (found != null && !found.isEmpty()) {
                return found.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            pause();
        }
        throw new WakeupException();
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    void take(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader("ce_type");
        if (type == null || !TYPE.equals(new String(type.value(), StandardCharsets.UTF_8)) || record.value() == null) {
            return;
        }
        try {
            JsonNode data = JSON.readTree(record.value());
            String clientId = data.path("clientId").asString();
            boolean active = data.path("active").asBoolean(false);
            String digest = data.path("secretSha256").isString() ? data.path("secretSha256").asString() : null;
            if (!clientId.startsWith("merchant-") || !clientId.equals(record.key()) || active && (digest == null || !digest.matches("[0-9a-f]{64}"))) {
                throw new IllegalArgumentException("not a till client record");
            }
            tills.apply(new TillClients.Till(clientId, data.path("district").asString(null), active, active ? digest : null,
                    data.path("generation").asLong(), Instant.parse(data.path("changedAt").asString())));
        } catch (RuntimeException e) {
            // Whatever the till could do before, it does not now: an unreadable record may have been its revocation.
            if (record.key() != null && record.key().startsWith("merchant-")) {
                tills.revokeUnreadable(record.key());
            }
            log.error("Skipped the record at {}-{}@{} (its till cannot sign in until the next one): {}", record.topic(),
                    record.partition(), record.offset(), e.toString());
        }
    }
}
