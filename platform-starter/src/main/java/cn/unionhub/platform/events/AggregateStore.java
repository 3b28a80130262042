package cn.unionhub.platform.events;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.platform.store.UniqueInserts;
import com.mongodb.MongoBulkWriteException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.PropertyHandler;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Writes an aggregate and the events its change caused in <em>one</em> single-document write:
 * the events go into the document's {@code _outbox} array, which {@link OutboxRelay} drains. No
 * multi-document transaction is needed, so this works on a replica set and on mongo-java-server.
 *
 * <p>Aggregates that publish events must be saved through this store, never with
 * {@code repository.save()}: a whole-document replace would drop events still waiting in the
 * outbox. Updates {@code $set} the aggregate's fields and only ever {@code $push} to the outbox,
 * while the relay only {@code $pull}s from it, so the two never overwrite each other. Aggregates
 * need an assigned id and a {@code @Version} property (optimistic locking).
 */
public class AggregateStore {

    private static final int MODIFY_ATTEMPTS = 5;
    /** Which bulk write last wrote a document ({@link #modifyAll}); the mapping ignores it. */
    static final String WRITTEN_BY = "_writtenBy";

    private final MongoTemplate mongo;
    private final EventEncoder encoder;
    private final OutboxRelay relay;
    private final TraceContext trace;

    public AggregateStore(MongoTemplate mongo, EventEncoder encoder, OutboxRelay relay) {
        this(mongo, encoder, relay, TraceContext.NONE);
    }

    /** @param trace where each write's events learn the trace they belong to (stored with them) */
    public AggregateStore(MongoTemplate mongo, EventEncoder encoder, OutboxRelay relay, TraceContext trace) {
        this.mongo = mongo;
        this.encoder = encoder;
        this.relay = relay;
        this.trace = trace;
    }

    /** Inserts a new aggregate with version 0; a duplicate id raises {@code DuplicateKeyException}. */
    public <T> T insert(T aggregate, List<? extends DomainEvent> events) {
        MongoPersistentEntity<?> entity = entityOf(aggregate);
        PersistentPropertyAccessor<T> accessor = entity.getPropertyAccessor(aggregate);
        MongoPersistentProperty version = entity.getRequiredVersionProperty();
        accessor.setProperty(version, versionValue(version, 0));
        T bean = accessor.getBean();

        Document document = new Document();
        mongo.getConverter().write(bean, document);
        if (document.get("_id") == null) {
            throw new IllegalArgumentException(entity.getType().getSimpleName() + " needs an assigned id before insert");
        }
        List<Document> outbox = outboxEntries(events);
        if (!outbox.isEmpty()) {
            document.put(OutboxEntry.FIELD, outbox);
        }
        String collection = entity.getCollection();
        write(collection, document.get("_id"), outbox, () -> mongo.execute(collection, c -> c.insertOne(document)));
        return bean;
    }

    /**
     * Inserts many new aggregates with their events in two commands (the relay's pointers, then the
     * documents), for imports where one command per record would take hours. Aggregates whose id
     * already exists are skipped, not failed, so re-running an import inserts only what is new.
     *
     * @param events the events of each aggregate, in the same order
     * @return the ids inserted
     */
    public <T> Set<Object> insertAll(List<T> aggregates, List<? extends List<? extends DomainEvent>> events) {
        if (aggregates.size() != events.size()) {
            throw new IllegalArgumentException("insertAll needs one list of events per aggregate");
        }
        if (aggregates.isEmpty()) {
            return Set.of();
        }
        MongoPersistentEntity<?> entity = entityOf(aggregates.get(0));
        MongoPersistentProperty version = entity.getRequiredVersionProperty();
        List<Document> documents = new ArrayList<>(aggregates.size());
        List<Map.Entry<Object, Document>> announced = new ArrayList<>();
        for (int i = 0; i < aggregates.size(); i++) {
            PersistentPropertyAccessor<T> accessor = entity.getPropertyAccessor(aggregates.get(i));
            accessor.setProperty(version, versionValue(version, 0));
            Document document = new Document();
            mongo.getConverter().write(accessor.getBean(), document);
            List<Document> outbox = outboxEntries(events.get(i));
            if (!outbox.isEmpty()) {
                document.put(OutboxEntry.FIELD, outbox);
                announced.add(Map.entry(document.get("_id"), outbox.get(0)));
            }
            documents.add(document);
        }
        List<OutboxRelay.Pointer> pointers = relay.announceAll(entity.getCollection(), announced);
        Set<Integer> failed;
        try {
            failed = UniqueInserts.insertUnlessTaken(mongo.getCollection(entity.getCollection()), documents);
        } catch (MongoBulkWriteException partly) {
            pointers.forEach(relay::withdraw);
            throw partly;
        }
        Set<Object> inserted = new LinkedHashSet<>();
        for (int i = 0; i < documents.size(); i++) {
            if (!failed.contains(i)) {
                inserted.add(documents.get(i).get("_id"));
            }
        }
        settle(pointers, inserted);
        return inserted;
    }

