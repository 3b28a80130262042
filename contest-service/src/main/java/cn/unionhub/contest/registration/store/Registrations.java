package cn.unionhub.contest.registration.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.unionhub.contest.common.store.Bodies;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.Sequences;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Registrations. One live registration per competitor and event is held by a unique key
 * ({@code registration_keys}, id {@code <event>:<id hash>}) taken before the registration is written,
 * so two requests racing for the same competitor cannot both succeed.
 */
@Repository
public class Registrations {

    private static final String KEYS = "registration_keys";

    /** A registration as kept, with the competitor's own account (null when entered by others without one). */
    public record Kept(Registration registration, String account, List<Integer> lines) {
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final Bodies bodies;
    private final Sequences sequences;

    Registrations(MongoTemplate mongo, AggregateStore store, Bodies bodies, Sequences sequences) {
        this.mongo = mongo;
        this.store = store;
        this.bodies = bodies;
        this.sequences = sequences;
    }

    public String nextId(String eventId) {
        return eventId + "-R" + String.format("%05d", sequences.next("registration:" + eventId));
    }

    /** The competitor's registration for the event that holds the key, if any (live or not). */
    public Optional<Kept> holding(String eventId, String idHash) {
        Document key = mongo.findById(eventId + ":" + idHash, Document.class, KEYS);
        return key == null ? Optional.empty() : byId(key.getString("registration"));
    }

    /**
     * Writes a new registration after taking its competitor's key for the event; a key held by a
     * registration no longer live ({@code released}) is taken over.
     */
    public void insert(Registration.Changed submitted, String account, Optional<Kept> released) {
        Registration r = submitted.registration();
        String key = r.eventId() + ":" + r.competitor().idHash();
        try {
            if (released.isPresent()) {
                Query held = new Query(where("_id").is(key).and("registration").is(released.get().registration().id()));
                if (mongo.updateFirst(held, Update.update("registration", r.id()), KEYS).getModifiedCount() == 0) {
                    throw new ConflictException("already-registered", r.eventId());
                }
            } else {
                mongo.insert(new Document("_id", key).append("registration", r.id()), KEYS);
            }
        } catch (DuplicateKeyException taken) {
            throw new ConflictException("already-registered", r.eventId());
        }
        RegistrationDocument d = new RegistrationDocument();
        d.id = r.id();
        d.eventId = r.eventId();
        d.account = account;
        d.registration = bodies.write(r);
        store.insert(d, submitted.events());
    }

    public Optional<Kept> byId(String id) {
        return Optional.ofNullable(mongo.findById(id, RegistrationDocument.class)).map(this::toDomain);
    }

    /** Every registration of an event, by id: one key range (10,000 competitors read in one pass). */
    public List<Kept> ofEvent(String eventId) {
        Query range = new Query(where("_id").gte(eventId + "-R").lt(eventId + "-S")).with(Sort.by("_id"));
        range.fields().exclude("_outbox");
        return mongo.find(range, RegistrationDocument.class).stream().map(this::toDomain).toList();
    }

    public Optional<Kept> change(String id, Function<Registration, Registration.Changed> step) {
        return store.modify(RegistrationDocument.class, id, current -> {
            Registration.Changed changed = step.apply(bodies.read(current.registration, Registration.class));
            current.registration = bodies.write(changed.registration());
            return new AggregateStore.Change<>(current, changed.events());
        }).map(this::toDomain);
    }

    /** Notes that a ledger line is about this registration (idempotent; a concurrent decision retries on the new version). */
    public void noteLine(String id, int sequence) {
        mongo.updateFirst(new Query(where("_id").is(id)), new Update().addToSet("lines", sequence).inc("version", 1),
                RegistrationDocument.class);
    }

    private Kept toDomain(RegistrationDocument d) {
        return new Kept(bodies.read(d.registration, Registration.class), d.account, d.lines == null ? List.of() : d.lines);
    }
}
