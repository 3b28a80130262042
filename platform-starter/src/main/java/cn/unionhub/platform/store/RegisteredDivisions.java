package cn.unionhub.platform.store;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The administrative divisions of the register ({@code register_divisions}, one document per
 * code as {@code _id}), kept from member-card-service's division events, and their names in
 * memory: case routing and alert pushes name a division for every case or warning, and there are
 * a few thousand divisions at most. A service declares its store as a subclass bean that also
 * implements its domain's name lookup.
 *
 * <p>The memory is filled at start, updated by the events this instance applies, and read through
 * by key for a code it does not hold. Other instances apply the events of the partitions they own,
 * so an entry is read again by key once it is older than {@link #REFRESH}: a renamed division shows
 * everywhere within that time.
 */
public class RegisteredDivisions {

    static final String COLLECTION = "register_divisions";
    static final Duration REFRESH = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(RegisteredDivisions.class);

    /** A name as of a revision (0: the register has not named the code), and when it was read. */
    private record Known(String name, long revision, long readAt) {
    }

    private final MongoTemplate mongo;
    private final ConcurrentHashMap<String, Known> names = new ConcurrentHashMap<>();

    protected RegisteredDivisions(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Reads the whole (small) collection once, at start. */
    @EventListener(ApplicationReadyEvent.class)
    void fill() {
        try {
            long now = System.nanoTime();
            mongo.findAll(Document.class, COLLECTION).forEach(d -> remember(d.getString("_id"), known(d, now)));
            log.info("{} division names of the register in memory", names.size());
        } catch (RuntimeException e) {
            log.warn("Division names not loaded at start ({}); each is read when first needed", e.toString());
        }
    }

    /** The division's name, or {@code null} if the register has not named it (yet). */
    public String nameOf(String code) {
        if (code == null) {
            return null;
        }
        Known known = names.get(code);
        if (known == null || System.nanoTime() - known.readAt() > REFRESH.toNanos()) {
            long now = System.nanoTime();
            Document d = mongo.findById(code, Document.class, COLLECTION);
            known = remember(code, d == null ? new Known(null, 0, now) : known(d, now));
        }
        return known.name();
    }

    /**
     * The division's record at {@code revision}, if newer than the copy's; false if the copy
     * already holds that revision or a later one.
     */
    public boolean save(String code, String name, String level, String parent, String status, long revision) {
        boolean written = Revisions.upsertIfNewer(mongo, COLLECTION, code, revision,
                new Update().set("name", name).set("level", level).set("parent", parent).set("status", status));
        if (written) {
            remember(code, new Known(name, revision, System.nanoTime()));
        }
        return written;
    }

    /** Marks the division closed; its name stays, for the records that still carry it. */
    public boolean close(String code, long revision) {
        boolean written = Revisions.upsertIfNewer(mongo, COLLECTION, code, revision, new Update().set("status", "CLOSED"));
        if (written) {
            names.remove(code);
        }
        return written;
    }

    /** Keeps the entry of the highest revision: a slow read-through never replaces a newer name. */
    private Known remember(String code, Known candidate) {
        return names.merge(code, candidate, (held, fresh) -> fresh.revision() >= held.revision() ? fresh : held);
    }

    private static Known known(Document d, long readAt) {
        return new Known(d.getString("name"), d.get("revision") instanceof Number n ? n.longValue() : 0, readAt);
    }
}
