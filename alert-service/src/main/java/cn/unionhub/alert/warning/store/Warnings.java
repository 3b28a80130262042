package cn.unionhub.alert.warning.store;

import cn.unionhub.platform.store.Filters;
import cn.unionhub.alert.warning.domain.Warning;
import cn.unionhub.alert.warning.domain.WarningLevel;
import cn.unionhub.events.alert.SignalContribution;
import cn.unionhub.platform.events.AggregateStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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

/** Warnings in MongoDB, written with their events in one document write (outbox inside). */
@Repository
public class Warnings {

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
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;

    Warnings(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    /** Raises DuplicateKeyException when a warning with this id exists (a replayed raise). */
    public void insert(Warning.Changed raised) {
        store.insert(toDocument(raised.changed()), raised.events());
    }

    /** Applies a change (retried on a concurrent change); empty if there is no such warning. */
    public Optional<Warning> change(String id, Function<Warning, Warning.Changed> change) {
        return store.modify(WarningDocument.class, id, current -> {
            Warning.Changed changed = change.apply(toDomain(current));
            WarningDocument updated = toDocument(changed.changed());
            updated.version = current.version;
            return new AggregateStore.Change<>(updated, changed.events());
        }).map(Warnings::toDomain);
    }

    public Optional<Warning> byId(String id) {
        return Optional.ofNullable(mongo.findById(id, WarningDocument.class)).map(Warnings::toDomain);
    }

    /** A work queue: newest first, filtered by tenant and status, one page. */
    public List<Warning> page(String enterprise, String district, Warning.Status status, WarningLevel level, int page,
            int size) {
        Criteria criteria = Filters.equal("enterprise", enterprise, "district", district, "status", status, "level", level);
        return mongo.find(Filters.newestFirst(criteria, "raisedAt", page, size), WarningDocument.class).stream()
                .map(Warnings::toDomain).toList();
    }

    /** Warnings open at some moment between {@code from} and {@code to}: what a daily report covers. */
    public List<Warning> openBetween(Instant from, Instant to) {
        Criteria closedLater = new Criteria().orOperator(Criteria.where("closedAt").is(null), Criteria.where("closedAt").gte(from));
        return mongo.find(new Query(new Criteria().andOperator(Criteria.where("raisedAt").lt(to), closedLater)),
                WarningDocument.class).stream().map(Warnings::toDomain).toList();
    }

    /** Warnings not yet closed, per level (levels without any are left out). */
    public Map<WarningLevel, Long> openByLevel() {
        Map<WarningLevel, Long> counts = new java.util.EnumMap<>(WarningLevel.class);
        for (WarningLevel level : WarningLevel.values()) {
            long n = mongo.count(new Query(Criteria.where("level").is(level.name()).and("status").ne(Warning.Status.CLOSED.name())),
                    WarningDocument.class);
            if (n > 0) {
                counts.put(level, n);
            }
        }
        return counts;
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
