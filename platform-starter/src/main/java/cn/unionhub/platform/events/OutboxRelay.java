package cn.unionhub.platform.events;

import cn.unionhub.platform.store.Filters;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the events waiting in aggregate documents' {@code _outbox} arrays as CloudEvents
 * (Kafka binary mode) and removes each only after the broker acknowledged it ({@code acks=all},
 * idempotent producer). While Kafka is down, nothing is removed: the events wait and go out, in
 * order per aggregate and oldest first, once the broker is back.
 *
 * <h2>Finding pending events without searching the aggregates</h2>
 * Before {@link AggregateStore} writes events into a document it records a <em>pointer</em> in the
 * {@value #PENDING} collection, whose {@code _id} starts with the event time, so the pointers sort
 * oldest first. That collection holds only what has not been published yet: looking at it costs
 * the size of the backlog, never the size of the stored data (the embedded MongoDB-wire store
 * cannot index a search over the aggregates, and each such search used to read every document).
 * The pointer is written <em>before</em> the aggregate, so a crash can leave a pointer without
 * events (harmless: it is dropped after {@code relay-grace}) but never events without a pointer.
 *
 * <h2>Two ways in</h2>
 * Normally the writer hands the pointer over in memory once its write succeeded, and the relay
 * publishes at once (FIFO). When that queue overflows, at start-up, and after a failed round (a
 * broker outage) the relay switches to backlog mode: it reads the oldest pointers from the
 * collection batch by batch until the backlog is gone, so a burst or an outage drains oldest
 * first. Every {@code relay-scan-interval} it also looks at pointers older than that interval, for
 * work other instances left behind.
 *
 * <p>Several instances may run: a short lease on each document makes sure one relay at a time
 * publishes a given aggregate's events, which keeps them in order. A round costs four commands
 * whatever its size (claim, read, clear, drop pointers; three when it carries one document of a
 * collection, claimed and read in one), plus one pointer insert per write.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final String SCHEMA_BASE = "https://unionhub.cn/schemas/events/";
    /** Pointers to documents whose events wait: only the backlog, never the history. */
    public static final String PENDING = "outbox_pending";
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

    /** Pointers whose writes succeeded in this instance, in the order they were written. */
    private final Queue<Pointer> hints = new ConcurrentLinkedQueue<>();
    /**
     * Backlog mode reads the oldest pointers a window of {@value #WINDOW_BATCHES} batches at a time,
     * one query per window instead of one per batch. Only the relay thread touches it.
     */
    private final ArrayDeque<Pointer> window = new ArrayDeque<>();
    private boolean lastWindow;
    static final int WINDOW_BATCHES = 50;
    private final AtomicInteger hinted = new AtomicInteger();
    /** True while the pointer collection, not the hints, says what to publish next. */
    private volatile boolean backlog = true;
    private volatile long lastScan;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private volatile Thread worker;
    private volatile boolean running;
    private volatile long pendingCountedAt;
    private volatile double pendingCount;

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
        Gauge.builder("unionhub.outbox.pending", this, OutboxRelay::pendingWrites)
                .description("Writes whose events wait to be published").register(meters);
    }

    /** Where one write's events wait: the aggregate, and the first event the write added. */
    record Pointer(String id, String collection, Object aggregate, String event, Instant at) {

        static Pointer of(String collection, Object aggregate, Document firstEntry) {
            Instant at = firstEntry.getDate("time").toInstant();
            return new Pointer(idOf(firstEntry), collection, aggregate, firstEntry.getString("id"), at);
        }

        /** Sorts by time (zero-padded epoch milliseconds), unique by event id, derivable from the entry. */
        static String idOf(Document entry) {
            return String.format("%013d-%s", entry.getDate("time").getTime(), entry.getString("id"));
        }

        Document toDocument() {
            return new Document("_id", id).append("c", collection).append("a", aggregate).append("e", event)
                    .append("at", Date.from(at));
        }

        static Pointer from(Document d) {
            return new Pointer(d.getString("_id"), d.getString("c"), d.get("a"), d.getString("e"), d.getDate("at").toInstant());
        }
    }

    /** Called by {@link AggregateStore} before it writes events into a document. */
    Pointer announce(String collection, Object aggregate, Document firstEntry) {
        Pointer pointer = Pointer.of(collection, aggregate, firstEntry);
        mongo.insert(pointer.toDocument(), PENDING);
        return pointer;
    }

    /** {@link #announce} for a bulk write: one command for all its pointers. */
    List<Pointer> announceAll(String collection, List<Map.Entry<Object, Document>> aggregatesAndFirstEntries) {
        List<Pointer> pointers = aggregatesAndFirstEntries.stream()
                .map(e -> Pointer.of(collection, e.getKey(), e.getValue())).toList();
        if (!pointers.isEmpty()) {
            mongo.getCollection(PENDING).insertMany(pointers.stream().map(Pointer::toDocument).toList());
        }
        return pointers;
    }

    /** The write failed: its pointer points at nothing. If this fails too, the grace period clears it. */
    void withdraw(Pointer pointer) {
        try {
            mongo.remove(new Query(Criteria.where("_id").is(pointer.id())), PENDING);
        } catch (RuntimeException e) {
            log.debug("Could not withdraw outbox pointer {}: {}", pointer.id(), e.toString());
        }
    }

    /** The write succeeded: publish its events now, unless the backlog is being worked through. */
    void written(Pointer pointer) {
        if (!backlog) {
            if (hinted.incrementAndGet() <= MAX_HINTS) {
                hints.add(pointer);
            } else {
                hinted.decrementAndGet();
                enterBacklog(); // the pointer is in the collection: nothing is lost, order is kept
            }
        }
        wakeUp.release();
    }

    private void enterBacklog() {
        backlog = true;
        // window and lastWindow belong to the relay thread, which re-reads the window when it runs out.
        hints.clear();
        hinted.set(0);
    }

    /** Counted when scraped, at most every ten seconds; the collection holds only the backlog. */
    private double pendingWrites() {
        long now = clock.millis();
        if (now - pendingCountedAt >= 10_000) {
            pendingCountedAt = now;
            try {
                pendingCount = mongo.estimatedCount(PENDING);
            } catch (RuntimeException e) {
                log.debug("Counting pending outbox writes failed: {}", e.toString());
            }
        }
        return pendingCount;
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
                enterBacklog(); // once the broker is back, the oldest events go first
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
                enterBacklog();
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
     * One round: in backlog mode the oldest pointers; otherwise the hinted writes and, at most
     * every {@code relay-scan-interval}, pointers older than that interval (work another instance
     * left, or a write whose hint this instance lost when it stopped).
     */
    public int relayOnce() throws InterruptedException {
        int batchSize = properties.relayBatchSize();
        long now = clock.millis();
        if (backlog) {
            if (window.isEmpty()) {
                int size = batchSize * WINDOW_BATCHES;
                List<Pointer> oldest = oldestPointers(size, null);
                window.addAll(oldest);
                lastWindow = oldest.size() < size;
            }
            List<Pointer> next = new ArrayList<>(batchSize);
            while (next.size() < batchSize && !window.isEmpty()) {
                next.add(window.poll());
            }
            if (window.isEmpty() && lastWindow) {
                backlog = false; // later writes arrive as hints; a hint lost in the switch is found by the next scan
            }
            return publish(next);
        }
        int count = publish(takeHints(batchSize));
        if (now - lastScan >= properties.relayScanInterval().toMillis()) {
            lastScan = now;
            count += publish(oldestPointers(batchSize, Instant.ofEpochMilli(now).minus(properties.relayScanInterval())));
        }
        return count;
    }

    private List<Pointer> takeHints(int max) {
        List<Pointer> taken = new ArrayList<>();
        while (taken.size() < max) {
            Pointer hint = hints.poll();
            if (hint == null) {
                break;
            }
            hinted.decrementAndGet();
            taken.add(hint);
        }
        return taken;
    }

    /**
     * The oldest pointers (written before {@code before}, if given): the first {@code limit} in
     * {@code _id} order, which MongoDB and the embedded store both read from the {@code _id} index
     * without sorting the backlog. "Before" is a bound on {@code _id} (it starts with the time) for
     * the same reason; a bound on {@code at} would read every pointer.
     */
    private List<Pointer> oldestPointers(int limit, Instant before) {
        Query query = before == null ? new Query()
                : new Query(Criteria.where("_id").lt(String.format("%013d", before.toEpochMilli())));
        List<Pointer> pointers = mongo.find(query.with(Sort.by("_id")).limit(limit), Document.class, PENDING).stream()
                .map(Pointer::from).toList();
        // Either read says how old the oldest waiting write is: the backlog's first, or (a scan) the
        // first of those older than the scan interval, none meaning none that old — younger ones go
        // out from their hints. A scan that found nothing used to leave the figure at the last
        // backlog's oldest event, so after every outage or burst it grew for ever and fired
        // UnionHubOutboxBacklogGrowing with nothing waiting.
        oldestPendingMillis.set(pointers.isEmpty() ? 0 : pointers.get(0).at().toEpochMilli());
        return pointers;
    }

    /**
     * Publishes the events of the documents the pointers name, then drops every pointer whose
     * event went out (whichever round or instance sent it) and those whose write evidently never
     * happened. Documents go in pointer order: oldest write first.
     */
    private int publish(List<Pointer> pointers) throws InterruptedException {
        if (pointers.isEmpty()) {
            return 0;
        }
        Map<String, LinkedHashSet<Object>> byCollection = new LinkedHashMap<>();
        for (Pointer pointer : pointers) {
            byCollection.computeIfAbsent(pointer.collection(), c -> new LinkedHashSet<>()).add(pointer.aggregate());
        }
        Set<String> done = new HashSet<>();
        Set<String> sentEvents = new HashSet<>();
        for (Map.Entry<String, LinkedHashSet<Object>> entry : byCollection.entrySet()) {
            for (Document sent : publishDocuments(entry.getKey(), List.copyOf(entry.getValue()))) {
                done.add(Pointer.idOf(sent));
                sentEvents.add(sent.getString("id"));
            }
        }
        Instant graceOver = clock.instant().minus(properties.relayGrace());
        for (Pointer pointer : pointers) {
            if (!sentEvents.contains(pointer.event()) && pointer.at().isBefore(graceOver) && !stillWaiting(pointer)) {
                done.add(pointer.id()); // its write failed, or its events left in an earlier round
            }
        }
        if (!done.isEmpty()) {
            mongo.remove(new Query(Criteria.where("_id").in(done)), PENDING);
        }
        published.increment(sentEvents.size());
        return sentEvents.size();
    }

    /** Whether the pointer's event still waits in its document (e.g. another instance holds the lease). */
    private boolean stillWaiting(Pointer pointer) {
        Query query = new Query(Criteria.where("_id").is(pointer.aggregate()).and(OutboxEntry.FIELD + ".id").is(pointer.event()));
        return Filters.exists(mongo, query, pointer.collection());
    }

    /**
     * Claims the documents with a short lease (one command for the batch, by id — a key lookup in
     * every store — then one to read what was claimed; a single document in one), sends every event
     * without waiting in between, awaits the acknowledgements once, and only then pulls the sent
     * events from their documents. If any send fails, the round's leases are released and nothing
     * is pulled: the events go out again later, and consumers recognise the ones that had arrived by
     * their ids.
     *
     * @return the outbox entries that were published
     */
    private List<Document> publishDocuments(String collection, List<Object> ids) throws InterruptedException {
        Instant now = clock.instant();
        String owner = UUID.randomUUID().toString();
        Update lease = new Update().set(OutboxEntry.LEASE, Date.from(now.plus(properties.relayLease())))
                .set(OutboxEntry.LEASE_OWNER, owner);
        Query mine = new Query(Criteria.where("_id").in(ids).and(OutboxEntry.LEASE_OWNER).is(owner));
        List<Document> claimed;
        if (ids.size() == 1) {
            // Most rounds under a steady load carry one document of a collection (a write's hint, taken
            // at once): claiming and reading it is one findAndModify instead of an update and a find.
            Document one = mongo.findAndModify(new Query(unleased(Criteria.where("_id").is(ids.get(0)), now)), lease,
                    FindAndModifyOptions.options().returnNew(true), Document.class, collection);
            claimed = one == null ? List.of() : List.of(one);
        } else {
            mongo.updateMulti(new Query(unleased(Criteria.where("_id").in(ids), now)), lease, collection);
            Map<Object, Integer> order = new LinkedHashMap<>();
            ids.forEach(id -> order.putIfAbsent(id, order.size()));
            claimed = new ArrayList<>(mongo.find(mine, Document.class, collection));
            claimed.sort(Comparator.comparing(d -> order.getOrDefault(d.get("_id"), Integer.MAX_VALUE)));
        }
        if (claimed.isEmpty()) {
            return List.of(); // another instance holds them, or they were drained meanwhile
        }
        List<Document> entries = new ArrayList<>();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        try {
            for (Document document : claimed) {
                for (Document entry : document.getList(OutboxEntry.FIELD, Document.class)) {
                    entries.add(entry);
                    sends.add(kafka.send(toRecord(entry)));
                }
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            release(collection, mine);
            throw e;
        } catch (Exception e) {
            release(collection, mine);
            throw new PublishFailedException(rootMessage(e));
        }
        List<Object> sent = entries.stream().map(entry -> entry.get("id")).toList();
        mongo.updateMulti(mine, new Update().pull(OutboxEntry.FIELD, new Document("id", new Document("$in", sent)))
                .unset(OutboxEntry.LEASE).unset(OutboxEntry.LEASE_OWNER), collection);
        return entries;
    }

    /** The documents chosen by {@code ids} that have events waiting and no other relay's lease running. */
    private static Criteria unleased(Criteria ids, Instant now) {
        return ids.and(OutboxEntry.FIELD + ".0").exists(true).orOperator(Criteria.where(OutboxEntry.LEASE).exists(false),
                Criteria.where(OutboxEntry.LEASE).lt(Date.from(now)));
    }

    private void release(String collection, Query mine) {
        mongo.updateMulti(mine, new Update().unset(OutboxEntry.LEASE).unset(OutboxEntry.LEASE_OWNER), collection);
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
