package cn.unionhub.contest.contest.store;

import cn.unionhub.contest.common.store.Bodies;
import cn.unionhub.contest.contest.domain.Contest;
import cn.unionhub.events.DomainEvent;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.RequestKeys;
import cn.unionhub.platform.store.Sequences;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** Contests by id (one document each, with their events and notice period). */
@Repository
public class Contests {

    private static final Logger log = LoggerFactory.getLogger(Contests.class);

    /** A contest as kept: the domain record and the working days its results are noticed for. */
    public record Kept(Contest contest, int noticeWorkingDays) {

        public Kept with(Contest changed) {
            return new Kept(changed, noticeWorkingDays);
        }
    }

    /** A kept contest changed, with the events the change caused. */
    public record Change(Kept kept, List<DomainEvent> events) {
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final Bodies bodies;
    private final Sequences sequences;
    private final RequestKeys planKeys;

    Contests(MongoTemplate mongo, AggregateStore store, Bodies bodies, Sequences sequences) {
        this.mongo = mongo;
        this.store = store;
        this.bodies = bodies;
        this.sequences = sequences;
        this.planKeys = new RequestKeys(mongo, "contest_plan_keys");
    }

    /** The keys of plans asked with an {@code Idempotency-Key}: a retried plan finds its contest. */
    public RequestKeys planKeys() {
        return planKeys;
    }

    /** CX130102-2025-001: tier letter, region, year and a counter of the region's contests that year. */
    public String nextId(String tierLetter, String region, int year) {
        return "C" + tierLetter + region + "-" + year + "-" + String.format("%03d", sequences.next("contest:" + region + ":" + year));
    }

    public void insert(Kept kept) {
        store.insert(toDocument(kept), List.of());
    }

    public Optional<Kept> byId(String id) {
        return Optional.ofNullable(mongo.findById(id, ContestDocument.class)).map(this::toDomain);
    }

    /**
     * The published contests of a year held in any of the divisions, by id (tier, region, number), at most
     * {@code limit}: a few hundred a year in a province, read by the fields kept beside the body for it.
     */
    public List<Kept> published(List<String> regions, int year, int limit) {
        Query query = Query.query(Criteria.where("status").is(Contest.Status.PUBLISHED.name())
                .and("year").is(year).and("region").in(regions))
                .with(Sort.by("_id")).limit(limit);
        return mongo.find(query, ContestDocument.class).stream().map(this::toDomain).toList();
    }

    /**
     * Contests stored before the list's fields were kept beside the body get them at start, so the list shows them
     * without waiting for their next change: one look for documents without the field (none after the first start).
     */
    @EventListener(ApplicationReadyEvent.class)
    void keepListFields() {
        List<ContestDocument> older = mongo.find(Query.query(Criteria.where("status").exists(false)), ContestDocument.class);
        for (ContestDocument d : older) {
            Contest c = toDomain(d).contest();
            mongo.updateFirst(Query.query(Criteria.where("_id").is(d.id).and("status").exists(false)),
                    new Update().set("status", c.status().name()).set("year", c.year()).set("region", c.region().code()),
                    ContestDocument.class);
        }
        if (!older.isEmpty()) {
            log.info("{} contests stored before the list's fields now carry them", older.size());
        }
    }

    /** Applies a step to a contest (retried on a concurrent change); empty if there is no such contest. */
    public Optional<Kept> change(String id, java.util.function.Function<Kept, Change> step) {
        return store.modify(ContestDocument.class, id, current -> {
            Change changed = step.apply(toDomain(current));
            ContestDocument updated = toDocument(changed.kept());
            updated.version = current.version;
            return new AggregateStore.Change<>(updated, changed.events());
        }).map(this::toDomain);
    }

    public Optional<Kept> update(String id, UnaryOperator<Kept> step) {
        return change(id, k -> new Change(step.apply(k), List.of()));
    }

    private ContestDocument toDocument(Kept kept) {
        ContestDocument d = new ContestDocument();
        d.id = kept.contest().id();
        d.contest = bodies.write(kept.contest());
        d.noticeWorkingDays = kept.noticeWorkingDays();
        d.status = kept.contest().status().name();
        d.year = kept.contest().year();
        d.region = kept.contest().region().code();
        return d;
    }

    private Kept toDomain(ContestDocument d) {
        return new Kept(bodies.read(d.contest, Contest.class), d.noticeWorkingDays);
    }
}