    /**
     * Inserts an aggregate whose id names a thing that happens once (a month's bulletin, a day's
     * report) with the events announcing it: true if this call inserted it, false if it existed —
     * so retries and several instances announce it exactly once.
     */
    public <T> boolean insertOnce(T aggregate, List<? extends DomainEvent> events) {
        try {
            insert(aggregate, events);
            return true;
        } catch (org.springframework.dao.DuplicateKeyException alreadyThere) {
            return false;
        }
    }

    /**
     * Updates an aggregate loaded at version {@code n} to version {@code n + 1}, appending its new
     * events; fails with {@link OptimisticLockingFailureException} if someone else changed it first.
     */
    public <T> T update(T aggregate, List<? extends DomainEvent> events) {
        VersionedWrite<T> write = prepare(aggregate, events, null);
        write(write.collection, write.id, write.outbox, () -> {
            if (mongo.updateFirst(write.query, write.update, write.collection).getMatchedCount() == 0) {
                throw new OptimisticLockingFailureException(write.entity.getType().getSimpleName() + " " + write.id
                        + " was changed concurrently (expected version " + write.current + ")");
            }
        });
        return write.written();
    }

    /** An aggregate's versioned update, ready to send: matches only the version it was loaded with. */
    private static final class VersionedWrite<T> {
        final MongoPersistentEntity<?> entity;
        final PersistentPropertyAccessor<T> accessor;
        final MongoPersistentProperty version;
        final Number current;
        final String collection;
        final Object id;
        final Query query;
        final Update update;
        final List<Document> outbox;

        VersionedWrite(MongoPersistentEntity<?> entity, PersistentPropertyAccessor<T> accessor, MongoPersistentProperty version,
                Number current, Object id, Update update, List<Document> outbox) {
            this.entity = entity;
            this.accessor = accessor;
            this.version = version;
            this.current = current;
            this.collection = entity.getCollection();
            this.id = id;
            this.query = new Query(Criteria.where("_id").is(id).and(version.getFieldName()).is(current));
            this.update = update;
            this.outbox = outbox;
        }

        /** The aggregate as written: its version moved on. */
        T written() {
            accessor.setProperty(version, versionValue(version, current.longValue() + 1));
            return accessor.getBean();
        }
    }

