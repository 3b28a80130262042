package cn.unionhub.alert.bench;

import cn.unionhub.alert.risk.domain.Assessment;
import cn.unionhub.alert.risk.domain.CollectiveDisputeRule;
import cn.unionhub.alert.risk.domain.DecayWindow;
import cn.unionhub.alert.risk.domain.RiskModel;
import cn.unionhub.alert.risk.domain.RiskProfile;
import cn.unionhub.alert.risk.domain.Signal;
import cn.unionhub.alert.risk.domain.SignalKind;
import cn.unionhub.alert.warning.domain.WarningLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Load driver (not a test): Qingdao's scale from seed 004 — 350,000 enterprises and 3.4 M signals
 * over 90 days — through the real scoring code. Measures a full re-score (every signal into fresh
 * profiles, then every enterprise assessed) and the per-event incremental update on warm profiles.
 * Run as documented in docs/benchmarks.md.
 */
public final class ScoringBenchmark {

    public static void main(String[] args) {
        int enterprises = args.length > 0 ? Integer.parseInt(args[0]) : 350_000;
        int signals = args.length > 1 ? Integer.parseInt(args[1]) : 3_400_000;
        RiskModel model = model();
        String[] ids = new String[enterprises];
        for (int i = 0; i < enterprises; i++) {
            ids[i] = String.format("91370200MA%08d", i);
        }
        String[] kinds = model.kinds().keySet().toArray(String[]::new);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        long span = Duration.ofDays(90).toMillis();
        Instant end = start.plusMillis(span);

        for (int round = 1; round <= 3; round++) { // the first rounds warm up the JIT
            SplittableRandom random = new SplittableRandom(42);
            RiskProfile[] profiles = new RiskProfile[enterprises];
            long t0 = System.nanoTime();
            for (int i = 0; i < signals; i++) {
                int e = skewed(random, enterprises);
                long at = start.toEpochMilli() + (long) i * span / signals; // time order, as a replay reads them
                String kind = kinds[random.nextInt(kinds.length)];
                RiskProfile p = profiles[e];
                if (p == null) {
                    p = profiles[e] = RiskProfile.of(ids[e]);
                }
                p.apply(new Signal(null, ids[e], null, null, null, kind, 1 + random.nextInt(3), Instant.ofEpochMilli(at),
                        "bench", null, "w" + random.nextInt(50), 0), model);
            }
            long applied = System.nanoTime();
            int[] levels = new int[WarningLevel.values().length + 1];
            for (RiskProfile p : profiles) {
                if (p != null) {
                    WarningLevel level = p.assess(end, model).level();
                    levels[level == null ? levels.length - 1 : level.ordinal()]++;
                }
            }
            long assessed = System.nanoTime();
            System.out.printf("round %d: full re-score of %,d signals / %,d enterprises: apply %.2f s + assess %.2f s = %.2f s;"
                    + " levels RED %,d ORANGE %,d YELLOW %,d BLUE %,d none %,d%n", round, signals, enterprises,
                    (applied - t0) / 1e9, (assessed - applied) / 1e9, (assessed - t0) / 1e9, levels[0], levels[1], levels[2],
                    levels[3], levels[4]);

            int events = 1_000_000;
            long t1 = System.nanoTime();
            for (int i = 0; i < events; i++) {
                int e = skewed(random, enterprises);
                RiskProfile p = profiles[e] == null ? (profiles[e] = RiskProfile.of(ids[e])) : profiles[e];
                Instant at = end.plusMillis(i * 10L);
                p.apply(new Signal("inc-" + i, ids[e], null, null, null, kinds[random.nextInt(kinds.length)], 1, at, "bench",
                        null, "w" + random.nextInt(50), 0), model);
                Assessment a = p.assess(at, model);
                if (a.score() < 0) {
                    throw new IllegalStateException();
                }
            }
            long t2 = System.nanoTime();
            System.out.printf("round %d: incremental update (apply + assess) %.2f µs per event, %,.0f events/s on one thread%n",
                    round, (t2 - t1) / 1e3 / events, events / ((t2 - t1) / 1e9));
        }
    }

    /** A few enterprises draw most signals, as in practice (about 80/20). */
    private static int skewed(SplittableRandom random, int n) {
        return random.nextInt(5) == 0 ? random.nextInt(n) : random.nextInt(Math.max(1, n / 5));
    }

    static RiskModel model() {
        Map<String, SignalKind> kinds = Map.of(
                "WAGE_ARREARS_COMPLAINT", new SignalKind("WAGE_ARREARS_COMPLAINT", 10, 1, true, false),
                "COMPLAINT", new SignalKind("COMPLAINT", 3, 1, false, false),
                "DISSATISFACTION", new SignalKind("DISSATISFACTION", 4, 1, false, false),
                "HOTLINE_CALLS", new SignalKind("HOTLINE_CALLS", 1, 50, false, true),
                "PUBLIC_OPINION", new SignalKind("PUBLIC_OPINION", 8, 5, false, true),
                "SOCIAL_INSURANCE_ARREARS", new SignalKind("SOCIAL_INSURANCE_ARREARS", 3, 12, false, true),
                "LITIGATION", new SignalKind("LITIGATION", 5, 10, false, true));
        Map<WarningLevel, Double> thresholds = new EnumMap<>(WarningLevel.class);
        thresholds.putAll(Map.of(WarningLevel.BLUE, 20.0, WarningLevel.YELLOW, 40.0, WarningLevel.ORANGE, 70.0,
                WarningLevel.RED, 150.0));
        return new RiskModel(kinds, List.of(new DecayWindow("7d", Duration.ofDays(7), 0.7),
                new DecayWindow("30d", Duration.ofDays(30), 0.3)), thresholds, 0.1, Duration.ofHours(72),
                new CollectiveDisputeRule(Duration.ofHours(72), 10, WarningLevel.RED), 20);
    }
}
