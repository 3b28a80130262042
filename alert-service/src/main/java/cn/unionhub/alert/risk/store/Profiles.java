package cn.unionhub.alert.risk.store;

import cn.unionhub.alert.risk.domain.RiskProfile;
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
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Risk profiles, one document per enterprise ({@code _id} = USCC). They carry no events, so a
 * versioned save is safe here; a concurrent change fails with OptimisticLockingFailureException.
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
        @Indexed(sparse = true)
        String level;
        Instant downgradePendingSince;
        List<Map<String, Object>> wageReports;
        Instant handledUntil;
        long amountAtStakeFen;
        List<String> recentSignals;
        int warningSeq;
        String openWarningId;
        List<Instant> warningsRaised;
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
        d.wageReports = p.wageReports().stream()
                .map(r -> Map.<String, Object>of("reporter", r.reporter(), "at", java.util.Date.from(r.at()))).toList();
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

    /** Enterprises with a level: their scores decay and may need a downgrade without new signals. */
    public List<String> withLevel() {
        return mongo.find(new Query(Criteria.where("level").ne(null)), ProfileDocument.class).stream().map(d -> d.id).toList();
    }

    private static RiskProfile toDomain(ProfileDocument d) {
        Map<String, double[]> sums = new HashMap<>();
        if (d.sums != null) {
            d.sums.forEach((kind, values) -> sums.put(kind, values.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        List<RiskProfile.WageReport> reports = d.wageReports == null ? List.of() : d.wageReports.stream()
                .map(m -> new RiskProfile.WageReport((String) m.get("reporter"), ((java.util.Date) m.get("at")).toInstant()))
                .toList();
        return new RiskProfile(d.id, d.enterpriseName, d.district, d.industry, d.asOf, sums,
                d.level == null ? null : WarningLevel.valueOf(d.level), d.downgradePendingSince, reports, d.handledUntil,
                d.amountAtStakeFen, d.recentSignals == null ? List.of() : d.recentSignals, d.warningSeq, d.openWarningId,
                d.warningsRaised == null ? List.of() : d.warningsRaised);
    }
}
