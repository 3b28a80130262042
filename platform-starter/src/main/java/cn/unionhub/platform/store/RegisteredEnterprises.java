package cn.unionhub.platform.store;

import cn.unionhub.platform.register.RegisteredEnterprise;
import java.util.Optional;
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

    private final MongoTemplate mongo;

    protected RegisteredEnterprises(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The enterprise's record, by key. */
    public Optional<RegisteredEnterprise> find(String uscc) {
        if (uscc == null) {
            return Optional.empty();
        }
        Document d = mongo.findById(uscc, Document.class, COLLECTION);
        return d == null ? Optional.empty() : Optional.of(new RegisteredEnterprise(d.getString("_id"), d.getString("name"),
                d.getString("district"), d.getString("industry"), d.getString("sizeBand"), d.getString("status")));
    }

    /** The whole record at {@code revision}; false if the copy already holds that revision or a later one. */
    public boolean save(RegisteredEnterprise enterprise, long revision) {
        return Revisions.upsertIfNewer(mongo, COLLECTION, enterprise.uscc(), revision, new Update()
                .set("name", enterprise.name())
                .set("district", enterprise.district())
                .set("industry", enterprise.industry())
                .set("sizeBand", enterprise.sizeBand())
                .set("status", enterprise.status()));
    }

    /** Marks the enterprise closed, keeping the rest of its record (or what little the event says, if it was never seen). */
    public boolean close(String uscc, String district, long revision) {
        return Revisions.upsertIfNewer(mongo, COLLECTION, uscc, revision,
                new Update().set("status", RegisteredEnterprise.CLOSED).set("district", district));
    }
}
