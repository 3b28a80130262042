package cn.unionhub.cases.proposals.store;

import cn.unionhub.platform.store.Filters;
import cn.unionhub.cases.proposals.domain.Activity;
import cn.unionhub.cases.proposals.domain.Proposal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Proposals and representatives' activities in MongoDB. Proposals publish no events, so a plain
 * versioned save is enough; a concurrent change is retried from the fresh state.
 */
@Repository
public class Proposals {

    private static final int ATTEMPTS = 5;

    @Document("proposals")
    static class ProposalDocument {
        @Id
        String id;
        @Version
        Long version;
        @Indexed(unique = true)
        String number;
        @Indexed
        String representative;
        @Indexed
        String district;
        String status;
        Instant submittedAt;
        Proposal proposal;
    }

    @Document("representative_activities")
    static class ActivityDocument {
        @Id
        String id;
        @Indexed
        String representative;
        String kind;
        LocalDate day;
        String note;
    }

    private final MongoTemplate mongo;

    Proposals(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void insert(Proposal proposal) {
        mongo.insert(document(proposal, null));
    }

    public Optional<Proposal> byNumber(String number) {
        return Optional.ofNullable(mongo.findOne(new Query(Criteria.where("number").is(number)), ProposalDocument.class))
                .map(d -> d.proposal);
    }

    public Optional<Proposal> change(String number, UnaryOperator<Proposal> change) {
        for (int attempt = 1; ; attempt++) {
            ProposalDocument current = mongo.findOne(new Query(Criteria.where("number").is(number)), ProposalDocument.class);
            if (current == null) {
                return Optional.empty();
            }
            Proposal next = change.apply(current.proposal);
            try {
                mongo.save(document(next, current.version));
                return Optional.of(next);
            } catch (OptimisticLockingFailureException concurrent) {
                if (attempt == ATTEMPTS) {
                    throw concurrent;
                }
            }
        }
    }

    /** A district's proposals (null: all), newest first. */
    public List<Proposal> page(String district, String representative, Proposal.Status status, int page, int size) {
        Criteria criteria = Filters.equal("district", district, "representative", representative, "status", status);
        return mongo.find(Filters.newestFirst(criteria, "submittedAt", page, size), ProposalDocument.class).stream()
                .map(d -> d.proposal).toList();
    }

    /** A representative's proposals submitted in [from, before). */
    public List<Proposal> ofRepresentative(String representative, Instant from, Instant before) {
        return mongo.find(new Query(Criteria.where("representative").is(representative).and("submittedAt").gte(from).lt(before)),
                ProposalDocument.class).stream().map(d -> d.proposal).toList();
    }

    public void record(Activity activity) {
        ActivityDocument d = new ActivityDocument();
        d.id = activity.id();
        d.representative = activity.representative();
        d.kind = activity.kind().name();
        d.day = activity.day();
        d.note = activity.note();
        mongo.insert(d);
    }

    public List<Activity> activities(String representative, LocalDate from, LocalDate to) {
        return mongo.find(new Query(Criteria.where("representative").is(representative).and("day").gte(from).lte(to)),
                ActivityDocument.class).stream()
                .map(d -> new Activity(d.id, d.representative, Activity.Kind.valueOf(d.kind), d.day, d.note)).toList();
    }

    private static ProposalDocument document(Proposal p, Long version) {
        ProposalDocument d = new ProposalDocument();
        d.id = p.id();
        d.version = version;
        d.number = p.number();
        d.representative = p.representative();
        d.district = p.district();
        d.status = p.status().name();
        d.submittedAt = p.submittedAt();
        d.proposal = p;
        return d;
    }
}
