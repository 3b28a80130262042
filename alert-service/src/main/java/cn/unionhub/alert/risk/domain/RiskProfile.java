package cn.unionhub.alert.risk.domain;

import cn.unionhub.alert.warning.domain.WarningLevel;
import cn.unionhub.events.alert.SignalContribution;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running risk state of one enterprise. Mutable on purpose: it is the hot path of scoring
 * (one update per signal, 350,000 of them re-scored at once), and it is only ever changed by one
 * thread, the one that owns the enterprise's partition.
 *
 * <p>Per signal kind and decay window it keeps one exponentially decayed sum as of {@link #asOf()}:
 * adding a signal and reading the score are O(1) in the number of signals, and the score at any
 * later time is the sums decayed from {@code asOf}. Closing a warning marks everything before it
 * as handled: the sums start again from zero.
 *
 * <p>Everything it holds is bounded, so the work per signal does not grow with the enterprise's
 * history (a collective dispute can bring 10,000 complaints about one enterprise within minutes):
 * the sums, the pool of strongest signals that explains a warning, the workers reporting wage
 * issues per hour ({@link DistinctReporters}, with who reported when in a
 * {@link WageReporterLedger} outside the profile) and the ids of recent signals.
 *
 * <p><b>The explanation is drawn from a pool.</b> A warning lists the {@code explainTop} signals
 * that contribute most now. Rather than re-reading every signal of the enterprise for that, the
 * profile keeps the {@link RiskModel#explainPool()} strongest ones (5 × {@code explainTop}, at least
 * 50), ranked by their contribution at the time of the newest signal each time one is added; the
 * explanation re-evaluates the pool at the moment asked. This is an approximation: a contribution
 * is a sum of exponentials with different half-lives (7 and 30 days), so two signals can swap ranks
 * as time passes — an older large signal, whose remaining weight sits in the slow window, can
 * overtake a newer small one once the newer one's fast share has decayed — and a signal dropped
 * from the pool is not taken back. The pool is five times wider than what is shown, so a dropped
 * signal would have to overtake at least 4 × {@code explainTop} signals that outranked it to be
 * missed. The score, and the score per kind, stay exact: they come from the running sums, not
 * from the pool.
 */
public final class RiskProfile {

    /** How many of the latest signal ids it remembers, to recognise a redelivery. */
    public static final int REMEMBERED_SIGNALS = 200;

    private final String enterprise;
    private String enterpriseName;
    private String district;
    private String industry;
    private Instant asOf;
    private final Map<String, double[]> sums;
    private WarningLevel level;
    private Instant downgradePendingSince;
    private final List<Signal> strongest;
    private final DistinctReporters reporters;
    private Instant handledUntil;
    private long amountAtStakeFen;
    private final Deque<String> recentSignals;
    private int warningSeq;
    private String openWarningId;
    private final List<Instant> warningsRaised;
    /** Used by {@link #apply(Signal, RiskModel)}: a profile that lives in memory only keeps its ledger there too. */
    private WageReporterLedger memoryLedger;

    /**
     * @param strongest the pool of strongest signals that explains a warning
     * @param reporters distinct workers with wage issues, per hour of their latest report
     */
    public RiskProfile(String enterprise, String enterpriseName, String district, String industry, Instant asOf,
            Map<String, double[]> sums, WarningLevel level, Instant downgradePendingSince, List<Signal> strongest,
            DistinctReporters reporters, Instant handledUntil, long amountAtStakeFen, List<String> recentSignals,
            int warningSeq, String openWarningId, List<Instant> warningsRaised) {
        this.enterprise = enterprise;
        this.enterpriseName = enterpriseName;
        this.district = district;
        this.industry = industry;
        this.asOf = asOf;
        this.sums = new HashMap<>(sums);
        this.level = level;
        this.downgradePendingSince = downgradePendingSince;
        this.strongest = new ArrayList<>(strongest);
        this.reporters = reporters;
        this.handledUntil = handledUntil;
        this.amountAtStakeFen = amountAtStakeFen;
        this.recentSignals = new ArrayDeque<>(recentSignals);
        this.warningSeq = warningSeq;
        this.openWarningId = openWarningId;
        this.warningsRaised = new ArrayList<>(warningsRaised);
    }

    public static RiskProfile of(String enterprise) {
        return new RiskProfile(enterprise, null, null, null, null, Map.of(), null, null, List.of(), DistinctReporters.none(),
                null, 0, List.of(), 0, null, List.of());
    }

    /** Whether this signal id was applied recently (a redelivery). */
    public boolean hasApplied(String signalId) {
        return recentSignals.contains(signalId);
    }

    /**
     * {@link #apply(Signal, RiskModel, WageReporterLedger)} with a ledger kept in this object: for
     * profiles that never leave memory (tests, the scoring benchmark, a replay).
     */
    public boolean apply(Signal signal, RiskModel model) {
        if (memoryLedger == null) {
            memoryLedger = WageReporterLedger.inMemory();
        }
        return apply(signal, model, memoryLedger);
    }

    /**
     * Adds a signal to the running sums, the pool of strongest signals and, for a wage issue, the
     * count of distinct workers (recording the report in {@code ledger} first). Signals from before
     * the last closed warning were handled with it and are ignored (false).
     */
    public boolean apply(Signal signal, RiskModel model, WageReporterLedger ledger) {
        if (handledUntil != null && !signal.occurredAt().isAfter(handledUntil)) {
            return false;
        }
        SignalKind kind = model.kind(signal.kind());
        // The ledger first: it may refuse a write that raced with another report of the same worker,
        // and then nothing here has changed yet.
        WageReporter.Move move = kind.wageIssue() && signal.reporter() != null
                ? ledger.report(enterprise, signal.reporter(), signal.id(), signal.occurredAt())
                : null;
        if (signal.enterpriseName() != null) {
            enterpriseName = signal.enterpriseName();
        }
        if (signal.district() != null) {
            district = signal.district();
        }
        if (signal.industry() != null) {
            industry = signal.industry();
        }
        if (move != null) {
            reporters.apply(move, model.collectiveDispute().window());
        }
        if (signal.id() != null) {
            recentSignals.addLast(signal.id());
            while (recentSignals.size() > REMEMBERED_SIGNALS) {
                recentSignals.removeFirst();
            }
        }
        if (kind.wageIssue() && signal.reporter() != null && repeats(move, signal, model)) {
            // The same worker's wage complaint again (five taps, a complaint and its follow-up): one worker's debt is
            // counted once, in the score and in the money at stake — one worker alone took an employer to ORANGE
            // (exploratory test, 2026-12-04). The worker counts as reporting at the later time.
            return true;
        }
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
        keepIfStrong(signal, model);
        amountAtStakeFen = Signal.plus(amountAtStakeFen, Math.min(signal.amountFen(), Signal.MAX_AMOUNT_FEN));
        return true;
    }

    /**
     * Whether a wage report repeats one the same worker made within the collective-dispute window since the last closure:
     * the ledger moved the worker's latest report on from one in that window, or did not move it (an earlier report, sent
     * late). A retry of the same signal gets the same move, so the same answer.
     */
    private boolean repeats(WageReporter.Move move, Signal signal, RiskModel model) {
        if (move == null) {
            return true;
        }
        Instant previous = move.previous();
        return previous != null && (handledUntil == null || previous.isAfter(handledUntil))
                && !previous.isBefore(signal.occurredAt().minus(model.collectiveDispute().window()));
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

    /**
     * Adds the signal to the pool of strongest signals and, when the pool is full, keeps the
     * strongest at {@link #asOf()} (the newest signal's time). O(pool × log pool) per signal.
     */
    private void keepIfStrong(Signal signal, RiskModel model) {
        if (signal.id() != null) {
            for (Signal kept : strongest) {
                if (signal.id().equals(kept.id())) {
                    return; // applied again (a redelivery the recent ids no longer remember)
                }
            }
        }
        strongest.add(signal); // the store keeps only what an explanation shows (no reporter key)
        int pool = model.explainPool();
        if (strongest.size() <= pool) {
            return;
        }
        record Ranked(Signal signal, double contribution) {
        }
        Instant at = asOf;
        List<Ranked> ranked = new ArrayList<>(strongest.size());
        for (Signal kept : strongest) {
            ranked.add(new Ranked(kept, model.contribution(kept, at)));
        }
        // On equal contributions keep the newer one: it decays no faster.
        ranked.sort(Comparator.comparingDouble(Ranked::contribution).reversed()
                .thenComparing(r -> r.signal().occurredAt(), Comparator.reverseOrder()));
        strongest.clear();
        for (int i = 0; i < pool; i++) {
            strongest.add(ranked.get(i).signal());
        }
    }

    /**
     * The {@code explainTop} strongest signals at {@code at}, from the pool (see the class comment
     * for why that is close enough). Only signals since the last closed warning.
     */
    public List<SignalContribution> explain(Instant at, RiskModel model) {
        return model.explain(strongest, at);
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

    /**
     * Distinct workers who raised wage issues within the collective-dispute window before
     * {@code at} (to the hour: see {@link DistinctReporters}).
     */
    public int workersReporting(Instant at, RiskModel model) {
        return reporters.within(at, model.collectiveDispute().window());
    }

    /**
     * A wage signal within the collective-dispute window that is a collective case on its own (many
     * workers or a large amount in one order or report). Such a signal contributes most of a score,
     * so the pool of strongest signals holds it while it is recent.
     */
    public java.util.Optional<Signal> collectiveCase(Instant at, RiskModel model) {
        CollectiveDisputeRule rule = model.collectiveDispute();
        Instant since = at.minus(rule.window());
        return strongest.stream()
                .filter(s -> model.knows(s.kind()) && model.kind(s.kind()).wageIssue())
                .filter(s -> !s.occurredAt().isBefore(since) && !s.occurredAt().isAfter(at))
                .filter(rule::collectiveOnItsOwn)
                .max(java.util.Comparator.comparingDouble(Signal::magnitude));
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
        boolean collective = workers >= rule.minWorkers() || collectiveCase(now, model).isPresent();
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
        strongest.clear();
        reporters.restartAfter(closedAt);
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

    /**
     * What the register (member-card-service) says of the enterprise overrides what signals said:
     * it is the source of truth for organisations. A {@code null} leaves the signals' word.
     */
    public void registered(String registeredName, String registeredDistrict, String registeredIndustry) {
        if (registeredName != null) {
            enterpriseName = registeredName;
        }
        if (registeredDistrict != null) {
            district = registeredDistrict;
        }
        if (registeredIndustry != null) {
            industry = registeredIndustry;
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

    /** The pool of strongest signals (only the fields an explanation shows). */
    public List<Signal> strongest() {
        return List.copyOf(strongest);
    }

    public DistinctReporters reporters() {
        return reporters;
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
