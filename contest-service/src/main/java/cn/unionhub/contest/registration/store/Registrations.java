package cn.unionhub.contest.registration.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.unionhub.contest.common.store.Bodies;
import cn.unionhub.contest.common.store.HeldKeys;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.Sequences;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
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

    private final HeldKeys keys;

    /** A registration as kept, with the competitor's own account (null when entered by others without one). */
    public record Kept(Registration registration, String account, List<Integer> lines) {
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final Bodies bodies;
    private final Sequences sequences;

    Registrations(MongoTemplate mongo, AggregateStore store, Bodies bodies, Sequences sequences) {
        this.keys = new HeldKeys(mongo, KEYS, "registration");
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
        return keys.holder(eventId + ":" + idHash).flatMap(this::byId);
    }

    /**
     * Writes a new registration after taking its competitor's key for the event; a key held by a
     * registration no longer live ({@code released}) is taken over.
     */
    public void insert(Registration.Changed submitted, String account, Optional<Kept> released) {
        Registration r = submitted.registration();
        if (!keys.take(r.eventId() + ":" + r.competitor().idHash(), r.id(), released.map(k -> k.registration().id()))) {
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
