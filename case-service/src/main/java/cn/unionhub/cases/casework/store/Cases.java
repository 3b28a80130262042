package cn.unionhub.cases.casework.store;

import cn.unionhub.platform.store.DueTimers;
import cn.unionhub.platform.store.Filters;
import cn.unionhub.platform.store.ReleaseQueue;
import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.casework.domain.CaseRules;
import cn.unionhub.cases.casework.queue.QueueLog;
import cn.unionhub.platform.domain.AnonymousRelease;
import cn.unionhub.platform.events.AggregateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Cases in MongoDB. Every write carries its events in the same document write (outbox), and every
 * change is applied to the freshly loaded case under optimistic locking, so two instances acting
 * on one case at once both see the other's result: what was announced is never announced again.
 */
@Repository
public class Cases {

    /**
     * A filter for queues, ledgers and reports; null fields match anything.
     *
     * @param district     a district's code, or a city's or province's: the cases of every district in it
     * @param organisation the handling organisation's id: its work queue
     * @param releasedBy   for the enterprise side: only cases it sees by then (an anonymous worker's from its
     *                     release on), in the order it first saw them; null for everyone else
     */
    public record Filter(String enterprise, String district, List<Case.Status> statuses, Case.Source source,
            String category, Instant openedFrom, Instant openedBefore, Instant closedFrom, Instant closedBefore,
            String organisation, Instant releasedBy) {
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final CaseRules rules;
    /** When each open case next needs the deadline watcher: found by key, not by searching all cases. */
    private final DueTimers checks;

    /**
     * When each anonymous worker's case (or a step of it the worker timed) is released to its enterprise's union,
     * to tell that union's queue: a whole window's cases wait for one instant, so not {@link DueTimers}.
     */
    private final ReleaseQueue releases;
    private final AnonymousRelease release;
    private final Clock clock;

    private final QueueLog queues;

    public Cases(MongoTemplate mongo, AggregateStore store, CaseRules rules, Clock clock, QueueLog queues, AnonymousRelease release) {
        this.mongo = mongo;
        this.queues = queues;
        this.store = store;
        this.rules = rules;
        this.release = release;
        this.clock = clock;
        this.checks = new DueTimers(mongo, "case-deadlines", Duration.ofSeconds(10), Duration.ofMinutes(2), clock);
        this.releases = new ReleaseQueue(mongo, "case_releases");
    }

    public boolean exists(String id) {
        return Filters.exists(mongo, new Query(Criteria.where("_id").is(id)), mongo.getCollectionName(CaseDocument.class));
    }

    /** Raises DuplicateKeyException for an id or case number that exists. */
    public void insert(Case.Changed opened) {
        insert(opened, null);
    }

    /** As {@link #insert(Case.Changed)}, keeping the hash of the follow-up code its caller was given. */
    public void insert(Case.Changed opened, String followUpHash) {
        CaseDocument document = toDocument(opened.changed());
        document.followUpHash = followUpHash;
        if (document.nextCheckAt != null) {
            checks.schedule(document.id, document.nextCheckAt);
        }
        if (!document.enterpriseSeesAt.equals(document.openedAt)) {
            releases.add(document.id, document.enterpriseSeesAt, null);
        }
        store.insert(document, opened.events());
        queues.changed(null, opened.changed(), clock.instant());
    }

    /**
     * {@link #insert(Case.Changed)} for many new cases (a poll's intake): their timers, pointers and
     * documents in three commands. A case whose id or case number is taken is not inserted.
     *
     * @return the ids of the cases inserted
     */
    public Set<String> insertAll(List<Case.Changed> opened) {
        List<CaseDocument> documents = opened.stream().map(o -> toDocument(o.changed())).toList();
        checks.scheduleAll(documents.stream().filter(d -> d.nextCheckAt != null)
                .map(d -> new DueTimers.Due(d.id, d.nextCheckAt)).toList());
        releases.addAll(documents.stream().filter(d -> !d.enterpriseSeesAt.equals(d.openedAt))
                .map(d -> new ReleaseQueue.Due(d.id, d.enterpriseSeesAt, null)).toList());
        Set<String> inserted = new HashSet<>();
        store.insertAll(documents, opened.stream().map(Case.Changed::events).toList()).forEach(id -> inserted.add((String) id));
        opened.stream().filter(o -> inserted.contains(o.changed().id())).forEach(o -> queues.changed(null, o.changed(), clock.instant()));
        return inserted;
    }

    /** Which of these ids are cases: one command, by key. */
    public Set<String> existing(Collection<String> ids) {
        Query query = new Query(Criteria.where("_id").in(ids));
        query.fields().include("_id");
        Set<String> found = new HashSet<>();
        mongo.find(query, Document.class, mongo.getCollectionName(CaseDocument.class)).forEach(d -> found.add(d.getString("_id")));
        return found;
    }

    /**
     * Applies a change to a case (retried on a concurrent change); {@code applied} sees the events
     * change of the attempt that was written. Empty if there is no such case.
     */
    public Optional<Case> change(String id, Function<Case, Case.Changed> change, Consumer<Case.Changed> applied) {
        AtomicReference<Case.Changed> written = new AtomicReference<>();
        AtomicReference<String> organisationBefore = new AtomicReference<>();
        Optional<Case> result = store.modify(CaseDocument.class, id, current -> {
            Case before = toDomain(current);
            organisationBefore.set(before.handledBy().id());
            Case.Changed changed = change.apply(before);
            CaseDocument updated = toDocument(changed.changed());
            updated.version = current.version;
            updated.followUpHash = current.followUpHash; // not part of the domain: carried over, never lost
            if (updated.nextCheckAt != null && !updated.nextCheckAt.equals(current.nextCheckAt)) {
                checks.schedule(updated.id, updated.nextCheckAt); // before the write: never a due case without a timer
            }
            Instant now = clock.instant();
            Instant held = queues.heldWorkerStep(changed.changed(), now);
            if (held != null) {
                releases.add(updated.id, held, null); // a worker's step its enterprise union hears of at the next release
            }
            Instant rated = queues.heldRating(changed.changed(), now);
            if (rated != null) {
                // Until then it sees the case as it was before the rating (before the first, if one is held already).
                Case.Shown shown = current.shownToEnterprise;
                updated.shownToEnterprise = shown != null && shown.shownAt(now) ? shown.until(rated) : Case.Shown.before(before, rated);
            }
            written.set(changed);
            return new AggregateStore.Change<>(updated, changed.events());
        }).map(Cases::toDomain);
        result.ifPresent(c -> {
            applied.accept(written.get());
            queues.changed(organisationBefore.get(), c, clock.instant());
        });
        return result;
    }

    /** When the enterprise's own union first sees {@code c}: at its opening, or an anonymous worker's case at its release. */
    public Instant enterpriseSeesAt(Case c) {
        return c.enterpriseSeesAt(release);
    }

    /**
     * One page, newest first. The enterprise side's pages are in the order it first saw the cases, ties (a
     * release of anonymous workers' cases) by id, which is random: the order inside a release says nothing.
     */
    public List<Case> page(Filter filter, int page, int size) {
        Query query = filter.releasedBy() == null ? Filters.newestFirst(criteria(filter), "openedAt", page, size)
                : Filters.inTheOrderTheEnterpriseSideSawThem(criteria(filter), page, size);
        return mongo.find(query, CaseDocument.class).stream().map(d -> asSeen(d, filter.releasedBy())).toList();
    }

    /**
     * {@code c} as the enterprise side sees it at {@code now}: as it was before a worker's step still held for the
     * next release ({@link Case.Shown}), else as it is. One read by key, for an anonymous worker's case only.
     */
    public Case seenByEnterpriseSide(Case c, Instant now) {
        if (!c.matter().isAnonymous()) {
            return c;
        }
        Query query = new Query(Criteria.where("_id").is(c.id()));
        query.fields().include("shownToEnterprise");
        CaseDocument shown = mongo.findOne(query, CaseDocument.class);
        return shown == null || shown.shownToEnterprise == null || !shown.shownToEnterprise.shownAt(now) ? c
                : c.as(shown.shownToEnterprise);
    }

    /** The stored case, as the enterprise side sees it at {@code releasedBy} when that is given. */
    private static Case asSeen(CaseDocument d, Instant releasedBy) {
        Case c = toDomain(d);
        return releasedBy != null && d.shownToEnterprise != null && d.shownToEnterprise.shownAt(releasedBy) ? c.as(d.shownToEnterprise) : c;
    }

    public long count(Filter filter) {
        return mongo.count(new Query(criteria(filter)), CaseDocument.class);
    }

    /** Every case matching, oldest first (reports over one month). */
    public List<Case> all(Filter filter) {
        List<Case> all = new ArrayList<>();
        forEach(filter, all::add);
        return all;
    }

    /** Hands every case matching to {@code each}, oldest first, read a batch at a time: for exports of a whole ledger. */
    public void forEach(Filter filter, Consumer<Case> each) {
        Query oldestFirst = Filters.inBatches(new Query(criteria(filter)).with(Sort.by("openedAt")));
        try (var documents = mongo.stream(oldestFirst, CaseDocument.class)) {
            documents.map(d -> asSeen(d, filter.releasedBy())).forEach(each);
        }
    }

    /**
     * Hands the id of every case whose deadline timer is due by {@code now} to {@code check}, which
     * must be idempotent (a timer may fire for a case that moved on). Costs a few key lookups when
     * nothing is due, however many cases are stored.
     *
     * @return how many timers fired
     */
    public int forEachDue(Instant now, Consumer<String> check) {
        return checks.fire(now, due -> check.accept(due.id()), this::timersOfEarlierCases);
    }

    /**
     * Hands every anonymous worker's case whose release to its enterprise's union is due by {@code now} to
     * {@code released}, which must be idempotent. One key range read when nothing is due ({@link ReleaseQueue}).
     *
     * @return how many releases were handled
     */
    public int forEachReleased(Instant now, Consumer<Case> released) {
        // In key order: by release, then by the cases' random ids, never in the order the workers filed.
        return releases.fire(now, due -> byId(due.id()).ifPresent(released));
    }

    /** Cases written before deadline timers existed: read once, on the first watcher run of a database. */
    private List<DueTimers.Due> timersOfEarlierCases() {
        Query query = new Query(Criteria.where("nextCheckAt").ne(null));
        query.fields().include("_id").include("nextCheckAt");
        return mongo.find(query, CaseDocument.class).stream().map(d -> new DueTimers.Due(d.id, d.nextCheckAt)).toList();
    }

    /**
     * Fills in the handling organisation's id on cases stored before cases carried it, so they
     * appear in that organisation's work queue: a one-time data step ({@code CaseDataSteps}).
     *
     * @return how many cases were filled in
     */
    public long fillInOrganisations() {
        Query query = new Query(Criteria.where("organisation").is(null));
        query.fields().include("_id");
        long filled = 0;
        for (CaseDocument legacy : mongo.find(query, CaseDocument.class)) {
            // Writing the case back stores what toDocument derives from it (Case#handledBy), events none.
            if (change(legacy.id, c -> new Case.Changed(c, List.of()), written -> { }).isPresent()) {
                filled++;
            }
        }
        return filled;
    }

    /** The ids of every open case: for the rare step that must look at each (a new holiday schedule). */
    public List<String> openIds() {
        Query query = new Query(Criteria.where("status").in(Case.Status.OPEN.stream().map(Enum::name).toList()));
        query.fields().include("_id");
        return mongo.find(query, CaseDocument.class).stream().map(d -> d.id).toList();
    }

    public Optional<Case> byId(String id) {
        return Optional.ofNullable(mongo.findById(id, CaseDocument.class)).map(Cases::toDomain);
    }

    /** The case and the hash of its caller's follow-up code, if it has one. */
    public Optional<Map.Entry<Case, String>> byCaseNumberForFollowUp(String caseNumber) {
        return Optional.ofNullable(mongo.findOne(new Query(Criteria.where("caseNumber").is(caseNumber)), CaseDocument.class))
                .filter(d -> d.followUpHash != null)
                .map(d -> Map.entry(toDomain(d), d.followUpHash));
    }

    public Optional<Case> byCaseNumber(String caseNumber) {
        return Optional.ofNullable(mongo.findOne(new Query(Criteria.where("caseNumber").is(caseNumber)), CaseDocument.class))
                .map(Cases::toDomain);
    }

    private static Criteria criteria(Filter f) {
        Criteria criteria = Filters.equal("enterprise", f.enterprise(), "district", Filters.within(f.district()), "source", f.source(),
                "category", f.category());
        if (f.organisation() != null) {
            criteria.and("organisation").is(f.organisation());
        }
        if (f.releasedBy() != null) {
            Filters.seenByEnterpriseSide(criteria, f.releasedBy());
        }
        // The enterprise side is filtered by what it is shown (Case.Shown): a case leaving "resolved", or entering
        // the month's closed cases, the moment its anonymous worker rated it would tell that moment.
        List<Criteria> shown = new ArrayList<>();
        if (f.statuses() != null && !f.statuses().isEmpty()) {
            List<String> statuses = f.statuses().stream().map(Enum::name).toList();
            if (f.releasedBy() == null) {
                criteria.and("status").in(statuses);
            } else {
                shown.add(asShown(f.releasedBy(), "status", "shownToEnterprise.status", c -> c.in(statuses)));
            }
        }
        if (f.openedFrom() != null || f.openedBefore() != null) {
            Criteria opened = criteria.and("openedAt");
            if (f.openedFrom() != null) {
                opened.gte(f.openedFrom());
            }
            if (f.openedBefore() != null) {
                opened.lt(f.openedBefore());
            }
        }
        if (f.closedFrom() != null || f.closedBefore() != null) {
            java.util.function.UnaryOperator<Criteria> inRange = closed -> {
                if (f.closedFrom() != null) {
                    closed.gte(f.closedFrom());
                }
                return f.closedBefore() != null ? closed.lt(f.closedBefore()) : closed;
            };
            if (f.releasedBy() == null) {
                inRange.apply(criteria.and("closedAt"));
            } else {
                shown.add(asShown(f.releasedBy(), "closedAt", "shownToEnterprise.deadlines.closedAt", inRange));
            }
        }
        if (!shown.isEmpty()) {
            criteria.andOperator(shown);
        }
        return criteria;
    }

    /** {@code condition} on what the enterprise side is shown at {@code now}: the held state's field while held, else the case's. */
    private static Criteria asShown(Instant now, String field, String heldField, java.util.function.UnaryOperator<Criteria> condition) {
        return Filters.shownAt(now, "shownToEnterprise.until", condition.apply(Criteria.where(heldField)),
                condition.apply(Criteria.where(field)));
    }

    private CaseDocument toDocument(Case c) {
        CaseDocument d = new CaseDocument();
        d.id = c.id();
        d.caseNumber = c.caseNumber();
        d.source = c.source().name();
        d.sourceReference = c.sourceReference();
        d.feedbackId = c.feedbackId();
        d.trackingNumber = c.trackingNumber();
        d.category = c.matter().category();
        d.enterprise = c.matter().enterprise();
        d.district = c.matter().district();
        d.priority = c.priority().name();
        d.status = c.status().name();
        d.organisation = c.handledBy().id();
        d.openedAt = c.deadlines().openedAt();
        d.enterpriseSeesAt = enterpriseSeesAt(c);
        d.closedAt = c.deadlines().closedAt();
        d.nextCheckAt = c.nextCheckAt(rules).orElse(null);
        d.escalationLevel = c.escalationLevel();
        d.matter = c.matter();
        d.assignment = c.assignment();
        d.deadlines = c.deadlines();
        d.resolution = c.resolution();
        d.verification = c.verification();
        d.history = c.history();
        return d;
    }

    private static Case toDomain(CaseDocument d) {
        return new Case(d.id, d.caseNumber, Case.Source.valueOf(d.source), d.sourceReference, d.feedbackId, d.trackingNumber,
                d.matter, Case.Priority.valueOf(d.priority), Case.Status.valueOf(d.status), d.assignment, d.deadlines,
                d.escalationLevel, d.resolution, d.verification, d.history == null ? List.of() : d.history);
    }
}
