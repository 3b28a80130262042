package cn.unionhub.contest.registration.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.unionhub.contest.common.store.Bodies;
import cn.unionhub.contest.common.store.HeldKeys;
import cn.unionhub.contest.common.store.RecentlyRead;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.KeyRanges;
import cn.unionhub.platform.store.Sequences;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.bson.Document;
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
    private static final String ROSTER = "roster:";

    private final HeldKeys keys;

    /** A registration as kept, with the competitor's own account (null when entered by others without one). */
    public record Kept(Registration registration, String account, List<Integer> lines) {
    }

    /** An event's approved registrations as read when its roster stamp was {@code stamp}. */
    private record Roster(long stamp, long readAtNanos, List<Registration> approved) {
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final Bodies bodies;
    private final Sequences sequences;
    private final RecentlyRead<Roster> rosters;
    private final long recheckNanos;

    Registrations(MongoTemplate mongo, AggregateStore store, Bodies bodies, Sequences sequences,
            @Value("${unionhub.contests.kept-roster-registrations:50000}") long keptRegistrations,
            @Value("${unionhub.contests.roster-recheck:PT5M}") Duration recheck) {
        this.keys = new HeldKeys(mongo, KEYS, "registration");
        this.mongo = mongo;
        this.store = store;
        this.bodies = bodies;
        this.sequences = sequences;
        this.rosters = new RecentlyRead<>(keptRegistrations, r -> Math.max(1, r.approved().size()));
        this.recheckNanos = recheck.toNanos();
    }

    private static final String ACCOUNT_ENTRIES = "registration_accounts";
    /** A worker's entries kept in their list: far more than anyone enters. */
    private static final int ACCOUNT_KEPT = 200;

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
        if (account != null) {
            // Before the registration: a failed insert leaves an id that mine() passes over, never an entry its competitor
            // cannot find. The newest kept, as a worker's feedback items are.
            mongo.upsert(new Query(where("_id").is(account)),
                    new Update().push("registrations").slice(-ACCOUNT_KEPT).each(r.id()), ACCOUNT_ENTRIES);
        }
        RegistrationDocument d = new RegistrationDocument();
        d.id = r.id();
        d.eventId = r.eventId();
        d.account = account;
        d.registration = bodies.write(r);
        store.insert(d, submitted.events());
    }

    /**
     * The competitor's own entries, newest first: by the account's list of its registrations ({@code registration_accounts},
     * kept from 2026-12-04 on), read by key — a worker had no way to find an entry but by the id the first answer gave.
     */
    public List<Kept> ofAccount(String account) {
        Document listed = mongo.findById(account, Document.class, ACCOUNT_ENTRIES);
        List<String> ids = listed == null ? List.of() : listed.getList("registrations", String.class, List.of());
        if (ids.isEmpty()) {
            return List.of();
        }
        java.util.Map<String, Kept> found = new java.util.HashMap<>();
        mongo.find(new Query(where("_id").in(ids)), RegistrationDocument.class).forEach(d -> found.put(d.id, toDomain(d)));
        List<Kept> newestFirst = new java.util.ArrayList<>();
        for (int i = ids.size() - 1; i >= 0; i--) {
            Kept kept = found.get(ids.get(i));
            if (kept != null && account.equals(kept.account())) {
                newestFirst.add(kept);
            }
        }
        return newestFirst;
    }

    public Optional<Kept> byId(String id) {
        return Optional.ofNullable(mongo.findById(id, RegistrationDocument.class)).map(this::toDomain);
    }

    /** Every registration of an event, by id: one key range (10,000 competitors read in one pass). */
    public List<Kept> ofEvent(String eventId) {
        return KeyRanges.read(mongo, RegistrationDocument.class, "registrations", eventId + "-R", eventId + "-S", d -> d.id,
                q -> q.fields().exclude("_outbox")).stream().map(this::toDomain).toList();
    }

    /**
     * The approved registrations of an event, for its live ranking. Reading 10,000 registrations
     * takes longer than a ranking may, so the roster read last is kept in memory under the event's
     * roster stamp, a counter every decision on a registration advances after it is written; a
     * stamp that moved means the roster is read again. A process stopped between a decision and its
     * stamp would leave a kept roster behind by that decision, so a kept roster is also read again
     * after {@code unionhub.contests.roster-recheck}. Notices and results read the roster afresh.
     */
    public List<Registration> approved(String eventId) {
        long stamp = sequences.current(ROSTER + eventId);
        long now = System.nanoTime();
        Optional<Roster> kept = rosters.get(eventId).filter(r -> r.stamp() == stamp && now - r.readAtNanos() < recheckNanos);
        if (kept.isPresent()) {
            return kept.get().approved();
        }
        List<Registration> approved = ofEvent(eventId).stream().map(Kept::registration).filter(Registration::isApproved).toList();
        rosters.put(eventId, new Roster(stamp, now, approved));
        return approved;
    }

    public Optional<Kept> change(String id, Function<Registration, Registration.Changed> step) {
        Optional<Kept> changed = store.modify(RegistrationDocument.class, id, current -> {
            Registration.Changed next = step.apply(bodies.read(current.registration, Registration.class));
            current.registration = bodies.write(next.registration());
            return new AggregateStore.Change<>(current, next.events());
        }).map(this::toDomain);
        changed.ifPresent(k -> sequences.next(ROSTER + k.registration().eventId()));
        return changed;
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
