package cn.unionhub.feedback.submission.store;

import cn.unionhub.feedback.category.domain.FeedbackCategory;
import cn.unionhub.feedback.submission.FeedbackProperties;
import cn.unionhub.feedback.submission.domain.Channel;
import cn.unionhub.feedback.submission.domain.Enterprise;
import cn.unionhub.feedback.submission.domain.FeedbackItem;
import cn.unionhub.feedback.submission.domain.FeedbackType;
import cn.unionhub.feedback.submission.domain.RatingDimension;
import cn.unionhub.feedback.submission.domain.Satisfaction;
import cn.unionhub.feedback.submission.domain.Submitter;
import cn.unionhub.feedback.submission.domain.ValidSubmission;
import cn.unionhub.feedback.submission.domain.WorkerGroup;
import cn.unionhub.feedback.timeline.domain.TimelineStep;
import cn.unionhub.feedback.timeline.store.WorkerTimelines;
import cn.unionhub.platform.domain.AnonymousRelease;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.DueTimers;
import cn.unionhub.platform.store.Filters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** Feedback items in MongoDB; new items are written with their events in one document write. */
@Repository
public class FeedbackItems {

    /** Per worker (by pseudonym), the ids of their newest items, oldest first. */
    static final String WORKER_ITEMS = "worker_items";
    static final int WORKER_ITEMS_KEPT = 200;
    /** A worker's items still moving are their newest: the older ones were logged long ago. */
    static final int ITEMS_CHECKED_BEFORE_A_STREAM = 20;

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final Duration ratingWindow;
    /** When each resolved item's rating window ends: found by key, not by searching all items. */
    private final DueTimers ratingWindows;

    private final WorkerTimelines timelines;

    private final AnonymousRelease release;

    public FeedbackItems(MongoTemplate mongo, AggregateStore store, FeedbackProperties properties, Clock clock, WorkerTimelines timelines,
            AnonymousRelease release) {
        this.replyKeys = new cn.unionhub.platform.store.RequestKeys(mongo, "feedback_reply_keys");
        this.release = release;
        this.mongo = mongo;
        this.store = store;
        this.timelines = timelines;
        this.ratingWindow = properties.ratingWindow();
        this.ratingWindows = new DueTimers(mongo, "rating-windows", Duration.ofMinutes(1), Duration.ofMinutes(5), clock);
    }

    /** Inserts a new item with its events; a duplicate tracking number or idempotency scope raises DuplicateKeyException. */
    public void insert(FeedbackItem.Accepted accepted, String idempotencyScope) {
        FeedbackDocument document = toDocument(accepted.item(), idempotencyScope);
        if (document.submitterPseudonym != null) {
            // Before the item: a failed insert leaves an id that submittedBy skips, never an item the worker cannot find.
            mongo.upsert(new Query(Criteria.where("_id").is(document.submitterPseudonym)),
                    new Update().push("items").slice(-WORKER_ITEMS_KEPT).each(document.id), WORKER_ITEMS);
        }
        try {
            store.insert(document, accepted.events());
        } catch (DuplicateKeyException refused) {
            if (document.submitterPseudonym != null) {
                // A repeated request (or a tracking number drawn twice): its id need not take a place
                // among the worker's kept items.
                mongo.updateFirst(new Query(Criteria.where("_id").is(document.submitterPseudonym)),
                        new Update().pull("items", document.id), WORKER_ITEMS);
            }
            throw refused;
        }
        logTimeline(accepted.item());
    }

    /** Applies a change to an item and writes its events (retried on a concurrent change); false for an unknown id. */
    public boolean change(String id, Function<FeedbackItem, FeedbackItem.Changed> change) {
        return store.modify(FeedbackDocument.class, id, current -> applied(id, current, change))
                .map(FeedbackItems::toDomain).map(item -> {
                    logTimeline(item);
                    return item;
                }).isPresent();
    }

    /** A change asked of the item {@code id}, for {@link #changeAll}. */
    public record Change(String id, Function<FeedbackItem, FeedbackItem.Changed> change) {
    }

    /**
     * {@link #change} for many items (a poll's case steps, several may concern one item): one read
     * and one write for all of them, where change takes two commands each.
     *
     * @return the ids of the items found and changed
     */
    public Set<String> changeAll(List<Change> changes) {
        Map<Object, FeedbackDocument> written = store.modifyAll(FeedbackDocument.class, changes.stream()
                .map(c -> new AggregateStore.Modification<FeedbackDocument>(c.id(), current -> applied(c.id(), current, c.change())))
                .toList());
        Set<String> changed = new HashSet<>();
        written.values().forEach(document -> {
            FeedbackItem item = toDomain(document);
            logTimeline(item);
            changed.add(item.id());
        });
        return changed;
    }

