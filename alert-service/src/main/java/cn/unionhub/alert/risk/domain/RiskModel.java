package cn.unionhub.alert.risk.domain;

import cn.unionhub.alert.warning.domain.WarningLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import cn.unionhub.events.alert.SignalContribution;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The scoring rules as data: signal kinds and weights, decay windows, level thresholds,
 * hysteresis and collective-dispute detection.
 *
 * <p>A signal of kind {@code k} and magnitude {@code m} that is {@code a} old contributes
 * {@code weight(k) × min(m, maxMagnitude(k)) × Σ_w factor(w) × 2^(−a / halfLife(w))}; the
 * enterprise's score is the sum over its signals since its last warning was closed.
 *
 * @param kinds              configured signal kinds by name
 * @param windows            decay windows (e.g. 7 and 30 days)
 * @param thresholds         score at which each level is reached (upgrades are immediate)
 * @param hysteresisBand     a level holds while the score stays above {@code threshold × (1 − band)}
 * @param downgradeAfter     how long the score must stay below that band before the level drops
 * @param collectiveDispute  the collective-dispute rule
 * @param explainTop         how many signals a warning lists by name (all kinds are always totalled)
 */
public record RiskModel(Map<String, SignalKind> kinds, List<DecayWindow> windows, Map<WarningLevel, Double> thresholds,
        double hysteresisBand, Duration downgradeAfter, CollectiveDisputeRule collectiveDispute, int explainTop) {

    public RiskModel {
        kinds = Map.copyOf(kinds);
        windows = List.copyOf(windows);
        thresholds = new EnumMap<>(thresholds);
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("at least one decay window is needed");
        }
        for (WarningLevel level : WarningLevel.values()) {
            if (!thresholds.containsKey(level)) {
                throw new IllegalArgumentException("no threshold for " + level);
            }
        }
        for (WarningLevel level : WarningLevel.values()) {
            for (WarningLevel lower : WarningLevel.values()) {
                if (level.isHigherThan(lower) && thresholds.get(level) <= thresholds.get(lower)) {
                    throw new IllegalArgumentException("threshold of " + level + " must exceed that of " + lower);
                }
            }
        }
    }

    public SignalKind kind(String name) {
        SignalKind kind = kinds.get(name);
        if (kind == null) {
            throw new IllegalArgumentException("unknown signal kind " + name);
        }
        return kind;
    }

    public boolean knows(String kind) {
        return kinds.containsKey(kind);
    }

    /** Points a signal adds to a fresh score: weight × capped magnitude. */
    public double points(Signal signal) {
        SignalKind kind = kind(signal.kind());
        return kind.weight() * Math.min(signal.magnitude(), kind.maxMagnitude());
    }

    /** What one signal contributes to the score at {@code at}. */
    public double contribution(Signal signal, Instant at) {
        double age = Duration.between(signal.occurredAt(), at).toMillis();
        double decay = 0;
        for (DecayWindow window : windows) {
            decay += window.weightAt(age);
        }
        return points(signal) * decay;
    }

    /** The highest level whose threshold the score reaches, or null. */
    public WarningLevel levelFor(double score) {
        for (WarningLevel level : WarningLevel.values()) {
            if (score >= thresholds.get(level)) {
                return level;
            }
        }
        return null;
    }

    public double threshold(WarningLevel level) {
        return thresholds.get(level);
    }

    /**
     * How many signals a profile keeps as candidates for its explanation: five times
     * {@code explainTop}, at least 50 (see {@link RiskProfile} for why the pool is wider than what is shown).
     */
    public int explainPool() {
        return Math.max(explainTop * 5, 50);
    }

    /** The {@code explainTop} signals that contribute most at {@code at}, strongest first. */
    public List<SignalContribution> explain(List<Signal> signals, Instant at) {
        return signals.stream()
                .map(s -> new SignalContribution(s.id(), s.kind(), s.occurredAt(), s.magnitude(), s.source(), s.reference(),
                        Math.round(contribution(s, at) * 100) / 100.0))
                .sorted(Comparator.comparingDouble(SignalContribution::contribution).reversed()
                        .thenComparing(SignalContribution::occurredAt))
                .limit(explainTop)
                .toList();
    }
}
