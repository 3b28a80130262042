package cn.unionhub.contest.registry.store;

import cn.unionhub.contest.registry.domain.Register;
import cn.unionhub.contest.registry.domain.RegisteredMember;
import cn.unionhub.platform.store.Revisions;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The members of the register by identity hash ({@code register_members}, {@code _id} = the hash):
 * an entry's check is one key lookup. A member's identity number, hence its hash, never changes, so
 * the hash keys the member's record; the register's revision keeps an older event from taking the
 * record back.
 */
@Repository
public class RegisteredMembers implements Register {

    static final String COLLECTION = "register_members";

    private final MongoTemplate mongo;

    RegisteredMembers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<RegisteredMember> member(String idHash) {
        Document d = idHash == null ? null : mongo.findById(idHash, Document.class, COLLECTION);
        return d == null ? Optional.empty() : Optional.of(new RegisteredMember(d.getString("memberId"), d.getString("enterprise"),
                "ACTIVE".equals(d.getString("status")), d.getString("account"), d.getString("district")));
    }

    /** The member at {@code revision}; false if the copy holds this revision or a later one. */
    public boolean save(String idHash, String memberId, String enterprise, String district, String status, String account, long revision) {
        return Revisions.upsertIfNewer(mongo, COLLECTION, idHash, revision, new Update().set("memberId", memberId)
                .set("enterprise", enterprise).set("district", district).set("status", status).set("account", account));
    }
}