    /** @param mark set in the document as {@value #WRITTEN_BY}, so a bulk write can tell which of its updates matched */
    private <T> VersionedWrite<T> prepare(T aggregate, List<? extends DomainEvent> events, String mark) {
        MongoPersistentEntity<?> entity = entityOf(aggregate);
        PersistentPropertyAccessor<T> accessor = entity.getPropertyAccessor(aggregate);
        MongoPersistentProperty version = entity.getRequiredVersionProperty();
        Number current = (Number) Objects.requireNonNull(accessor.getProperty(version),
                "update() needs a loaded aggregate with a version; use insert() for new ones");

        Document document = new Document();
        mongo.getConverter().write(accessor.getBean(), document);
        Object id = document.remove("_id");
        document.remove(version.getFieldName());

        Update update = new Update();
        document.forEach(update::set);
        entity.doWithProperties((PropertyHandler<MongoPersistentProperty>) property -> {
            // Fields that became null are absent from the written document: remove them, don't keep stale values.
            if (!property.isIdProperty() && !property.isVersionProperty() && !document.containsKey(property.getFieldName())) {
                update.unset(property.getFieldName());
            }
        });
        update.inc(version.getFieldName(), 1);
        if (mark != null) {
            update.set(WRITTEN_BY, mark);
        }
        List<Document> outbox = outboxEntries(events);
        if (!outbox.isEmpty()) {
            update.push(OutboxEntry.FIELD).each(outbox.toArray());
        }
        return new VersionedWrite<>(entity, accessor, version, current, id, update, outbox);
    }

    /**
     * The relay's pointer goes in before the events, so there is never a document with events the
     * relay cannot find; a failed write takes its pointer back (see {@link OutboxRelay}).
     */
    private void write(String collection, Object id, List<Document> outbox, Runnable write) {
        if (outbox.isEmpty()) {
            write.run();
            return;
        }
        OutboxRelay.Pointer pointer = relay.announce(collection, id, outbox.get(0));
        try {
            write.run();
        } catch (RuntimeException failed) {
            relay.withdraw(pointer);
            throw failed;
        }
        relay.written(pointer);
    }

    /** A changed aggregate (carrying the version it was loaded with) and the events its change caused. */
    public record Change<T>(T aggregate, List<? extends DomainEvent> events) {
    }

    /**
     * Loads an aggregate, applies a change and writes it with its events, retrying from a fresh
     * load when someone else changed it in between. Business exceptions thrown by the change pass
     * through untouched. Empty when there is no aggregate with that id.
     */
    public <T> Optional<T> modify(Class<T> type, Object id, Function<T, Change<T>> change) {
        for (int attempt = 1; ; attempt++) {
            T current = mongo.findById(id, type);
            if (current == null) {
                return Optional.empty();
            }
            Change<T> changed = change.apply(current);
            try {
                return Optional.of(update(changed.aggregate(), changed.events()));
            } catch (OptimisticLockingFailureException concurrent) {
                if (attempt == MODIFY_ATTEMPTS) {
                    throw concurrent;
                }
            }
        }
    }

    /**
     * {@link #modify} starting from an aggregate loaded just before, with its version: the change is
     * written on it without reading it again, and only a lost race reads it afresh.
     */
    @SuppressWarnings("unchecked")
    public <T> T modifyLoaded(T loaded, Object id, Function<T, Change<T>> change) {
        Change<T> changed = change.apply(loaded);
        try {
            return update(changed.aggregate(), changed.events());
        } catch (OptimisticLockingFailureException concurrent) {
            return modify((Class<T>) loaded.getClass(), id, change).orElseThrow();
        }
    }

    /** One change asked of an aggregate by id, for {@link #modifyAll}. */
    public record Modification<T>(Object id, Function<T, Change<T>> change) {
    }

