package cn.unionhub.station.activity.store;

import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.KeyRanges;
import cn.unionhub.station.activity.domain.Activity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Activities in MongoDB. Every change is written under optimistic locking, so no two writes — on
 * any number of instances — can both take the last place. When hundreds tap at once, the taps on
 * one instance take turns per activity (a lock stripe) instead of all retrying against each other.
 */
@Repository
public class Activities {

    private static final int STRIPES = 64;
    static final String SIGNUPS = "activity_signups";

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final Lock[] stripes = new Lock[STRIPES];

    private final cn.unionhub.platform.store.RequestKeys publicationKeys;

    Activities(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
        this.publicationKeys = new cn.unionhub.platform.store.RequestKeys(mongo, "activity_publication_keys");
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock(true);
        }
    }

    /** {@code Idempotency-Key}s of publications, each with the id of the activity it published. */
    public cn.unionhub.platform.store.RequestKeys publicationKeys() {
        return publicationKeys;
    }

    public void insert(Activity.Changed published) {
        store.insert(toDocument(published.activity()), published.events());
    }

    public Optional<Activity> byId(String id) {
        return Optional.ofNullable(mongo.findById(id, ActivityDocument.class)).map(Activities::toDomain);
    }

    /** A station's activities that have not ended, soonest first. */
    public List<Activity> upcoming(String station, Instant now, int limit) {
        return mongo.find(new Query(Criteria.where("station").is(station).and("endsAt").gt(now)).with(Sort.by("startsAt"))
                .limit(limit), ActivityDocument.class).stream().map(Activities::toDomain).toList();
    }

    /**
     * Notes that someone signed up for an activity ({@code activity_signups}, keyed {@code <pseudonym>:<activity>}),
     * before the sign-up is written: their list is then a key range. A note whose sign-up never happened (a stop
     * in between) or was given up is left, and {@link #signedUp} reads each activity to see.
     */
    public void noteSignUp(String who, String activityId) {
        mongo.getCollection(SIGNUPS).updateOne(new org.bson.Document("_id", who + ":" + activityId),
                new org.bson.Document("$setOnInsert", new org.bson.Document("activity", activityId)),
                new com.mongodb.client.model.UpdateOptions().upsert(true));
    }

    /** The activities someone has signed up for and still holds a place or a place in the queue at, soonest first. */
    public List<Activity> signedUp(String who) {
        List<org.bson.Document> notes = KeyRanges.read(mongo, org.bson.Document.class, SIGNUPS, who + ":", who + ";",
                d -> d.getString("_id"), null);
        if (notes.isEmpty()) {
            return List.of();
        }
        return mongo.find(new Query(Criteria.where("_id").in(notes.stream().map(d -> d.getString("activity")).toList())),
                        ActivityDocument.class).stream().map(Activities::toDomain)
                .filter(a -> a.outcomeOf(who).isPresent()).sorted(java.util.Comparator.comparing(Activity::startsAt)).toList();
    }

    /** Applies a step and returns what it decided; empty if there is no such activity. */
    public Optional<Activity.Changed> change(String id, Function<Activity, Activity.Changed> step) {
        Lock lock = stripes[Math.floorMod(id.hashCode(), STRIPES)];
        lock.lock();
        try {
            AtomicReference<Activity.Changed> decided = new AtomicReference<>();
            return store.modify(ActivityDocument.class, id, current -> {
                Activity.Changed changed = step.apply(toDomain(current));
                decided.set(changed);
                ActivityDocument updated = toDocument(changed.activity());
                updated.version = current.version;
                return new AggregateStore.Change<>(updated, changed.events());
            }).map(written -> decided.get());
        } finally {
            lock.unlock();
        }
    }

    private static ActivityDocument toDocument(Activity a) {
        ActivityDocument d = new ActivityDocument();
        d.id = a.id();
        d.station = a.station();
        d.district = a.district();
        d.title = a.title();
        d.description = a.description();
        d.startsAt = a.startsAt();
        d.endsAt = a.endsAt();
        d.capacity = a.capacity();
        d.confirmed = a.confirmed();
        d.waiting = a.waiting();
        d.cancelled = a.cancelled();
        if (a.cancelled()) {
            d.cancelReason = a.cancellation().reason();
            d.cancelledBy = a.cancellation().by();
            d.cancelledAt = a.cancellation().at();
        }
        d.publishedBy = a.publishedBy();
        d.publishedAt = a.publishedAt();
        return d;
    }

    private static Activity toDomain(ActivityDocument d) {
        return new Activity(d.id, d.station, d.district, d.title, d.description, d.startsAt, d.endsAt, d.capacity,
                d.confirmed == null ? List.of() : d.confirmed, d.waiting == null ? List.of() : d.waiting,
                d.cancelled ? new Activity.Cancellation(d.cancelReason, d.cancelledBy, d.cancelledAt) : null, d.publishedBy, d.publishedAt);
    }
}
