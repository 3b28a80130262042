package cn.unionhub.cases.registry.store;

import cn.unionhub.cases.casework.domain.EnterpriseUnions;
import cn.unionhub.platform.register.RegisteredEnterprise;
import cn.unionhub.platform.store.Revisions;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The register's enterprise unions (基层工会) as case-service keeps them: one document per enterprise
 * ({@code register_unions}, its USCC as {@code _id}) with the union's id and status, from member-card-service's
 * organisation events. Read by key only: routing asks once per case that a rule would send to the enterprise's union.
 */
@Repository
public class RegisteredUnions implements EnterpriseUnions {

    static final String COLLECTION = "register_unions";

    private final MongoTemplate mongo;
    private final RegisteredEnterprises enterprises;

    RegisteredUnions(MongoTemplate mongo, RegisteredEnterprises enterprises) {
        this.mongo = mongo;
        this.enterprises = enterprises;
    }

    /** The enterprise's union at {@code revision}; false if the copy already holds that revision or a later one. */
    public boolean save(String uscc, String unionId, String status, long revision) {
        return Revisions.upsertIfNewer(mongo, COLLECTION, uscc, revision, new Update().set("union", unionId).set("status", status));
    }

    @Override
    public boolean withoutKnownUnion(String uscc) {
        if (!registered(uscc)) {
            return true;
        }
        Document union = mongo.findById(uscc, Document.class, COLLECTION);
        return union == null || RegisteredEnterprise.CLOSED.equals(union.getString("status"));
    }

    @Override
    public boolean registered(String uscc) {
        return enterprises.find(uscc).filter(e -> !e.closed() && e.name() != null).isPresent();
    }
}
