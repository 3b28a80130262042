package cn.unionhub.platform.events;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.platform.store.UniqueInserts;
import com.mongodb.MongoBulkWriteException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.PropertyHandler;
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
        for (OutboxRelay.Pointer pointer : pointers) {
            if (inserted.contains(pointer.aggregate())) {
                relay.written(pointer);
            } else {
                relay.withdraw(pointer);
            }
        }
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
        List<Document> outbox = outboxEntries(events);
        if (!outbox.isEmpty()) {
            update.push(OutboxEntry.FIELD).each(outbox.toArray());
        }

        Query query = new Query(Criteria.where("_id").is(id).and(version.getFieldName()).is(current));
        write(entity.getCollection(), id, outbox, () -> {
            if (mongo.updateFirst(query, update, entity.getCollection()).getMatchedCount() == 0) {
                throw new OptimisticLockingFailureException(entity.getType().getSimpleName() + " " + id
                        + " was changed concurrently (expected version " + current + ")");
            }
        });
        accessor.setProperty(version, versionValue(version, current.longValue() + 1));
        return accessor.getBean();
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
        return mongo.getConverter().getMappingContext().getRequiredPersistentEntity(aggregate.getClass());
    }

    private static Object versionValue(MongoPersistentProperty version, long value) {
        Class<?> type = version.getType();
        return type == Integer.class || type == int.class ? (Object) (int) value : (Object) value;
    }
}
