package cn.unionhub.membercard.member.store;

import cn.unionhub.membercard.member.domain.Member;
import cn.unionhub.membercard.member.domain.MemberRuleException;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.Filters;
import cn.unionhub.platform.store.UniqueInserts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Members in MongoDB. Uniqueness without transactions: a member's identity-number hash and linked
 * account are keys in {@code member_keys} ({@code id:<hash>}, {@code account:<account>}), each
 * inserted <em>before</em> the member and naming its id. A second enrolment of the same person
 * meets the key and finds the first member; a crash between the key and the member leaves a key
 * whose member is missing, and the next enrolment of that person completes it with the same id.
 */
@Repository
public class Members {

    static final String COLLECTION = "members";
    private static final String KEYS = "member_keys";

    private final MongoTemplate mongo;
    private final AggregateStore store;

    Members(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    /** The outcome of enrolling one person: the member now on file, and whether this enrolment made it. */
    public record Enrolled(Member member, boolean created) {
    }

    public Optional<Member> find(String id) {
        return Optional.ofNullable(mongo.findById(id, MemberDocument.class)).map(MemberDocument::toDomain);
    }

    /** The members of these ids that exist: one {@code _id $in} read. */
    public List<Member> findAll(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongo.find(new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").in(ids)), MemberDocument.class)
                .stream().map(MemberDocument::toDomain).toList();
    }

    public Optional<Member> byIdHash(String idHash) {
        return keyed("id:" + idHash).flatMap(this::find);
    }

    public Optional<Member> byAccount(String account) {
        return keyed("account:" + account).flatMap(this::find).filter(m -> account.equals(m.account()));
    }

    /** Enrols one person, or finds them if their identity number is on file already. */
    public Enrolled enrol(Member.Change enrolment) {
        Member member = enrolment.member();
        if (member.account() != null) {
            claimAccount(member.account(), member.id());
        }
        String id = member.id();
        try {
            mongo.insert(new Document("_id", "id:" + member.idHash()).append("member", id), KEYS);
        } catch (DuplicateKeyException known) {
            String existing = keyed("id:" + member.idHash()).orElseThrow();
            Optional<Member> first = find(existing);
            if (first.isPresent()) {
                if (member.account() != null) {
                    mongo.remove(new Query(Criteria.where("_id").is("account:" + member.account()).and("member").is(id)), KEYS);
                }
                return new Enrolled(first.get(), false);
            }
            // A crash left the key without its member: finish that enrolment under the key's id.
            enrolment = withId(enrolment, existing);
            member = enrolment.member();
            if (member.account() != null) {
                claimAccount(member.account(), existing);
            }
        }
        try {
            store.insert(MemberDocument.of(member), enrolment.events());
        } catch (DuplicateKeyException raced) {
            return new Enrolled(find(member.id()).orElseThrow(), false);
        }
        return new Enrolled(member, true);
    }

    /**
     * Enrols many people at once (a drive, a file): one insert of their identity keys, one insert of
     * the members. Returns the ids of the people already on file, who are not enrolled again.
     * Members with an account go through {@link #enrol} one by one; this path is for the rest.
     */
    public Set<String> enrolAll(List<Member.Change> enrolments) {
        if (enrolments.isEmpty()) {
            return Set.of();
        }
        List<Document> keys = enrolments.stream().map(e -> new Document("_id", "id:" + e.member().idHash())
                .append("member", e.member().id())).toList();
        Set<Integer> taken = UniqueInserts.insertUnlessTaken(mongo.getCollection(KEYS), keys);
        List<MemberDocument> fresh = new ArrayList<>();
        List<List<? extends cn.unionhub.events.DomainEvent>> events = new ArrayList<>();
        Set<String> duplicates = new HashSet<>();
        for (int i = 0; i < enrolments.size(); i++) {
            if (taken.contains(i)) {
                duplicates.add(enrolments.get(i).member().idHash());
            } else {
                fresh.add(MemberDocument.of(enrolments.get(i).member()));
                events.add(enrolments.get(i).events());
            }
        }
        store.insertAll(fresh, events);
        // A key taken by a crashed earlier enrolment whose member is missing: complete it one by one.
        for (int i : taken) {
            Member.Change e = enrolments.get(i);
            String existing = keyed("id:" + e.member().idHash()).orElse(null);
            if (existing != null && find(existing).isEmpty()) {
                enrol(withId(e, existing));
                duplicates.remove(e.member().idHash());
            }
        }
        return duplicates;
    }

    /** Saves a change of a member loaded at {@code revision - 1}; links a new account's key first. */
    public Member save(Member.Change change, String previousAccount) {
        Member next = change.member();
        if (next.account() != null && !next.account().equals(previousAccount)) {
            claimAccount(next.account(), next.id());
        }
        MemberDocument document = MemberDocument.of(next);
        document.version = next.revision() - 2;
        return store.update(document, change.events()).toDomain();
    }

    /** A page of a union's members, by id. A scan on the embedded store; real MongoDB uses the index. */
    public List<Member> ofUnion(String union, int page, int size) {
        return mongo.find(Filters.page(new Query(Criteria.where("union").is(union)).with(Sort.by("_id")), page, size),
                MemberDocument.class).stream().map(MemberDocument::toDomain).toList();
    }

    private void claimAccount(String account, String memberId) {
        try {
            mongo.insert(new Document("_id", "account:" + account).append("member", memberId), KEYS);
        } catch (DuplicateKeyException taken) {
            String holder = keyed("account:" + account).orElse(null);
            if (!memberId.equals(holder) && holder != null && find(holder).filter(m -> account.equals(m.account())).isPresent()) {
                throw new MemberRuleException("account-linked-elsewhere", account);
            }
            // Left by a crashed or refused link: take it over.
            mongo.save(new Document("_id", "account:" + account).append("member", memberId), KEYS);
        }
    }

    private Optional<String> keyed(String key) {
        return Optional.ofNullable(mongo.findById(key, Document.class, KEYS)).map(d -> d.getString("member"));
    }

    private static Member.Change withId(Member.Change e, String id) {
        Member m = e.member();
        return Member.enrol(id, m.name(), m.idHash(), m.idMasked(), m.mobile(), m.workerGroup(),
                new Member.Placement(m.union(), m.enterprise(), m.district()), m.account(), m.history().get(0).from());
    }
}
