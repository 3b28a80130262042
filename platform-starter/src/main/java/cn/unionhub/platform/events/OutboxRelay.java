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
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * publishes a given aggregate's events, which keeps them in order. Documents are handled in
 * batches, so a broker round trip is paid once per batch rather than once per document.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final String SCHEMA_BASE = "https://unionhub.cn/schemas/events/";
    static final String PENDING_INDEX = "outbox_pending";
    /** W3C Trace Context header, read by the listeners' observation to continue the writer's trace. */
    static final String TRACEPARENT = "traceparent";
    /** The same value as the CloudEvents distributed-tracing extension, for CloudEvents-aware consumers. */
    static final String CE_TRACEPARENT = "ce_traceparent";
    private static final int MAX_HINTS = 10_000;

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    private final EventsProperties properties;
    private final URI source;
    private final Clock clock;
    private final Runnable ensureTopics;

    private final Set<String> collections = ConcurrentHashMap.newKeySet();
    /**
     * Documents this instance just wrote events into: published by id, without searching. Bounded,
     * because while the broker is down writes go on: hints beyond the bound (and hints of a failed
     * round) are dropped, and the periodic search finds those documents instead.
     */
    private final Queue<Hint> hints = new ConcurrentLinkedQueue<>();
    private final AtomicInteger hinted = new AtomicInteger();
    private volatile long lastScan;
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
        Gauge.builder("unionhub.outbox.pending", this, OutboxRelay::pendingDocuments)
                .description("Aggregates whose events wait to be published").register(meters);
    }

    private volatile long pendingCountedAt;
    private volatile double pendingCount;

    /**
     * Counted when scraped rather than on every relay round, and at most every ten seconds: the
     * count uses the sparse pending index on MongoDB, but the embedded store has to scan.
     */
    private double pendingDocuments() {
        long now = clock.millis();
        if (now - pendingCountedAt >= 10_000) {
            pendingCountedAt = now;
            long count = 0;
            for (String collection : collections) {
                count += mongo.count(new Query(Criteria.where(OutboxEntry.PENDING_SINCE).exists(true)), collection);
            }
            pendingCount = count;
        }
        return pendingCount;
    }

    private record Hint(String collection, Object id) {
    }

    /**
     * Called by {@link AggregateStore} after a write: the document's events go out at once, found
     * by id. Searching for pending documents is only the safety net (events of other instances or
     * earlier runs), because some stores — mongo-java-server — cannot index that search.
     */
    void track(String collection, Object id, boolean hasNewEvents) {
        if (hasNewEvents) {
            if (hinted.incrementAndGet() <= MAX_HINTS) {
                hints.add(new Hint(collection, id));
            } else {
                hinted.decrementAndGet();
            }
            wakeUp.release();
        }
    }

    /**
     * Makes a collection ready for aggregates before its first write: creates the pending index
     * (and so lets a restarted relay find it). Runs once per collection, and writers of the same
     * collection wait meanwhile — mongo-java-server fails an insert that runs while an index is
     * being added to its collection (ConcurrentModificationException, answered as a 500).
     */
    void prepare(String collection) {
        if (collections.contains(collection)) {
            return;
        }
        synchronized (collections) {
            if (!collections.contains(collection)) {
                ensureIndex(collection);
                collections.add(collection);
            }
        }
    }

    /** Prepares every collection of a versioned entity before the first request can write to it. */
    private void prepareKnownCollections() {
        try {
            mongo.getConverter().getMappingContext().getPersistentEntities().stream()
                    .filter(entity -> entity.hasVersionProperty() && entity.isAnnotationPresent(
                            org.springframework.data.mongodb.core.mapping.Document.class))
                    .map(entity -> entity.getCollection())
                    .distinct()
                    .forEach(this::prepare);
        } catch (RuntimeException e) {
            // MongoDB not reachable yet: the first write of each collection prepares it instead.
            log.warn("Could not prepare the outbox collections at start: {}", rootMessage(e));
        }
    }

    @Override
    public void start() {
        prepareKnownCollections();
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

    /**
     * One pass: the documents just written, then — at most every {@code relay-scan-interval} — a
     * search for anything else pending (events of a crashed run, or left by a broker outage). The
     * search used to run on every pass that had nothing hinted, i.e. after almost every publish and
     * five times a second when idle; on a store that cannot index it (mongo-java-server) each search
     * reads the whole collection, and those searches were what capped the pipeline at ~20 events/s.
     */
    public int relayOnce() {
        int count = publishHinted();
        long now = clock.millis();
        if (now - lastScan >= properties.relayScanInterval().toMillis()) {
            lastScan = now;
            count += publishSearched();
        }
        return count;
    }

    private int publishHinted() {
        Map<String, List<Object>> byCollection = new LinkedHashMap<>();
        for (int taken = 0; taken < properties.relayBatchSize(); taken++) {
            Hint hint = hints.poll();
            if (hint == null) {
                break;
            }
            hinted.decrementAndGet();
            byCollection.computeIfAbsent(hint.collection(), c -> new ArrayList<>()).add(hint.id());
        }
        int count = 0;
        for (Map.Entry<String, List<Object>> entry : byCollection.entrySet()) {
            count += publishBatch(entry.getKey(), entry.getValue().stream().distinct().toList());
        }
        return count;
    }

    private int publishSearched() {
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
            count += publishBatch(entry.getKey(), entry.getValue().stream().map(d -> d.get("_id")).toList());
        }
        return count;
    }

    /**
     * Publishes the events of a batch of documents: each is claimed with a short lease (by id, a
     * key lookup in every store), every event is sent without waiting in between, the
     * acknowledgements are awaited once, and only then is each document cleared. If any send
     * fails, the round's leases are released and nothing is cleared: the events go out again
     * later, and consumers recognise the ones that had arrived by their ids.
     */
    private int publishBatch(String collection, List<Object> ids) {
        Instant now = clock.instant();
        List<Document> claimed = new ArrayList<>();
        for (Object id : ids) {
            // _id at the top level of the query: stores without a query planner (mongo-java-server) only
            // recognise a key lookup there, and scan the whole collection otherwise.
            Document document = mongo.findAndModify(new Query(Criteria.where("_id").is(id)
                            .and(OutboxEntry.FIELD + ".0").exists(true)
                            .orOperator(Criteria.where(OutboxEntry.LEASE).exists(false),
                                    Criteria.where(OutboxEntry.LEASE).lt(Date.from(now)))),
                    new Update().set(OutboxEntry.LEASE, Date.from(now.plus(properties.relayLease()))),
                    FindAndModifyOptions.options().returnNew(true), Document.class, collection);
            if (document != null) {
                claimed.add(document); // null: another instance holds it, or it was drained meanwhile
            }
        }
        if (claimed.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>();
        try {
            for (Document document : claimed) {
                for (Document entry : document.getList(OutboxEntry.FIELD, Document.class)) {
                    sends.add(kafka.send(toRecord(entry)));
                }
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            for (Document document : claimed) {
                mongo.updateFirst(new Query(Criteria.where("_id").is(document.get("_id"))), new Update().unset(OutboxEntry.LEASE),
                        collection);
            }
            throw new PublishFailedException(rootMessage(e));
        }
        int count = 0;
        for (Document document : claimed) {
            List<Object> sent = document.getList(OutboxEntry.FIELD, Document.class).stream().map(entry -> entry.get("id")).toList();
            Document after = mongo.findAndModify(new Query(Criteria.where("_id").is(document.get("_id"))),
                    new Update().pull(OutboxEntry.FIELD, new Document("id", new Document("$in", sent))).unset(OutboxEntry.LEASE),
                    FindAndModifyOptions.options().returnNew(true), Document.class, collection);
            refreshPendingSince(collection, document.get("_id"), after);
            count += sent.size();
        }
        published.increment(count);
        return count;
    }

    /** After draining, the pending marker must name the oldest entry left, or disappear. */
    private void refreshPendingSince(String collection, Object id, Document after) {
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
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.createWriter(entry.getString("topic"), entry.getString("key"))
                .writeBinary(event);
        String traceparent = entry.getString(TRACEPARENT);
        if (traceparent != null) {
            byte[] value = traceparent.getBytes(StandardCharsets.UTF_8);
            record.headers().add(CE_TRACEPARENT, value).add(TRACEPARENT, value);
        }
        return record;
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
