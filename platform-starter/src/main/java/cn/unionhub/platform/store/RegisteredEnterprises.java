package cn.unionhub.platform.store;

import cn.unionhub.platform.register.RegisteredEnterprise;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The enterprises of the register ({@code register_enterprises}, one document per USCC as
 * {@code _id}), kept from member-card-service's organisation events. Read and written by key only.
 * A service declares its store as a subclass bean that also implements its domain's lookup.
 */
public class RegisteredEnterprises {

    static final String COLLECTION = "register_enterprises";
    /**
     * How long a record read stays in memory. Complaints come in bursts about one enterprise (a
     * collective dispute: thousands within minutes), and each looked the same record up again. A
     * change this process applies to its copy replaces the record at once; a change applied by
     * another replica sharing the copy is seen here within this time, which the register's own
     * delivery delay already is of the same order as.
     */
    static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(30);
    /**
     * About this many records in memory; when full, records older than {@link #FRESH_NANOS} go, then
     * the rest of the records (a random sweep of USCCs cannot grow it). Write marks stay while fresh:
     * dropping one would let a read from before that write put the older record back.
     */
    static final int REMEMBERED = 10_000;

    private final MongoTemplate mongo;
    private final int capacity;
    private final Map<String, Remembered> recent = new ConcurrentHashMap<>();

    /**
     * A record as read at {@code readAt}, or (record null) the time this process last wrote it: a
     * read that began before that write may have seen the older record and is not kept.
     */
    private record Remembered(Optional<RegisteredEnterprise> record, long readAt) {
    }

    protected RegisteredEnterprises(MongoTemplate mongo) {
        this(mongo, REMEMBERED);
    }

    /** With room for about {@code capacity} records (tests fill a small one). */
    protected RegisteredEnterprises(MongoTemplate mongo, int capacity) {
        this.mongo = mongo;
        this.capacity = capacity;
    }

    /** The enterprise's record, by key; a record read within the last 30 seconds is answered from memory. */
    public Optional<RegisteredEnterprise> find(String uscc) {
        if (uscc == null) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        Remembered remembered = recent.get(uscc);
        if (remembered != null && remembered.record() != null && now - remembered.readAt() < FRESH_NANOS) {
            return remembered.record();
        }
        Document d = mongo.findById(uscc, Document.class, COLLECTION);
        Optional<RegisteredEnterprise> record = d == null ? Optional.empty() : Optional.of(new RegisteredEnterprise(
                d.getString("_id"), d.getString("name"), d.getString("district"), d.getString("industry"),
                d.getString("sizeBand"), d.getString("status")));
        if (recent.size() >= capacity) {
            recent.values().removeIf(r -> now - r.readAt() >= FRESH_NANOS);
            if (recent.size() >= capacity) {
                recent.values().removeIf(r -> r.record() != null);
            }
        }
        // Kept unless something later is there: a newer read, or a write here after this read began.
        recent.merge(uscc, new Remembered(record, now), (earlier, read) -> earlier.readAt() - read.readAt() < 0 ? read : earlier);
        return record;
    }

    /** The whole record at {@code revision}; false if the copy already holds that revision or a later one. */
    public boolean save(RegisteredEnterprise enterprise, long revision) {
        return forget(enterprise.uscc(), Revisions.upsertIfNewer(mongo, COLLECTION, enterprise.uscc(), revision, new Update()
                .set("name", enterprise.name())
                .set("district", enterprise.district())
                .set("industry", enterprise.industry())
                .set("sizeBand", enterprise.sizeBand())
                .set("status", enterprise.status())));
    }

    /** Marks the enterprise closed, keeping the rest of its record (or what little the event says, if it was never seen). */
    public boolean close(String uscc, String district, long revision) {
        return forget(uscc, Revisions.upsertIfNewer(mongo, COLLECTION, uscc, revision,
                new Update().set("status", RegisteredEnterprise.CLOSED).set("district", district)));
    }

    /** After a write: the next find reads the record again, and a read from before the write is not kept. */
    private boolean forget(String uscc, boolean written) {
        recent.put(uscc, new Remembered(null, System.nanoTime()));
        return written;
    }
}
