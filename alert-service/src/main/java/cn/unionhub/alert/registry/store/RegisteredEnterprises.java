package cn.unionhub.alert.registry.store;

import cn.unionhub.platform.store.Revisions;
import cn.unionhub.alert.registry.domain.EnterpriseRegister;
import cn.unionhub.alert.registry.domain.RegisteredEnterprise;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The enterprises of the register ({@code register_enterprises}, one document per USCC as
 * {@code _id}), kept from member-card-service's organisation events. Read and written by key only:
 * one read per assessment.
 */
@Repository
public class RegisteredEnterprises implements EnterpriseRegister {

    static final String COLLECTION = "register_enterprises";

    private final MongoTemplate mongo;

    RegisteredEnterprises(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
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
                new Update().set("status", "CLOSED").set("district", district));
    }
}
