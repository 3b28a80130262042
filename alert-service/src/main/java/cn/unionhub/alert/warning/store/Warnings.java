package cn.unionhub.alert.warning.store;

import cn.unionhub.platform.store.Filters;
import cn.unionhub.alert.warning.domain.Warning;
import cn.unionhub.alert.warning.domain.WarningLevel;
import cn.unionhub.events.alert.SignalContribution;
import cn.unionhub.platform.domain.AnonymousRelease;
import cn.unionhub.platform.events.AggregateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Warnings in MongoDB, written with their events in one document write (outbox inside).
 *
 * <p>Beside them, {@code open_warnings} lists the warnings not yet closed (one small document
 * each), so that counting open warnings reads what is open, not every warning ever raised. A
 * warning is listed before it is inserted and unlisted after the write that closes it; an entry
 * left behind by a crash is found stale when the count next reads it (by key, on the warning) and
 * removed.
 */
@Repository
public class Warnings {

    /** How long a listed warning may be missing before its entry counts as stale (a raise takes milliseconds). */
    static final Duration MISSING_GRACE = Duration.ofHours(1);

    @Document("warnings")
    static class WarningDocument {
        @Id
        String id;
        @Version
        Long version;
        @Indexed
        String enterprise;
        String enterpriseName;
        @Indexed
        String district;
        String industry;
        String level;
        double score;
        boolean collectiveDispute;
        int workersReporting;
        long amountAtStakeFen;
        Map<String, Double> kindContributions;
        List<SignalContribution> signals;
        boolean legalHealthCheckRecommended;
        List<String> pushedTo;
        String status;
        String verdict;
        String verificationReason;
        String disposal;
        String docking;
        String governanceNotes;
        @Indexed
        Instant raisedAt;
        Instant closedAt;
        List<Warning.Step> history;
        /**
         * The warning as it stood at the last release: what the enterprise side is shown until {@link #shownUntil}, the
         * next one ({@link Warnings#seenByEnterpriseSide}). Kept by the first change after a release.
         */
        Warning shownToEnterprise;
        Instant shownUntil;
    }

    /** A warning not yet closed (or, for a moment, one whose raise or close is under way). */
    @Document("open_warnings")
    static class OpenWarningDocument {
        @Id
        String id;
        Instant listedAt;
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final Clock clock;
    private final AnonymousRelease release;

    public Warnings(MongoTemplate mongo, AggregateStore store, Clock clock, AnonymousRelease release) {
        this.mongo = mongo;
        this.store = store;
        this.clock = clock;
        this.release = release;
    }

    /** Raises DuplicateKeyException when a warning with this id exists (a replayed raise). */
    public void insert(Warning.Changed raised) {
        OpenWarningDocument open = new OpenWarningDocument();
        open.id = raised.changed().id();
        open.listedAt = clock.instant();
        mongo.save(open); // listed first: a crash before the insert leaves an entry the count ignores and removes
        store.insert(toDocument(raised.changed()), raised.events());
    }

    /** Applies a change (retried on a concurrent change); empty if there is no such warning. */
    public Optional<Warning> change(String id, Function<Warning, Warning.Changed> change) {
        Optional<Warning> changed = store.modify(WarningDocument.class, id, current -> {
            Warning.Changed next = change.apply(toDomain(current));
            WarningDocument updated = toDocument(next.changed());
            updated.version = current.version;
            Instant now = clock.instant();
            if (release.period().isPresent() && !held(current, now)) {
                // The first change after a release keeps the warning as it stood then, until the next release.
                updated.shownToEnterprise = toDomain(current);
                updated.shownUntil = release.of(now);
            } else {
                updated.shownToEnterprise = current.shownToEnterprise;
                updated.shownUntil = current.shownUntil;
            }
            return new AggregateStore.Change<>(updated, next.events());
        }).map(Warnings::toDomain);
        changed.filter(w -> !w.isOpen()).ifPresent(closed -> unlist(closed.id())); // after the write that closed it
        return changed;
    }

