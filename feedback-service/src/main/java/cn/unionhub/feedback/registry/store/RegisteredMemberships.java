package cn.unionhub.feedback.registry.store;

import cn.unionhub.platform.store.Revisions;
import cn.unionhub.feedback.registry.domain.Membership;
import cn.unionhub.feedback.registry.domain.Memberships;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Memberships of workers who have a sign-in account, found by that account: {@code member_accounts}
 * ({@code _id} = account) holds the membership, {@code register_members} ({@code _id} = member id)
 * remembers which account each member was linked to and at which revision, so that a membership
 * moved to another account, or unlinked, leaves no stale entry behind. Every read and write is by
 * key: a few per member event, none per request beyond one.
 *
 * <p>Written in an order that a redelivery after a crash completes: the account entries first,
 * the member's revision last. An account entry is replaced by a newer revision of the same member,
 * or by another member's membership that the register recorded later (an account re-linked to a
 * new membership).
 */
@Repository
public class RegisteredMemberships implements Memberships {

    static final String MEMBERS = "register_members";
    static final String ACCOUNTS = "member_accounts";

    private final MongoTemplate mongo;

    RegisteredMemberships(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<Membership> ofAccount(String account) {
        if (account == null) {
            return Optional.empty();
        }
        Document d = mongo.findById(account, Document.class, ACCOUNTS);
        return d == null ? Optional.empty() : Optional.of(new Membership(d.getString("memberId"), d.getString("union"),
                d.getString("enterprise"), d.getString("district"), d.getString("workerGroup"), d.getString("status")));
    }

    /**
     * The membership at {@code revision}, linked to {@code account} (or to none); false if the copy
     * already holds a later revision of this member.
     */
    public boolean save(Membership membership, String account, long revision, Instant recordedAt) {
        Document member = mongo.findById(membership.memberId(), Document.class, MEMBERS);
        if (member != null && member.get("revision") instanceof Number held && held.longValue() > revision) {
            return false;
        }
        if (account != null) {
            link(account, membership, revision, recordedAt);
        }
        String before = member == null ? null : member.getString("account");
        if (before != null && !before.equals(account)) {
            mongo.remove(new Query(Criteria.where("_id").is(before).and("memberId").is(membership.memberId())), ACCOUNTS);
        }
        return Revisions.upsertIfNewer(mongo, MEMBERS, membership.memberId(), revision, new Update().set("account", account));
    }

    private void link(String account, Membership m, long revision, Instant recordedAt) {
        Query replaceable = new Query(Criteria.where("_id").is(account).orOperator(
                Criteria.where("memberId").is(m.memberId()).and("revision").lt(revision),
                Criteria.where("memberId").ne(m.memberId()).and("recordedAt").lt(Date.from(recordedAt))));
        Update update = new Update().set("memberId", m.memberId()).set("union", m.union()).set("enterprise", m.enterprise())
                .set("district", m.district()).set("workerGroup", m.workerGroup()).set("status", m.status())
                .set("revision", revision).set("recordedAt", Date.from(recordedAt));
        try {
            mongo.upsert(replaceable, update, ACCOUNTS);
        } catch (DuplicateKeyException held) {
            // the account holds this revision or a later one, or a later membership
            mongo.updateFirst(replaceable, update, ACCOUNTS);
        }
    }
}