    private AggregateStore.Change<FeedbackDocument> applied(String id, FeedbackDocument current,
            Function<FeedbackItem, FeedbackItem.Changed> change) {
        FeedbackItem.Changed changed = change.apply(toDomain(current));
        FeedbackDocument updated = toDocument(changed.item(), current.idempotencyScope);
        updated.version = current.version;
        if (updated.resolvedAt != null && updated.rating == null && !updated.resolvedAt.equals(current.resolvedAt)) {
            ratingWindows.schedule(id, updated.resolvedAt.plus(ratingWindow)); // before the write, see DueTimers
        }
        return new AggregateStore.Change<>(updated, changed.events());
    }

    /**
     * Logs the item's new timeline entries in its worker's log, which their stream follows, after
     * the item is written (the item is the truth) and off this thread; what is not logged is logged
     * with the item's next change, or when the worker next opens their stream ({@link #logTimelines}).
     */
    private void logTimeline(FeedbackItem item) {
        String pseudonym = item.submitter() == null ? null : item.submitter().pseudonym();
        if (pseudonym != null) {
            timelines.logLater(pseudonym, item.id(), item.trackingNumber(), steps(item));
        }
    }

    /** Logs whatever the worker's newest items' timelines have that their log lacks: before a stream starts. */
    public void logTimelines(String pseudonym) {
        for (FeedbackItem item : submittedBy(pseudonym, ITEMS_CHECKED_BEFORE_A_STREAM)) {
            timelines.log(pseudonym, item.id(), item.trackingNumber(), steps(item));
        }
    }

    private static List<TimelineStep.Unlogged> steps(FeedbackItem item) {
        return item.timeline().stream().map(e -> new TimelineStep.Unlogged(e.at(), e.kind(), e.note())).toList();
    }

    /**
     * Hands the id of every item whose rating window ended by {@code now} to {@code check} (which
     * must be idempotent: the item may have been rated meanwhile). A few key lookups when nothing
     * is due, however many items are stored.
     */
    public int forEachRatingWindowEnded(Instant now, Consumer<String> check) {
        return ratingWindows.fire(now, due -> check.accept(due.id()), this::windowsOfEarlierItems);
    }

    /** Items resolved before rating-window timers existed: read once, on the first run in a database. */
    private List<DueTimers.Due> windowsOfEarlierItems() {
        Query query = new Query(Criteria.where("status").is(FeedbackItem.Status.RESOLVED.name()).and("rating").is(null));
        query.fields().include("_id").include("resolvedAt");
        return mongo.find(query, FeedbackDocument.class).stream().filter(d -> d.resolvedAt != null)
                .map(d -> new DueTimers.Due(d.id, d.resolvedAt.plus(ratingWindow))).toList();
    }

