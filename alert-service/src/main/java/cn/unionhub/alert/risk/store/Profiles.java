package cn.unionhub.alert.risk.store;

import cn.unionhub.alert.risk.domain.DistinctReporters;
import cn.unionhub.alert.risk.domain.RiskProfile;
import cn.unionhub.alert.risk.domain.Signal;
import cn.unionhub.alert.warning.domain.WarningLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Repository;

/**
 * Risk profiles, one document per enterprise ({@code _id} = USCC). They carry no events, so a
 * versioned save is safe here; a concurrent change fails with OptimisticLockingFailureException.
 *
 * <p>A document's size is bounded (see {@link RiskProfile}), and it is read and written by key (a
 * versioned save's {@code {_id, version}} is a key lookup on MongoDB and, since devstack's
 * KeyLookupH2Backend, on the embedded store too).
 */
@Repository
public class Profiles {

    /** A loaded profile and the version it was loaded at (null for a new one). */
    public record Loaded(RiskProfile profile, Long version) {
    }

    @Document("risk_profiles")
    static class ProfileDocument {
        @Id
        String id;
        @Version
        Long version;
        String enterpriseName;
        @Indexed
        String district;
        String industry;
        Instant asOf;
        Map<String, List<Double>> sums;
        String level;
        Instant downgradePendingSince;
        // Documents written before these existed may still carry "wageReports" (every report in the
        // window); it is no longer read, and the next save drops it.
        List<PooledSignal> strongest;
        List<ReporterBucket> reporterBuckets;
        Instant reportersSince;
        Instant newestReport;
        Instant handledUntil;
        long amountAtStakeFen;
        List<String> recentSignals;
        int warningSeq;
        String openWarningId;
        List<Instant> warningsRaised;
    }

    /** One signal of the explanation pool: what a warning shows of it. */
    static class PooledSignal {
        String signalId;
        String kind;
        double magnitude;
        Instant occurredAt;
        String source;
        String reference;
        /** Wages owed that the signal reports: a large one makes a collective case on its own. */
        long amountFen;
    }

    /** Workers whose latest wage-issue report falls within the hour from {@code start}. */
    static class ReporterBucket {
        Instant start;
        int workers;
    }

    private final MongoTemplate mongo;

    Profiles(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Loaded load(String enterprise) {
        ProfileDocument d = mongo.findById(enterprise, ProfileDocument.class);
        return d == null ? new Loaded(RiskProfile.of(enterprise), null) : new Loaded(toDomain(d), d.version);
    }

    public void save(RiskProfile p, Long version) {
        ProfileDocument d = new ProfileDocument();
        d.id = p.enterprise();
        d.version = version;
        d.enterpriseName = p.enterpriseName();
        d.district = p.district();
        d.industry = p.industry();
        d.asOf = p.asOf();
        d.sums = new HashMap<>();
        p.sums().forEach((kind, sums) -> {
            List<Double> values = new ArrayList<>();
            for (double s : sums) {
                values.add(s);
            }
            d.sums.put(kind, values);
        });
        d.level = p.level() == null ? null : p.level().name();
        d.downgradePendingSince = p.downgradePendingSince();
        d.strongest = p.strongest().stream().map(s -> {
            PooledSignal pooled = new PooledSignal();
            pooled.signalId = s.id();
            pooled.kind = s.kind();
            pooled.magnitude = s.magnitude();
            pooled.occurredAt = s.occurredAt();
            pooled.source = s.source();
            pooled.reference = s.reference();
            pooled.amountFen = s.amountFen();
            return pooled;
        }).toList();
        d.reporterBuckets = p.reporters().buckets().entrySet().stream().map(e -> {
            ReporterBucket bucket = new ReporterBucket();
            bucket.start = e.getKey();
            bucket.workers = e.getValue();
            return bucket;
        }).toList();
        d.reportersSince = p.reporters().since();
        d.newestReport = p.reporters().newest();
        d.handledUntil = p.handledUntil();
        d.amountAtStakeFen = p.amountAtStakeFen();
        d.recentSignals = p.recentSignals();
        d.warningSeq = p.warningSeq();
        d.openWarningId = p.openWarningId();
        d.warningsRaised = p.warningsRaised();
        if (version == null) {
            mongo.insert(d); // a concurrent first signal of the same enterprise fails with DuplicateKeyException
        } else {
            mongo.save(d);
        }
    }

    private static RiskProfile toDomain(ProfileDocument d) {
        Map<String, double[]> sums = new HashMap<>();
        if (d.sums != null) {
            d.sums.forEach((kind, values) -> sums.put(kind, values.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        List<Signal> strongest = d.strongest == null ? List.of() : d.strongest.stream()
                .map(s -> new Signal(s.signalId, null, null, null, null, s.kind, s.magnitude, s.occurredAt, s.source, s.reference,
                        null, s.amountFen))
                .toList();
        Map<Instant, Integer> buckets = new HashMap<>();
        if (d.reporterBuckets != null) {
            d.reporterBuckets.forEach(b -> buckets.merge(b.start, b.workers, Integer::sum));
        }
        return new RiskProfile(d.id, d.enterpriseName, d.district, d.industry, d.asOf, sums,
                d.level == null ? null : WarningLevel.valueOf(d.level), d.downgradePendingSince, strongest,
                new DistinctReporters(buckets, d.reportersSince, d.newestReport), d.handledUntil, d.amountAtStakeFen,
                d.recentSignals == null ? List.of() : d.recentSignals, d.warningSeq, d.openWarningId,
                d.warningsRaised == null ? List.of() : d.warningsRaised);
    }
}
