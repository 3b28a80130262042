package cn.unionhub.alert.risk.domain;

import cn.unionhub.alert.warning.domain.WarningLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The running risk state of one enterprise. Mutable on purpose: it is the hot path of scoring
 * (one update per signal, 350,000 of them re-scored at once), and it is only ever changed by one
 * thread, the one that owns the enterprise's partition.
 *
 * <p>Per signal kind and decay window it keeps one exponentially decayed sum as of {@link #asOf()}:
 * adding a signal and reading the score are O(1) in the number of signals, and the score at any
 * later time is the sums decayed from {@code asOf}. Closing a warning marks everything before it
 * as handled: the sums start again from zero.
 */
public final class RiskProfile {

    /** One wage issue raised by one (pseudonymous) worker, for collective-dispute detection. */
    public record WageReport(String reporter, Instant at) {
    }

    private static final int REMEMBERED_SIGNALS = 200;

    private final String enterprise;
    private String enterpriseName;
    private String district;
    private String industry;
    private Instant asOf;
    private final Map<String, double[]> sums;
    private WarningLevel level;
    private Instant downgradePendingSince;
    private final List<WageReport> wageReports;
    private Instant handledUntil;
    private long amountAtStakeFen;
    private final Deque<String> recentSignals;
    private int warningSeq;
    private String openWarningId;
    private final List<Instant> warningsRaised;

    public RiskProfile(String enterprise, String enterpriseName, String district, String industry, Instant asOf,
            Map<String, double[]> sums, WarningLevel level, Instant downgradePendingSince, List<WageReport> wageReports,
            Instant handledUntil, long amountAtStakeFen, List<String> recentSignals, int warningSeq, String openWarningId,
            List<Instant> warningsRaised) {
        this.enterprise = enterprise;
        this.enterpriseName = enterpriseName;
        this.district = district;
        this.industry = industry;
        this.asOf = asOf;
        this.sums = new HashMap<>(sums);
        this.level = level;
        this.downgradePendingSince = downgradePendingSince;
        this.wageReports = new ArrayList<>(wageReports);
        this.handledUntil = handledUntil;
        this.amountAtStakeFen = amountAtStakeFen;
        this.recentSignals = new ArrayDeque<>(recentSignals);
        this.warningSeq = warningSeq;
        this.openWarningId = openWarningId;
        this.warningsRaised = new ArrayList<>(warningsRaised);
    }

    public static RiskProfile of(String enterprise) {
        return new RiskProfile(enterprise, null, null, null, null, Map.of(), null, null, List.of(), null, 0, List.of(), 0,
                null, List.of());
    }

    /** Whether this signal id was applied recently (a redelivery). */
    public boolean hasApplied(String signalId) {
        return recentSignals.contains(signalId);
    }

    /**
     * Adds a signal to the running sums. Signals from before the last closed warning were handled
     * with it and are ignored (false).
     */
    public boolean apply(Signal signal, RiskModel model) {
        if (handledUntil != null && !signal.occurredAt().isAfter(handledUntil)) {
            return false;
        }
        if (signal.enterpriseName() != null) {
            enterpriseName = signal.enterpriseName();
        }
        if (signal.district() != null) {
            district = signal.district();
        }
        if (signal.industry() != null) {
            industry = signal.industry();
        }
        SignalKind kind = model.kind(signal.kind());
        List<DecayWindow> windows = model.windows();
        double[] kindSums = sums.computeIfAbsent(kind.name(), k -> new double[windows.size()]);
        double points = model.points(signal);
        if (asOf == null || signal.occurredAt().isAfter(asOf)) {
            decayTo(signal.occurredAt(), windows);
            for (int w = 0; w < windows.size(); w++) {
                kindSums[w] += points * windows.get(w).factor();
            }
        } else {
            // A late signal: add it already decayed to asOf.
            double age = asOf.toEpochMilli() - signal.occurredAt().toEpochMilli();
            for (int w = 0; w < windows.size(); w++) {
                kindSums[w] += points * windows.get(w).weightAt(age);
            }
        }
        if (kind.wageIssue() && signal.reporter() != null) {
            wageReports.add(new WageReport(signal.reporter(), signal.occurredAt()));
            pruneWageReports(model.collectiveDispute().window());
        }
        amountAtStakeFen += signal.amountFen();
        if (signal.id() != null) {
            recentSignals.addLast(signal.id());
            while (recentSignals.size() > REMEMBERED_SIGNALS) {
                recentSignals.removeFirst();
            }
        }
        return true;
    }

    private void decayTo(Instant to, List<DecayWindow> windows) {
        if (asOf != null) {
            double age = to.toEpochMilli() - asOf.toEpochMilli();
            double[] decay = new double[windows.size()];
            for (int w = 0; w < decay.length; w++) {
                decay[w] = Math.pow(2, -age / windows.get(w).halfLife().toMillis());
            }
            for (double[] kindSums : sums.values()) {
                for (int w = 0; w < decay.length; w++) {
                    kindSums[w] *= decay[w];
                }
            }
        }
        asOf = to;
    }

    private void pruneWageReports(Duration window) {
        Instant latest = wageReports.stream().map(WageReport::at).max(Instant::compareTo).orElse(Instant.EPOCH);
        wageReports.removeIf(r -> !r.at().isAfter(latest.minus(window)));
    }

    /** The score at {@code at} (not before {@link #asOf()}). */
    public double score(Instant at, RiskModel model) {
        return kindScores(at, model).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** What each kind contributes to the score at {@code at}. */
    public Map<String, Double> kindScores(Instant at, RiskModel model) {
        Map<String, Double> scores = new LinkedHashMap<>();
        if (asOf == null) {
            return scores;
        }
        List<DecayWindow> windows = model.windows();
        double age = Math.max(0, at.toEpochMilli() - asOf.toEpochMilli());
        for (String kind : new java.util.TreeSet<>(sums.keySet())) {
            double[] kindSums = sums.get(kind);
            double score = 0;
            for (int w = 0; w < windows.size(); w++) {
                score += kindSums[w] * Math.pow(2, -age / windows.get(w).halfLife().toMillis());
            }
            scores.put(kind, score);
        }
        return scores;
    }

    /** Distinct workers who raised wage issues within the collective-dispute window before {@code at}. */
    public int workersReporting(Instant at, RiskModel model) {
        Instant from = at.minus(model.collectiveDispute().window());
        Set<String> reporters = new HashSet<>();
        for (WageReport report : wageReports) {
            if (report.at().isAfter(from) && !report.at().isAfter(at)) {
                reporters.add(report.reporter());
            }
        }
        return reporters.size();
    }

    /**
     * The level at {@code now} with hysteresis: a higher level is taken at once; a lower one only
     * after the score stayed below {@code threshold × (1 − band)} of the current level for
     * {@code downgradeAfter}, so a score hovering around a threshold does not flap.
     */
    public Assessment assess(Instant now, RiskModel model) {
        Map<String, Double> kindScores = kindScores(now, model);
        double score = kindScores.values().stream().mapToDouble(Double::doubleValue).sum();
        int workers = workersReporting(now, model);
        CollectiveDisputeRule rule = model.collectiveDispute();
        boolean collective = workers >= rule.minWorkers();
        WarningLevel scoreLevel = model.levelFor(score);
        if (collective) {
            scoreLevel = WarningLevel.higher(scoreLevel, rule.level());
        }
        WarningLevel previous = level;
        Assessment.Change change = Assessment.Change.NONE;
        if (scoreLevel != null && scoreLevel.isHigherThan(level)) {
            level = scoreLevel;
            downgradePendingSince = null;
            change = Assessment.Change.UPGRADE;
        } else if (level != null && scoreLevel != level) {
            boolean withinBand = score >= model.threshold(level) * (1 - model.hysteresisBand());
            if (withinBand) {
                downgradePendingSince = null;
            } else if (downgradePendingSince == null) {
                downgradePendingSince = now;
            } else if (!now.isBefore(downgradePendingSince.plus(model.downgradeAfter()))) {
                level = scoreLevel;
                downgradePendingSince = null;
                change = Assessment.Change.DOWNGRADE;
            }
        } else {
            downgradePendingSince = null;
        }
        return new Assessment(score, kindScores, scoreLevel, previous, level, change, collective, workers, amountAtStakeFen);
    }

    /** The id the next warning of this enterprise gets; stable, so a replayed raise cannot make a twin. */
    public String nextWarningId() {
        return enterprise + "-" + (warningSeq + 1);
    }

    public void warningRaised(String warningId, Instant at) {
        warningSeq++;
        openWarningId = warningId;
        warningsRaised.add(at);
    }

    /** Warnings raised since {@code from}, this one included. */
    public long warningsRaisedSince(Instant from) {
        return warningsRaised.stream().filter(at -> !at.isBefore(from)).count();
    }

    /**
     * The open warning was closed: what led to it was handled. Scoring starts again from the
     * signals after {@code closedAt}; a new warning needs new evidence.
     */
    public void warningClosed(String warningId, Instant closedAt) {
        if (!warningId.equals(openWarningId)) {
            return;
        }
        openWarningId = null;
        handledUntil = closedAt;
        sums.clear();
        asOf = null;
        level = null;
        downgradePendingSince = null;
        wageReports.clear();
        amountAtStakeFen = 0;
    }

    public String enterprise() {
        return enterprise;
    }

    public String enterpriseName() {
        return enterpriseName;
    }

    public String district() {
        return district;
    }

    public String industry() {
        return industry;
    }

    public void defaultIndustry(String configured) {
        if (industry == null) {
            industry = configured;
        }
    }

    public Instant asOf() {
        return asOf;
    }

    public Map<String, double[]> sums() {
        return sums;
    }

    public WarningLevel level() {
        return level;
    }

    public Instant downgradePendingSince() {
        return downgradePendingSince;
    }

    public List<WageReport> wageReports() {
        return List.copyOf(wageReports);
    }

    public Instant handledUntil() {
        return handledUntil;
    }

    public long amountAtStakeFen() {
        return amountAtStakeFen;
    }

    public List<String> recentSignals() {
        return List.copyOf(recentSignals);
    }

    public int warningSeq() {
        return warningSeq;
    }

    public String openWarningId() {
        return openWarningId;
    }

    public List<Instant> warningsRaised() {
        return List.copyOf(warningsRaised);
    }
}
