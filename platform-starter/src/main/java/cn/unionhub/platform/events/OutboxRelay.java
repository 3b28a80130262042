package cn.unionhub.platform.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the events waiting in aggregate documents' {@code _outbox} arrays as CloudEvents
 * (Kafka binary mode) and removes each only after the broker acknowledged it ({@code acks=all},
 * idempotent producer). While Kafka is down, nothing is removed: the events wait and go out, in
 * order per aggregate, once the broker is back.
 *
 * <p>Several instances may run: a short lease on each document makes sure one relay at a time
 * publishes a given aggregate's events, which keeps them in order.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final String SCHEMA_BASE = "https://unionhub.cn/schemas/events/";
    static final String PENDING_INDEX = "outbox_pending";

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    private final EventsProperties properties;
    private final URI source;
    private final Clock clock;
    private final Runnable ensureTopics;

    private final Set<String> collections = ConcurrentHashMap.newKeySet();
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private volatile Thread worker;
    private volatile boolean running;
    private volatile long lastDiscovery;

    /**
     * @param ensureTopics creates the service's declared topics; called when the broker answers
     *                     that a topic is missing, e.g. because it was down when the service started
     */
    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, EventsProperties properties,
            String applicationName, Clock clock, MeterRegistry meters, Runnable ensureTopics) {
        this.mongo = mongo;
        this.ensureTopics = ensureTopics;
        this.kafka = kafka;
        this.properties = properties;
        this.source = URI.create("/unionhub/" + applicationName);
        this.clock = clock;
        this.published = Counter.builder("unionhub.outbox.published").description("Events published from the outbox")
                .register(meters);
        this.failures = Counter.builder("unionhub.outbox.publish.failures")
                .description("Outbox publishing rounds that failed (broker unreachable or refusing)").register(meters);
        Gauge.builder("unionhub.outbox.oldest.age", oldestPendingMillis, ms -> ms.get() == 0 ? 0
                        : Math.max(0, clock.millis() - ms.get()) / 1000.0)
                .baseUnit("seconds").description("Age of the oldest event still waiting in an outbox").register(meters);
    }

    /** Called by {@link AggregateStore} after a write, so new events go out without waiting for the next poll. */
    void track(String collection, boolean hasNewEvents) {
        if (collections.add(collection)) {
            ensureIndex(collection);
        }
        if (hasNewEvents) {
            wakeUp.release();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop after the web server drained, start before it takes traffic. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }

    private void run() {
        Duration backoff = properties.relayInterval();
        while (running) {
            try {
                int count = relayOnce();
                backoff = properties.relayInterval();
                if (count == 0) {
                    wakeUp.tryAcquire(properties.relayInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (PublishFailedException e) {
                failures.increment();
                log.warn("Outbox relay cannot publish ({}); events stay pending, retrying in {}", e.getMessage(), backoff);
                if (e.getMessage().contains("not present in metadata")) {
                    createMissingTopics();
                }
                sleep(backoff);
                backoff = min(backoff.multipliedBy(2), properties.relayMaxBackoff());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return; // interrupted by shutdown in the middle of a round: the lease expires, nothing is lost
                }
                log.error("Outbox relay round failed; retrying", e);
                sleep(backoff);
            }
        }
    }

    private void createMissingTopics() {
        try {
            ensureTopics.run();
        } catch (RuntimeException e) {
            log.warn("Cannot create the declared topics yet: {}", rootMessage(e));
        }
    }

    /** One pass over every collection with pending events; returns how many events were published. */
    public int relayOnce() {
        discoverCollections();
        Map<String, List<Document>> pending = new LinkedHashMap<>();
        long oldest = 0;
        for (String collection : collections) {
            Query query = new Query(Criteria.where(OutboxEntry.PENDING_SINCE).exists(true))
                    .with(Sort.by(OutboxEntry.PENDING_SINCE)).limit(properties.relayBatchSize());
            query.fields().include("_id").include(OutboxEntry.PENDING_SINCE);
            List<Document> documents = mongo.find(query, Document.class, collection);
            if (!documents.isEmpty()) {
                pending.put(collection, documents);
                long since = documents.get(0).getDate(OutboxEntry.PENDING_SINCE).getTime();
                oldest = oldest == 0 ? since : Math.min(oldest, since);
            }
        }
        oldestPendingMillis.set(oldest);
        int count = 0;
        for (Map.Entry<String, List<Document>> entry : pending.entrySet()) {
            for (Document document : entry.getValue()) {
                count += publish(entry.getKey(), document.get("_id"));
            }
        }
        return count;
    }

    private int publish(String collection, Object id) {
        Instant now = clock.instant();
        Query claimable = new Query(new Criteria().andOperator(
                Criteria.where("_id").is(id),
                Criteria.where(OutboxEntry.FIELD + ".0").exists(true),
                new Criteria().orOperator(Criteria.where(OutboxEntry.LEASE).exists(false),
                        Criteria.where(OutboxEntry.LEASE).lt(Date.from(now)))));
        Document claimed = mongo.findAndModify(claimable,
                new Update().set(OutboxEntry.LEASE, Date.from(now.plus(properties.relayLease()))),
                FindAndModifyOptions.options().returnNew(true), Document.class, collection);
        if (claimed == null) {
            return 0; // another instance holds it, or it was drained meanwhile
        }
        List<Document> entries = claimed.getList(OutboxEntry.FIELD, Document.class);
        List<CompletableFuture<?>> sends = new ArrayList<>();
        try {
            for (Document entry : entries) {
                sends.add(kafka.send(toRecord(entry)));
            }
            for (CompletableFuture<?> send : sends) {
                send.get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            mongo.updateFirst(new Query(Criteria.where("_id").is(id)), new Update().unset(OutboxEntry.LEASE), collection);
            throw new PublishFailedException(rootMessage(e));
        }

        List<Object> ids = entries.stream().map(entry -> entry.get("id")).toList();
        mongo.updateFirst(new Query(Criteria.where("_id").is(id)),
                new Update().pull(OutboxEntry.FIELD, new Document("id", new Document("$in", ids))).unset(OutboxEntry.LEASE),
                collection);
        refreshPendingSince(collection, id);
        published.increment(entries.size());
        return entries.size();
    }

    /** After draining, the pending marker must name the oldest entry left, or disappear. */
    private void refreshPendingSince(String collection, Object id) {
        Query byId = new Query(Criteria.where("_id").is(id));
        byId.fields().include(OutboxEntry.FIELD);
        Document after = mongo.findOne(byId, Document.class, collection);
        List<Document> left = after == null ? List.of() : after.getList(OutboxEntry.FIELD, Document.class, List.of());
        if (left.isEmpty()) {
            mongo.updateFirst(new Query(Criteria.where("_id").is(id).and(OutboxEntry.FIELD).size(0)),
                    new Update().unset(OutboxEntry.PENDING_SINCE), collection);
        } else {
            Document first = left.get(0);
            mongo.updateFirst(new Query(Criteria.where("_id").is(id).and(OutboxEntry.FIELD + ".0.id").is(first.get("id"))),
                    new Update().set(OutboxEntry.PENDING_SINCE, first.getDate("time")), collection);
        }
    }

    ProducerRecord<String, byte[]> toRecord(Document entry) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(entry.getString("id"))
                .withSource(source)
                .withType(entry.getString("type"))
                .withSubject(entry.getString("subject"))
                .withTime(entry.getDate("time").toInstant().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withDataSchema(URI.create(SCHEMA_BASE + entry.getString("type") + ".json"))
                .withData(entry.getString("data").getBytes(StandardCharsets.UTF_8))
                .build();
        return KafkaMessageFactory.createWriter(entry.getString("topic"), entry.getString("key")).writeBinary(event);
    }

    /**
     * After a restart the relay must find events written before it. Collections that ever held
     * aggregates written by {@link AggregateStore} carry the {@value #PENDING_INDEX} index; only
     * those are polled, so other collections are never scanned.
     */
    private void discoverCollections() {
        long now = clock.millis();
        if (now - lastDiscovery < properties.collectionDiscoveryInterval().toMillis()) {
            return;
        }
        lastDiscovery = now;
        for (String name : mongo.getCollectionNames()) {
            if (!collections.contains(name) && !name.startsWith("system.") && mongo.indexOps(name).getIndexInfo().stream()
                    .anyMatch(index -> PENDING_INDEX.equals(index.getName()))) {
                collections.add(name);
            }
        }
    }

    private void ensureIndex(String collection) {
        mongo.indexOps(collection).createIndex(new Index().on(OutboxEntry.PENDING_SINCE, Sort.Direction.ASC)
                .sparse().named(PENDING_INDEX));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    static final class PublishFailedException extends RuntimeException {
        PublishFailedException(String message) {
            super(message);
        }
    }
}