    /** The items of these ids that exist, in no particular order: one command, key lookups only. */
    public List<FeedbackItem> byIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongo.find(new Query(Criteria.where("_id").in(ids)), FeedbackDocument.class).stream()
                .map(FeedbackItems::toDomain).toList();
    }

    /**
     * Hands every resolved item's id, enterprise and resolution time to {@code resolved}: reads every
     * stored item, so only for one-time steps over data kept before a projection existed.
     */
    public void forEachResolved(ResolvedItem resolved) {
        Query query = Filters.inBatches(new Query(Criteria.where("resolvedAt").ne(null)));
        query.fields().include("_id").include("enterprise").include("resolvedAt");
        try (var documents = mongo.stream(query, FeedbackDocument.class)) {
            documents.filter(d -> d.enterprise != null && d.resolvedAt != null)
                    .forEach(d -> resolved.accept(d.id, d.enterprise, d.resolvedAt));
        }
    }

    /** A resolved item as {@link #forEachResolved} hands it over. */
    @FunctionalInterface
    public interface ResolvedItem {
        void accept(String id, String enterprise, Instant resolvedAt);
    }

    public Optional<FeedbackItem> byId(String id) {
        return Optional.ofNullable(mongo.findById(id, FeedbackDocument.class)).map(FeedbackItems::toDomain);
    }

    public Optional<FeedbackItem> byTrackingNumber(String trackingNumber) {
        return one(Criteria.where("trackingNumber").is(trackingNumber));
    }

    public Optional<FeedbackItem> byIdempotencyScope(String scope) {
        return one(Criteria.where("idempotencyScope").is(scope));
    }

    /**
     * A worker's newest items, newest first: their ids come from one document per worker (the
     * {@value #WORKER_ITEMS_KEPT} newest), so opening the timeline costs two key lookups however
     * many items are stored.
     */
    public List<FeedbackItem> submittedBy(String pseudonym, int limit) {
        return submittedBy(pseudonym, 0, limit);
    }

    /** The worker's items newest first, {@code skip} of them left out: a page of the worker's own list. */
    public List<FeedbackItem> submittedBy(String pseudonym, int skip, int limit) {
        Document index = mongo.findById(pseudonym, Document.class, WORKER_ITEMS);
        if (index == null) {
            return List.of();
        }
        List<String> ids = index.getList("items", String.class, List.of());
        int end = Math.max(0, ids.size() - skip);
        List<String> newest = new ArrayList<>(ids.subList(Math.max(0, end - limit), end));
        Collections.reverse(newest);
        Map<String, FeedbackDocument> found = new HashMap<>();
        mongo.find(new Query(Criteria.where("_id").in(newest)), FeedbackDocument.class).forEach(d -> found.put(d.id, d));
        return newest.stream().map(found::get).filter(Objects::nonNull).map(FeedbackItems::toDomain).toList();
    }

    /**
     * Union staff's list: one enterprise and/or the districts of one division (null = any), optionally one status and type, newest first;
     * with {@code releasedBy}, as the enterprise side sees it then ({@link Filters#seenByEnterpriseSide}).
     */
    public List<FeedbackItem> page(String enterprise, String division, FeedbackItem.Status status, String type, Instant releasedBy,
            int page, int size) {
        Criteria criteria = Filters.equal("enterprise", enterprise, "district", Filters.within(division), "status", releasedBy == null ? status : null,
                "type", type);
        if (releasedBy != null && status != null) {
            // By the status the enterprise side is shown: resolved until the release after an anonymous worker's rating.
            Criteria asItIs = Criteria.where("status").is(status.name());
            criteria.andOperator(status == FeedbackItem.Status.RESOLVED ? Filters.shownAt(releasedBy, "ratingShownFrom", null, asItIs)
                    : Filters.notHeldAt(releasedBy, "ratingShownFrom", asItIs));
        }
        Query query = releasedBy == null ? Filters.newestFirst(criteria, "submittedAt", page, size)
                : Filters.inTheOrderTheEnterpriseSideSawThem(Filters.seenByEnterpriseSide(criteria, releasedBy), page, size);
        return mongo.find(query, FeedbackDocument.class).stream().map(FeedbackItems::toDomain)
                .map(item -> releasedBy == null ? item : seenByEnterpriseSide(item, releasedBy)).toList();
    }

    /** When the enterprise's own union first sees {@code item}: at its submission, or an anonymous worker's at its release. */
    public Instant enterpriseSeesAt(FeedbackItem item) {
        return release.of(item.submittedAt(), item.content().anonymous());
    }

    /**
     * {@code item} as the enterprise side sees it at {@code now}: an anonymous worker's item the worker rated is shown as
     * it was before the rating until the release after it ({@link FeedbackItem#beforeRating}), as its case is.
     */
    public FeedbackItem seenByEnterpriseSide(FeedbackItem item, Instant now) {
        Instant shownFrom = ratingShownFrom(item);
        FeedbackItem shown = shownFrom != null && shownFrom.isAfter(now) ? item.beforeRating(item.ratedByTheWorkerAt().orElseThrow()) : item;
        if (!shown.content().anonymous() || release.period().isEmpty()) {
            return shown;
        }
        // The worker's answer, and the case running again on it, show from the release after them: at once they would
        // tell the chair when the worker acted.
        return shown.withoutSteps(step -> ("REPLIED".equals(step.kind()) || "RESUMED".equals(step.kind()))
                && release.of(step.at()).isAfter(now));
    }

    /** The release after an anonymous worker's own rating; null for a named item, one not rated by its worker, or no batching. */
    private Instant ratingShownFrom(FeedbackItem item) {
        if (!item.content().anonymous() || release.period().isEmpty()) {
            return null;
        }
        return item.ratedByTheWorkerAt().map(release::of).orElse(null);
    }

    private Optional<FeedbackItem> one(Criteria criteria) {
        return Optional.ofNullable(mongo.findOne(new Query(criteria), FeedbackDocument.class)).map(FeedbackItems::toDomain);
    }

    private FeedbackDocument toDocument(FeedbackItem item, String idempotencyScope) {
        ValidSubmission c = item.content();
        FeedbackDocument d = new FeedbackDocument();
        d.id = item.id();
        d.trackingNumber = item.trackingNumber();
        d.type = c.type().name();
        d.category = c.category().name();
        d.channel = c.channel().name();
        d.workerGroup = c.workerGroup().name();
        d.enterprise = item.enterprise().uscc();
        d.enterpriseName = item.enterprise().name();
        d.district = item.enterprise().district();
        d.enterpriseRegistered = item.enterprise().registered();
        d.text = c.text();
        d.ratings = new LinkedHashMap<>();
        c.ratings().forEach((dimension, stars) -> d.ratings.put(dimension.name(), stars));
        d.details = new LinkedHashMap<>(c.details());
        d.anonymous = c.anonymous();
        d.submitterPseudonym = item.submitter().pseudonym();
        d.followUpHash = item.submitter().followUpHash();
        d.contactName = item.submitter().contactName();
        d.contactPhone = item.submitter().contactPhone();
        d.recordedBy = item.submitter().recordedBy();
        d.recordedFor = item.submitter().recordedFor();
        d.idempotencyScope = idempotencyScope;
        d.submittedAt = item.submittedAt();
        d.enterpriseSeesAt = enterpriseSeesAt(item);
        d.status = item.status().name();
        d.ratingShownFrom = ratingShownFrom(item);
        d.timeline = item.timeline().stream()
                .map(e -> new FeedbackDocument.TimelineEntryDocument(e.at(), e.kind(), e.note(), e.dueAt(), e.handledBy(),
                        e.handlingDistrict())).toList();
        d.resolvedAt = item.resolvedAt();
        if (item.rating() != null) {
            d.rating = item.rating().satisfaction().name();
            d.ratingReason = item.rating().reason();
            d.ratingDefaulted = item.rating().defaulted();
            d.ratedAt = item.rating().at();
        }
        return d;
    }

    private static FeedbackItem toDomain(FeedbackDocument d) {
        Map<RatingDimension, Integer> ratings = new EnumMap<>(RatingDimension.class);
        if (d.ratings != null) {
            d.ratings.forEach((dimension, stars) -> ratings.put(RatingDimension.valueOf(dimension), stars));
        }
        ValidSubmission content = new ValidSubmission(FeedbackType.valueOf(d.type), FeedbackCategory.valueOf(d.category),
                Channel.valueOf(d.channel), WorkerGroup.valueOf(d.workerGroup), d.enterprise, d.text, ratings,
                d.details == null ? Map.of() : d.details, d.anonymous, d.contactName, d.contactPhone);
        // Items stored before the flag existed: the seeded directory of those days knew exactly those with a name.
        boolean registered = d.enterpriseRegistered != null ? d.enterpriseRegistered : d.enterpriseName != null;
        return FeedbackItem.restore(d.id, d.trackingNumber, content, new Enterprise(d.enterprise, d.enterpriseName, d.district,
                        registered),
                new Submitter(d.submitterPseudonym, d.followUpHash, d.contactName, d.contactPhone, d.recordedBy, d.recordedFor),
                d.submittedAt, FeedbackItem.Status.valueOf(d.status),
                d.timeline == null ? List.of() : d.timeline.stream()
                        .map(e -> new FeedbackItem.TimelineEntry(e.at(), e.kind(), e.note(), e.dueAt(), e.handledBy(),
                                e.handlingDistrict())).toList(),
                d.resolvedAt, d.rating == null ? null
                        : new FeedbackItem.Rating(Satisfaction.valueOf(d.rating), d.ratingReason, d.ratingDefaulted, d.ratedAt));
    }

    /** Records that {@code by} read the named worker's contact details of {@code item} (kept for the union's own audit). */
    public void contactViewed(FeedbackItem item, String by, java.time.Instant at) {
        mongo.insert(new org.bson.Document("item", item.id()).append("trackingNumber", item.trackingNumber()).append("by", by)
                .append("at", java.util.Date.from(at)), "contact_views");
    }

    /** {@code Idempotency-Key}s of workers' answers: the same answer sent twice under one key is on the record once. */
    public cn.unionhub.platform.store.RequestKeys replyKeys() {
        return replyKeys;
    }

    private final cn.unionhub.platform.store.RequestKeys replyKeys;
}
