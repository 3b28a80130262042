package cn.unionhub.alert.warning.domain;

import cn.unionhub.alert.risk.domain.Assessment;
import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.alert.AlertClosed;
import cn.unionhub.events.alert.AlertLevelChanged;
import cn.unionhub.events.alert.AlertRaised;
import cn.unionhub.events.alert.AlertVerified;
import cn.unionhub.events.alert.SignalContribution;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A labor-relations risk warning (风险预警) and its closed loop: raised and pushed → verified
 * (confirmed or false positive) → joint disposal → service docking → closed with source-governance
 * notes. A false positive is closed straight after verification. Anything else out of order is a
 * conflict.
 */
public record Warning(String id, String enterprise, String enterpriseName, String district, String industry,
        WarningLevel level, double score, boolean collectiveDispute, int workersReporting, long amountAtStakeFen,
        Map<String, Double> kindContributions, List<SignalContribution> signals, boolean legalHealthCheckRecommended,
        List<String> pushedTo, Status status, Verdict verdict, String verificationReason, String disposal,
        String docking, String governanceNotes, Instant raisedAt, Instant closedAt, List<Step> history) {

    public static final int MAX_TEXT = 2000;
    private static final String REOPENED_NOTE = "误报认定后出现新的证据，需重新核实";
    /**
     * How much new evidence must add to the score to reopen a false positive: a routine daily count of next to nothing
     * reopened it each time, undoing the district's verdict for ever (exploratory test, 2026-12-05).
     */
    static final double REOPENING_RISE = 5.0;

    /** Where a warning is in its closed loop. */
    public enum Status {
        PUSHED, CONFIRMED, FALSE_POSITIVE, DISPOSED, DOCKED, CLOSED
    }

    public enum Verdict {
        CONFIRMED, FALSE_POSITIVE
    }

    /** What happened to a warning and when; the daily report reads these. */
    public enum Action {
        RAISED, UPGRADED, DOWNGRADED, VERIFIED, DISPOSED, DOCKED, CLOSED,
        /** New evidence after a false-positive verdict: the warning is verified again. */
        REOPENED
    }

    /**
     * One step of the warning's history: {@code by} the role that took it ("alert-service" for its own
     * level changes), {@code who} the account, so the loop says which person verified, disposed of or
     * closed it (null for the service's own steps, and for steps before 2026-12-04).
     */
    public record Step(Action action, WarningLevel level, String by, String who, String note, Instant at) {
    }

    /** Who takes a step of the loop: the role it is taken in (what events say) and the account. */
    public record Acting(String role, String who) {
    }

    public record Changed(Warning changed, List<DomainEvent> events) {
    }

    public Warning {
        kindContributions = Map.copyOf(kindContributions);
        signals = List.copyOf(signals);
        pushedTo = List.copyOf(pushedTo);
        history = List.copyOf(history);
    }

    /**
     * Raises a warning from an assessment that went up a level while none was open.
     *
     * @param signals   the strongest signals, already explained
     * @param pushedTo  who gets it: the department and the local union
     * @param legalHealthCheck whether the enterprise drew enough warnings for a legal health check
     */
    public static Changed raise(String id, String enterprise, String enterpriseName, String district, String industry,
            Assessment assessment, List<SignalContribution> signals, List<String> pushedTo, boolean legalHealthCheck,
            Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Map<String, Double> kinds = rounded(assessment.kindScores());
        Warning w = new Warning(id, enterprise, enterpriseName, district, industry, assessment.level(),
                round(assessment.score()), assessment.collectiveDispute(), assessment.workersReporting(),
                assessment.amountAtStakeFen(), kinds, signals, legalHealthCheck, pushedTo, Status.PUSHED, null, null, null,
                null, null, now, null, List.of(new Step(Action.RAISED, assessment.level(), "alert-service", null, null, now)));
        return new Changed(w, List.of(new AlertRaised(id, enterprise, enterpriseName, district, industry,
                w.level.name(), w.score, w.collectiveDispute, w.workersReporting, w.amountAtStakeFen, kinds, signals,
                legalHealthCheck, pushedTo, now)));
    }

    /**
     * Follows the enterprise's level while the warning is open. A level below BLUE leaves the warning
     * at BLUE: only people close a warning.
     */
    public Changed reassess(Assessment assessment, List<SignalContribution> explained, Instant at) {
        WarningLevel next = assessment.level() == null ? WarningLevel.BLUE : assessment.level();
        if (status == Status.CLOSED || next == level) {
            return new Changed(this, List.of());
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        boolean up = next.isHigherThan(level);
        Map<String, Double> kinds = rounded(assessment.kindScores());
        List<Step> steps = new ArrayList<>(history);
        steps.add(new Step(up ? Action.UPGRADED : Action.DOWNGRADED, next, "alert-service", null, null, now));
        boolean reopen = up && status == Status.FALSE_POSITIVE;
        if (reopen) {
            steps.add(new Step(Action.REOPENED, next, "alert-service", null, REOPENED_NOTE, now));
        }
        Warning changed = new Warning(id, enterprise, enterpriseName, district, industry, next, round(assessment.score()),
                assessment.collectiveDispute() || (up && collectiveDispute), Math.max(workersReporting,
                assessment.workersReporting()), Math.max(amountAtStakeFen, assessment.amountAtStakeFen()), kinds,
                explained, legalHealthCheckRecommended, pushedTo, reopen ? Status.PUSHED : status, reopen ? null : verdict,
                reopen ? null : verificationReason, disposal, docking, governanceNotes, raisedAt, closedAt, steps);
        return new Changed(changed, List.of(new AlertLevelChanged(id, enterprise, district, level.name(), next.name(),
                up ? "UPGRADE" : "DOWNGRADE", changed.score, assessment.collectiveDispute(), kinds, explained, now)));
    }

    /**
     * New evidence that left the level where it was: the figures people work from (score, workers,
     * money at stake, what contributes) follow it, so those verifying see every complaint, not the
     * state at the last level change. No event: subscribers hear of levels, not of every signal.
     */
    public Warning refresh(Assessment assessment, List<SignalContribution> explained, Instant at) {
        if (status == Status.CLOSED) {
            return this;
        }
        // Evidence after the verdict (a lawsuit filed since) is not what was found false: verified again. It stayed a
        // false positive, out of the queue, and its closure then counted the new evidence as handled (exploratory test).
        boolean reopen = status == Status.FALSE_POSITIVE && assessment.score() >= score + REOPENING_RISE;
        List<Step> steps = history;
        if (reopen) {
            steps = new ArrayList<>(history);
            steps.add(new Step(Action.REOPENED, level, "alert-service", null, REOPENED_NOTE, at.truncatedTo(ChronoUnit.MILLIS)));
        }
        // While found false, the score stays the one the verdict was on: what counts is how much came in since. Moved with
        // each signal, three signals of about 5 points each never reopened it (exploratory test, 2026-12-05).
        double shown = status == Status.FALSE_POSITIVE && !reopen ? score : round(assessment.score());
        return new Warning(id, enterprise, enterpriseName, district, industry, level, shown,
                collectiveDispute || assessment.collectiveDispute(), Math.max(workersReporting, assessment.workersReporting()),
                Math.max(amountAtStakeFen, assessment.amountAtStakeFen()), rounded(assessment.kindScores()), explained,
                legalHealthCheckRecommended, pushedTo, reopen ? Status.PUSHED : status, reopen ? null : verdict,
                reopen ? null : verificationReason, disposal, docking, governanceNotes, raisedAt, closedAt, steps);
    }

    /** Investigation and verification (调查核实). */
    public Changed verify(Verdict result, String reason, Acting by, Instant at) {
        requireStatus("verify", Status.PUSHED);
        if (result == null) {
            throw new RuleViolationException("invalid-warning-action", List.of(new FieldViolation("verdict", "required")));
        }
        String text = requireText("reason", reason);
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Warning next = with(result == Verdict.CONFIRMED ? Status.CONFIRMED : Status.FALSE_POSITIVE, result, text, disposal,
                docking, governanceNotes, closedAt, step(Action.VERIFIED, by, result.name() + "：" + text, now));
        return new Changed(next, List.of(new AlertVerified(id, enterprise, district, level.name(), result.name(), text,
                List.copyOf(kindContributions.keySet().stream().sorted().toList()), by.role(), now)));
    }

    /** Joint disposal (联动处置) of a confirmed risk. */
    public Changed dispose(String notes, Acting by, Instant at) {
        requireStatus("dispose", Status.CONFIRMED);
        String text = requireText("notes", notes);
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        return new Changed(with(Status.DISPOSED, verdict, verificationReason, text, docking, governanceNotes, closedAt,
                step(Action.DISPOSED, by, text, now)), List.of());
    }

    /** Service docking (服务对接): legal aid, mediation, employment services for the workers. */
    public Changed dock(String notes, Acting by, Instant at) {
        requireStatus("dock", Status.DISPOSED);
        String text = requireText("notes", notes);
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        return new Changed(with(Status.DOCKED, verdict, verificationReason, disposal, text, governanceNotes, closedAt,
                step(Action.DOCKED, by, text, now)), List.of());
    }

    /** Closes the loop with source-governance notes (源头治理): after docking, or straight after a false positive. */
    public Changed close(String notes, Acting by, Instant at) {
        requireStatus("close", Status.DOCKED, Status.FALSE_POSITIVE);
        String text = requireText("notes", notes);
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Warning next = with(Status.CLOSED, verdict, verificationReason, disposal, docking, text, now,
                step(Action.CLOSED, by, text, now));
        return new Changed(next, List.of(new AlertClosed(id, enterprise, district, level.name(), verdict.name(), disposal,
                docking, text, now)));
    }

    public boolean isOpen() {
        return status != Status.CLOSED;
    }

    private Warning with(Status s, Verdict v, String reason, String disp, String dock, String notes, Instant closed,
            List<Step> steps) {
        return new Warning(id, enterprise, enterpriseName, district, industry, level, score, collectiveDispute,
                workersReporting, amountAtStakeFen, kindContributions, signals, legalHealthCheckRecommended, pushedTo, s, v,
                reason, disp, dock, notes, raisedAt, closed, steps);
    }

    private List<Step> step(Action action, Acting by, String note, Instant at) {
        List<Step> steps = new ArrayList<>(history);
        steps.add(new Step(action, level, by.role(), by.who(), note, at));
        return steps;
    }

    private void requireStatus(String action, Status... allowed) {
        for (Status s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw new ConflictException("warning-illegal-transition", id, status.name(), action);
    }

    private static String requireText(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new RuleViolationException("invalid-warning-action", List.of(new FieldViolation(field, "required")));
        }
        if (text.length() > MAX_TEXT) {
            throw new RuleViolationException("invalid-warning-action",
                    List.of(new FieldViolation(field, "too-long", MAX_TEXT)));
        }
        return text.strip();
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static Map<String, Double> rounded(Map<String, Double> scores) {
        Map<String, Double> out = new LinkedHashMap<>();
        scores.forEach((kind, score) -> out.put(kind, round(score)));
        return out;
    }
}