    /**
     * {@link #modify} for many aggregates of one type: one read for all of them and one bulk write
     * of their versioned updates (plus one pointer insert if they raise events), where modify takes
     * two commands each — a consumer applying a poll's events to the aggregates they concern. The
     * changes asked of one aggregate are applied in turn, as one write. An aggregate someone else
     * changed in between is modified again on its own, from a fresh load ({@link #modify}), so every
     * change is applied exactly once per call, as with modify.
     *
     * @return each aggregate as written, by id; ids with no aggregate are absent
     */
    public <T> Map<Object, T> modifyAll(Class<T> type, List<Modification<T>> modifications) {
        Map<Object, List<Function<T, Change<T>>>> byId = new LinkedHashMap<>();
        modifications.forEach(m -> byId.computeIfAbsent(m.id(), id -> new ArrayList<>()).add(m.change()));
        Map<Object, T> written = new LinkedHashMap<>();
        if (byId.isEmpty()) {
            return written;
        }
        MongoPersistentEntity<?> entity = entityOf(type);
        Map<Object, T> loaded = new HashMap<>();
        for (T aggregate : mongo.find(new Query(Criteria.where("_id").in(byId.keySet())), type)) {
            loaded.put(entity.getIdentifierAccessor(aggregate).getRequiredIdentifier(), aggregate);
        }
        String mark = UUID.randomUUID().toString();
        List<VersionedWrite<T>> writes = new ArrayList<>(loaded.size());
        byId.forEach((id, changes) -> {
            T current = loaded.get(id);
            if (current != null) {
                Change<T> changed = inTurn(changes).apply(current);
                writes.add(prepare(changed.aggregate(), changed.events(), mark));
            }
        });
        if (writes.isEmpty()) {
            return written;
        }
        String collection = entity.getCollection();
        List<OutboxRelay.Pointer> pointers = relay.announceAll(collection, writes.stream().filter(w -> !w.outbox.isEmpty())
                .map(w -> Map.entry(w.id, w.outbox.get(0))).toList());
        Set<Object> matched;
        try {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
            writes.forEach(w -> bulk.updateOne(w.query, w.update));
            if (bulk.execute().getMatchedCount() == writes.size()) {
                matched = writes.stream().map(w -> w.id).collect(Collectors.toSet());
            } else { // the bulk's answer counts; the mark says which
                Query mine = new Query(Criteria.where("_id").in(writes.stream().map(w -> w.id).toList()).and(WRITTEN_BY).is(mark));
                mine.fields().include("_id");
                matched = mongo.find(mine, Document.class, collection).stream().map(d -> d.get("_id")).collect(Collectors.toSet());
            }
        } catch (RuntimeException failed) {
            pointers.forEach(relay::withdraw);
            throw failed;
        }
        settle(pointers, matched);
        for (VersionedWrite<T> w : writes) {
            if (matched.contains(w.id)) {
                written.put(w.id, w.written());
            } else {
                modify(type, w.id, inTurn(byId.get(w.id))).ifPresent(again -> written.put(w.id, again));
            }
        }
        return written;
    }

    /** After a bulk write: the pointers of the documents written go to the relay, the others are taken back. */
    private void settle(List<OutboxRelay.Pointer> pointers, Set<Object> written) {
        for (OutboxRelay.Pointer pointer : pointers) {
            if (written.contains(pointer.aggregate())) {
                relay.written(pointer);
            } else {
                relay.withdraw(pointer);
            }
        }
    }

    /** The changes one after the other, as one change with all their events. */
    private static <T> Function<T, Change<T>> inTurn(List<Function<T, Change<T>>> changes) {
        return current -> {
            T aggregate = current;
            List<DomainEvent> events = new ArrayList<>();
            for (Function<T, Change<T>> change : changes) {
                Change<T> changed = change.apply(aggregate);
                aggregate = changed.aggregate();
                events.addAll(changed.events());
            }
            return new Change<>(aggregate, events);
        };
    }

    private List<Document> outboxEntries(List<? extends DomainEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        String traceparent = trace.traceparent();
        return events.stream().map(encoder::encode).map(entry -> entry.inTrace(traceparent))
                .map(AggregateStore::toDocument).toList();
    }

    static Document toDocument(OutboxEntry e) {
        Document document = new Document("id", e.id()).append("type", e.type()).append("topic", e.topic())
                .append("key", e.key()).append("subject", e.subject()).append("time", Date.from(e.time()))
                .append("data", e.data());
        if (e.traceparent() != null) {
            document.append("traceparent", e.traceparent());
        }
        return document;
    }

    private MongoPersistentEntity<?> entityOf(Object aggregate) {
        return entityOf(aggregate.getClass());
    }

    private MongoPersistentEntity<?> entityOf(Class<?> type) {
        return mongo.getConverter().getMappingContext().getRequiredPersistentEntity(type);
    }

    private static Object versionValue(MongoPersistentProperty version, long value) {
        Class<?> type = version.getType();
        return type == Integer.class || type == int.class ? (Object) (int) value : (Object) value;
    }
}
