package cn.unionhub.alert.risk.domain;

import cn.unionhub.alert.warning.domain.WarningLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A small scoring model with round numbers, and the pilot enterprise 宁波富德能源 (镇海区). */
public final class RiskFixtures {

    public static final String FUDE = "91330211MA2H3K5Q1G";
    public static final String ZHENHAI = "330211";
    /** 2026-03-02 10:00 Beijing time. */
    public static final Instant MONDAY_10AM = Instant.parse("2026-03-02T02:00:00Z");

    public static final RiskModel MODEL = new RiskModel(
            Map.of("WAGE_ARREARS_COMPLAINT", new SignalKind("WAGE_ARREARS_COMPLAINT", 10, 1, true, false),
                    "COMPLAINT", new SignalKind("COMPLAINT", 3, 1, false, false),
                    "HOTLINE_CALLS", new SignalKind("HOTLINE_CALLS", 1, 50, false, true),
                    "SOCIAL_INSURANCE_ARREARS", new SignalKind("SOCIAL_INSURANCE_ARREARS", 3, 12, false, true)),
            List.of(new DecayWindow("7d", Duration.ofDays(7), 0.7), new DecayWindow("30d", Duration.ofDays(30), 0.3)),
            Map.of(WarningLevel.BLUE, 20.0, WarningLevel.YELLOW, 40.0, WarningLevel.ORANGE, 70.0, WarningLevel.RED, 150.0),
            0.1, Duration.ofHours(72), new CollectiveDisputeRule(Duration.ofHours(72), 10, WarningLevel.RED), 5);

    private static int sequence;

    private RiskFixtures() {
    }

    public static Signal wageComplaint(String worker, Instant at) {
        return new Signal("feedback:" + worker + ":" + (++sequence), FUDE, "宁波富德能源有限公司", ZHENHAI, null,
                "WAGE_ARREARS_COMPLAINT", 1, at, "feedback-service", "ZGDP-20260302-7KQM3X", worker, 450_000);
    }

    public static Signal signal(String kind, double magnitude, Instant at) {
        return new Signal("s-" + (++sequence), FUDE, "宁波富德能源有限公司", ZHENHAI, null, kind, magnitude, at,
                "12351-hotline", null, null, 0);
    }

    /** The profile as a fresh load from the store would give it: a copy sharing no mutable state. */
    public static RiskProfile reload(RiskProfile p) {
        Map<String, double[]> sums = new java.util.HashMap<>();
        p.sums().forEach((kind, values) -> sums.put(kind, values.clone()));
        DistinctReporters r = p.reporters();
        return new RiskProfile(p.enterprise(), p.enterpriseName(), p.district(), p.industry(), p.asOf(), sums, p.level(),
                p.downgradePendingSince(), p.strongest(), new DistinctReporters(r.buckets(), r.since(), r.newest()),
                p.handledUntil(), p.amountAtStakeFen(), p.recentSignals(), p.warningSeq(), p.openWarningId(),
                p.warningsRaised());
    }
}