    public Optional<Warning> byId(String id) {
        return Optional.ofNullable(mongo.findById(id, WarningDocument.class)).map(Warnings::toDomain);
    }

    /**
     * The warning as the enterprise side sees it at {@code now}: none before the release after it was raised, then as
     * it stood at the last release. A warning moves with single signals — an anonymous worker's complaint among them —
     * so a level, band or kind that changed the moment a complaint arrived would tell the chair when it was filed;
     * the items and cases themselves reach the chair at the release ({@link AnonymousRelease}), and so does this.
     */
    public Optional<Warning> seenByEnterpriseSide(String id, Instant now) {
        return Optional.ofNullable(mongo.findById(id, WarningDocument.class)).flatMap(d -> seenByEnterpriseSide(d, now));
    }

    private Optional<Warning> seenByEnterpriseSide(WarningDocument d, Instant now) {
        if (release.period().isEmpty()) {
            return Optional.of(toDomain(d));
        }
        if (release.of(d.raisedAt).isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(held(d, now) ? d.shownToEnterprise : toDomain(d));
    }

    private static boolean held(WarningDocument d, Instant now) {
        return d.shownToEnterprise != null && d.shownUntil != null && d.shownUntil.isAfter(now);
    }

    /**
     * A work queue: newest first, filtered by tenant and status, one page; with {@code enterpriseSideAt}, as the enterprise
     * side sees it then ({@link #seenByEnterpriseSide}), filtered by what it is shown.
     */
    public List<Warning> page(String enterprise, String division, Warning.Status status, WarningLevel level, int page,
            int size, Instant enterpriseSideAt) {
        boolean enterpriseSide = enterpriseSideAt != null && release.period().isPresent();
        Criteria criteria = Filters.equal("enterprise", enterprise, "district", Filters.within(division), "status", enterpriseSide ? null : status,
                "level", enterpriseSide ? null : level);
        if (enterpriseSide) {
            // Released: raised before the window now running.
            criteria.and("raisedAt").lt(release.windowStart(enterpriseSideAt));
            if (status != null || level != null) {
                criteria.andOperator(Filters.shownAt(enterpriseSideAt, "shownUntil", shown("shownToEnterprise.", status, level),
                        shown("", status, level)));
            }
        }
        return mongo.find(Filters.newestFirst(criteria, "raisedAt", page, size), WarningDocument.class).stream()
                .map(d -> enterpriseSideAt == null ? Optional.of(toDomain(d)) : seenByEnterpriseSide(d, enterpriseSideAt))
                .flatMap(Optional::stream).toList();
    }

    private static Criteria shown(String prefix, Warning.Status status, WarningLevel level) {
        return Filters.equal(prefix + "status", status, prefix + "level", level);
    }

    /** Warnings open at some moment between {@code from} and {@code to}: what a daily report covers. */
    public List<Warning> openBetween(Instant from, Instant to) {
        Criteria closedLater = new Criteria().orOperator(Criteria.where("closedAt").is(null), Criteria.where("closedAt").gte(from));
        return mongo.find(new Query(new Criteria().andOperator(Criteria.where("raisedAt").lt(to), closedLater)),
                WarningDocument.class).stream().map(Warnings::toDomain).toList();
    }

    /**
     * Warnings not yet closed, per level (levels without any are left out): the listed warnings,
     * each looked up by key for its level and status. Costs as much as what is open, not as much
     * as what was ever raised. Entries of closed warnings (a crash after the close) and of warnings
     * missing for longer than {@link #MISSING_GRACE} (a crash before the raise) are removed.
     */
    public Map<WarningLevel, Long> openByLevel() {
        List<OpenWarningDocument> listed = mongo.findAll(OpenWarningDocument.class);
        Map<WarningLevel, Long> counts = new java.util.EnumMap<>(WarningLevel.class);
        if (listed.isEmpty()) {
            return counts;
        }
        Query byIds = new Query(Criteria.where("_id").in(listed.stream().map(o -> o.id).toList()));
        byIds.fields().include("level", "status");
        Map<String, WarningDocument> found = mongo.find(byIds, WarningDocument.class).stream()
                .collect(Collectors.toMap(d -> d.id, d -> d));
        Instant missingSince = clock.instant().minus(MISSING_GRACE);
        for (OpenWarningDocument open : listed) {
            WarningDocument w = found.get(open.id);
            if (w == null) {
                if (open.listedAt == null || open.listedAt.isBefore(missingSince)) {
                    unlist(open.id);
                }
            } else if (Warning.Status.CLOSED.name().equals(w.status)) {
                unlist(open.id);
            } else {
                counts.merge(WarningLevel.valueOf(w.level), 1L, Long::sum);
            }
        }
        return counts;
    }

    private void unlist(String id) {
        mongo.remove(new Query(Criteria.where("_id").is(id)), OpenWarningDocument.class);
    }

    /** Verdicts per signal kind, so that the weights can be reviewed. */
    public void countVerdict(List<String> kinds, Warning.Verdict verdict) {
        for (String kind : kinds) {
            mongo.findAndModify(new Query(Criteria.where("_id").is(kind)), new Update().inc(verdict.name(), 1L),
                    FindAndModifyOptions.options().upsert(true), org.bson.Document.class, "verdicts_by_kind");
        }
    }

    /** Verdict counts per signal kind: kind → CONFIRMED / FALSE_POSITIVE → count. */
    public Map<String, Map<String, Long>> verdictsByKind() {
        Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
        for (org.bson.Document d : mongo.findAll(org.bson.Document.class, "verdicts_by_kind")) {
            Map<String, Long> counts = new java.util.TreeMap<>();
            for (Warning.Verdict v : Warning.Verdict.values()) {
                counts.put(v.name(), d.get(v.name()) instanceof Number n ? n.longValue() : 0L);
            }
            out.put(d.getString("_id"), counts);
        }
        return out;
    }

    private static WarningDocument toDocument(Warning w) {
        WarningDocument d = new WarningDocument();
        d.id = w.id();
        d.enterprise = w.enterprise();
        d.enterpriseName = w.enterpriseName();
        d.district = w.district();
        d.industry = w.industry();
        d.level = w.level().name();
        d.score = w.score();
        d.collectiveDispute = w.collectiveDispute();
        d.workersReporting = w.workersReporting();
        d.amountAtStakeFen = w.amountAtStakeFen();
        d.kindContributions = w.kindContributions();
        d.signals = w.signals();
        d.legalHealthCheckRecommended = w.legalHealthCheckRecommended();
        d.pushedTo = w.pushedTo();
        d.status = w.status().name();
        d.verdict = w.verdict() == null ? null : w.verdict().name();
        d.verificationReason = w.verificationReason();
        d.disposal = w.disposal();
        d.docking = w.docking();
        d.governanceNotes = w.governanceNotes();
        d.raisedAt = w.raisedAt();
        d.closedAt = w.closedAt();
        d.history = w.history();
        return d;
    }

    private static Warning toDomain(WarningDocument d) {
        return new Warning(d.id, d.enterprise, d.enterpriseName, d.district, d.industry, WarningLevel.valueOf(d.level),
                d.score, d.collectiveDispute, d.workersReporting, d.amountAtStakeFen,
                d.kindContributions == null ? Map.of() : d.kindContributions, d.signals == null ? List.of() : d.signals,
                d.legalHealthCheckRecommended, d.pushedTo == null ? List.of() : d.pushedTo, Warning.Status.valueOf(d.status),
                d.verdict == null ? null : Warning.Verdict.valueOf(d.verdict), d.verificationReason, d.disposal, d.docking,
                d.governanceNotes, d.raisedAt, d.closedAt, d.history == null ? List.of() : d.history);
    }
}
