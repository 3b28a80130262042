package cn.unionhub.alert.risk;

import cn.unionhub.alert.AlertMetrics;
import cn.unionhub.alert.AlertProperties;
import cn.unionhub.alert.registry.domain.DistrictNames;
import cn.unionhub.alert.registry.domain.EnterpriseRegister;
import cn.unionhub.alert.risk.domain.Assessment;
import cn.unionhub.alert.risk.domain.RiskModel;
import cn.unionhub.alert.risk.domain.RiskProfile;
import cn.unionhub.alert.risk.domain.Signal;
import cn.unionhub.alert.risk.domain.WageReporter;
import cn.unionhub.alert.risk.store.Profiles;
import cn.unionhub.alert.risk.store.RiskLevels;
import cn.unionhub.alert.risk.store.Signals;
import cn.unionhub.alert.risk.store.WageReporters;
import cn.unionhub.alert.warning.domain.Warning;
import cn.unionhub.alert.warning.domain.WarningLevel;
import cn.unionhub.alert.warning.store.Warnings;
import cn.unionhub.events.alert.SignalContribution;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Applies signals to enterprises' risk profiles and raises or moves their warnings.
 *
 * <p>Order of writes, so that a crash anywhere is repaired by the redelivery: the signal (by id),
 * then, for a wage issue, the worker's entry in the wage-reporter ledger (it remembers which signal
 * moved it, so a retry applies the same move again), then the warning (its id is the profile's next
 * sequence number, so a replayed raise finds it already there), then the profile (versioned; a
 * concurrent change re-runs the whole step).
 *
 * <p>The work per signal is constant — a few reads and writes by key, none of which grows with the
 * enterprise's history or the number of enterprises: the profile is bounded (see
 * {@link RiskProfile}), the explanation comes from the profile's pool of strongest signals rather
 * than from the {@code signals} collection, and the enterprises to re-assess are listed in
 * {@link RiskLevels} rather than searched for. What the register says of the enterprise (name,
 * district, industry) is one more read by key, and district names are held in memory.
 */
@Service
public class RiskService {

    private static final Logger log = LoggerFactory.getLogger(RiskService.class);
    private static final int ATTEMPTS = 5;
    /** Signals of one enterprise applied in one profile write: see {@link #recordAll}. */
    static final int TOGETHER = RiskProfile.REMEMBERED_SIGNALS / 2;
    /** Wage reports of one worker in one part: see {@link #recordAll}. */
    static final int WAGE_REPORTS_TOGETHER = WageReporter.MOVES_KEPT / 2;

    private final AlertProperties properties;
    private final EnterpriseRegister register;
    private final DistrictNames districtNames;
    private final RiskModel model;
    private final Signals signals;
    private final Profiles profiles;
    private final WageReporters reporters;
    private final RiskLevels levels;
    private final Warnings warnings;
    private final Clock clock;
    private final AlertMetrics metrics;

    RiskService(AlertProperties properties, EnterpriseRegister register, DistrictNames districtNames, Signals signals,
            Profiles profiles, WageReporters reporters, RiskLevels levels, Warnings warnings, Clock clock, AlertMetrics metrics) {
        this.properties = properties;
        this.register = register;
        this.districtNames = districtNames;
        this.metrics = metrics;
        this.model = properties.riskModel();
        this.signals = signals;
        this.profiles = profiles;
        this.reporters = reporters;
        this.levels = levels;
        this.warnings = warnings;
        this.clock = clock;
    }

    public RiskModel model() {
        return model;
    }

    /** Applies one signal once, however often it arrives. */
    public void record(Signal signal) {
        recordAll(List.of(signal), applied -> {
        });
    }

    /**
     * What became of another system's batch: the signals stored for the first time (a sender told "accepted"
     * counts only these, not its retries), and of those the ones dated no later than their enterprise's last
     * closed warning — handled with it, so they count for nothing (the sender learns it rather than guessing).
     */
    public record Reported(List<Signal> fresh, List<Signal> alreadyHandled) {
    }

    /** Another system's batch: each signal applied once (as {@link #recordAll}); see {@link Reported}. */
    public Reported recordReported(List<Signal> batch) {
        List<Signal> fresh = new ArrayList<>();
        recordAll(batch, applied -> {
        }, fresh::addAll);
        // One read per enterprise of the new signals, on the API's path only (the topic's path stays as it was).
        Map<String, Instant> handledUntil = new HashMap<>();
        List<Signal> handled = new ArrayList<>();
        for (Signal s : fresh) {
            Instant until = handledUntil.computeIfAbsent(s.enterprise(), e -> Optional.ofNullable(
                    profiles.load(e).profile().handledUntil()).orElse(Instant.MIN));
            if (!s.occurredAt().isAfter(until)) {
                handled.add(s);
            }
        }
        return new Reported(fresh, handled);
    }

    /**
     * Applies signals once each, however often they arrive, an enterprise at a time: each
     * enterprise's signals (in their order, up to {@link #TOGETHER} at once) are applied to its
     * profile in one read and one write, and its warning moves at most once for them. A burst about
     * one enterprise — a collective dispute — thus costs a few store commands per poll rather than
     * seven per signal. Reports each part with {@code applied} once its profile is written.
     *
     * <p>Why parts are bounded: a part whose profile write was lost (a concurrent change, a crash)
     * is applied again, and a part written but not reported comes back. The profile must then
     * recognise every signal of the part as applied — it remembers the last
     * {@link RiskProfile#REMEMBERED_SIGNALS} signal ids, twice {@link #TOGETHER} — and the
     * wage-reporter ledger must give each wage report of the part the move it made the first time —
     * it remembers a worker's last {@link WageReporter#MOVES_KEPT} moves, twice
     * {@link #WAGE_REPORTS_TOGETHER}.
     */
    public void recordAll(List<Signal> batch, Consumer<List<Signal>> applied) {
        recordAll(batch, applied, stored -> {
        });
    }

    private void recordAll(List<Signal> batch, Consumer<List<Signal>> applied, Consumer<List<Signal>> firstStored) {
        List<Signal> stored = signals.insertAll(batch);
        for (Signal s : stored) {
            metrics.signal(s.kind());
        }
        firstStored.accept(stored);
        Map<String, List<Signal>> byEnterprise = new LinkedHashMap<>();
        for (Signal signal : batch) {
            byEnterprise.computeIfAbsent(signal.enterprise(), e -> new ArrayList<>()).add(signal);
        }
        for (List<Signal> ofOne : byEnterprise.values()) {
            List<Signal> part = new ArrayList<>();
            Map<String, Integer> wageReports = new HashMap<>();
            for (Signal signal : ofOne) {
                boolean wageReport = signal.reporter() != null && model.kind(signal.kind()).wageIssue();
                if (part.size() == TOGETHER
                        || wageReport && wageReports.getOrDefault(signal.reporter(), 0) == WAGE_REPORTS_TOGETHER) {
                    apply(part);
                    applied.accept(part);
                    part = new ArrayList<>();
                    wageReports.clear();
                }
                part.add(signal);
                if (wageReport) {
                    wageReports.merge(signal.reporter(), 1, Integer::sum);
                }
            }
            apply(part);
            applied.accept(part);
        }
    }

    /** Signals of one enterprise to its profile, in one read and one write. */
    private void apply(List<Signal> part) {
        for (int attempt = 1; ; attempt++) {
            try {
                String enterprise = part.get(0).enterprise();
                Profiles.Loaded loaded = profiles.load(enterprise);
                RiskProfile profile = loaded.profile();
                // The part's wage reporters in one read and one write (before the profile's).
                WageReporters.Batch ledger = reporters.batch(enterprise, part.stream()
                        .filter(s -> s.reporter() != null && model.kind(s.kind()).wageIssue()).map(Signal::reporter).toList());
                boolean fresh = false;
                boolean evidence = false;
                for (Signal signal : part) {
                    // A signal already applied is a redelivery, or the same signal delivered twice
                    // at once whose twin won the race for the profile.
                    if (!profile.hasApplied(signal.id())) {
                        fresh = true;
                        evidence |= profile.apply(signal, model, ledger);
                    }
                }
                ledger.write();
                if (fresh) {
                    evaluate(profile, loaded.version(), evidence);
                }
                return;
            } catch (OptimisticLockingFailureException | DuplicateKeyException concurrent) {
                if (attempt == ATTEMPTS) {
                    throw concurrent;
                }
            }
        }
    }

    /**
     * Re-checks an enterprise without a new signal: decay can bring a sustained downgrade. An
     * enterprise left without a level is taken off the re-assessment list — after its profile was
     * written, and only if nobody listed it again since the list was read (see {@link RiskLevels}).
     */
    public void reassess(String enterprise) {
        for (int attempt = 1; ; attempt++) {
            try {
                String listing = levels.listing(enterprise); // read before the profile
                Profiles.Loaded loaded = profiles.load(enterprise);
                evaluate(loaded.profile(), loaded.version(), false);
                if (loaded.profile().level() == null && listing != null) {
                    levels.unlist(enterprise, listing);
                }
                return;
            } catch (OptimisticLockingFailureException | DuplicateKeyException concurrent) {
                if (attempt == ATTEMPTS) {
                    throw concurrent;
                }
            }
        }
    }

    /** Re-checks every enterprise with a level: as many as are currently at risk, not every one ever scored. */
    public void reassessAll() {
        for (String enterprise : levels.enterprises()) {
            try {
                reassess(enterprise);
            } catch (RuntimeException e) {
                log.warn("Re-assessing {} failed; the next round tries again", enterprise, e);
            }
        }
    }

    /** The open warning was closed: the enterprise's score starts again from new evidence. */
    public void warningClosed(Warning closed) {
        for (int attempt = 1; ; attempt++) {
            try {
                Profiles.Loaded loaded = profiles.load(closed.enterprise());
                loaded.profile().warningClosed(closed.id(), closed.closedAt());
                profiles.save(loaded.profile(), loaded.version());
                return;
            } catch (OptimisticLockingFailureException concurrent) {
                if (attempt == ATTEMPTS) {
                    throw concurrent;
                }
            }
        }
    }

    /** @param newEvidence whether a signal was just applied: an open warning's figures then follow it even without a level change */
    private void evaluate(RiskProfile profile, Long version, boolean newEvidence) {
        Instant now = clock.instant();
        WarningLevel loadedLevel = profile.level();
        register.find(profile.enterprise()).ifPresent(e -> profile.registered(e.name(), e.district(), e.industry()));
        if (profile.district() == null) {
            // An enterprise neither the register nor its signals place: the district its credit code was registered in.
            // Its warnings had no district, so no union saw them and no daily report counted them (exploratory test,
            // 2026-12-04).
            profile.registered(null, cn.unionhub.security.Divisions.ofCreditCode(profile.enterprise()).orElse(null), null);
        }
        if (profile.openWarningId() != null) {
            // Heal a close whose profile update was lost: the warning is the truth.
            warnings.byId(profile.openWarningId()).filter(w -> !w.isOpen())
                    .ifPresent(w -> profile.warningClosed(w.id(), w.closedAt()));
        }
        Assessment assessment = profile.assess(now, model);
        if (assessment.change() == Assessment.Change.UPGRADE && profile.openWarningId() == null) {
            raise(profile, assessment, now);
        } else if (assessment.change() != Assessment.Change.NONE && profile.openWarningId() != null) {
            List<SignalContribution> explained = explain(profile, now);
            // The change may run more than once (concurrent writers); the last run is the one written.
            AtomicReference<Warning.Changed> written = new AtomicReference<>();
            warnings.change(profile.openWarningId(), w -> {
                written.set(w.reassess(assessment, explained, now));
                return written.get();
            });
            if (written.get() != null && !written.get().events().isEmpty() && assessment.change() == Assessment.Change.UPGRADE) {
                metrics.raised(written.get().changed().level());
            }
            log.info("Warning {} of {}: {} → {}", profile.openWarningId(), profile.enterprise(), assessment.previousLevel(),
                    assessment.level());
        } else if (newEvidence && profile.openWarningId() != null) {
            List<SignalContribution> explained = explain(profile, now);
            warnings.change(profile.openWarningId(), w -> new Warning.Changed(w.refresh(assessment, explained, now), List.of()));
        }
        if (profile.level() != null && profile.level() != loadedLevel) {
            // Listed before the write that gives the enterprise a level (also on a change of level,
            // which heals a profile that got its level before the list existed).
            levels.list(profile.enterprise());
        }
        profiles.save(profile, version);
    }

    private void raise(RiskProfile profile, Assessment assessment, Instant now) {
        String id = profile.nextWarningId();
        boolean legalHealthCheck = confirmedOrOpenWarningsSince(profile, now.minus(properties.legalHealthCheck().within())) + 1
                >= properties.legalHealthCheck().warnings();
        List<String> pushTo = properties.pushTo().stream()
                .map(t -> t.replace("{districtName}", districtName(profile.district()))
                        .replace("{enterpriseName}", profile.enterpriseName() == null ? profile.enterprise() : profile.enterpriseName()))
                .toList();
        Warning.Changed raised = Warning.raise(id, profile.enterprise(), profile.enterpriseName(), profile.district(),
                profile.industry(), assessment, explain(profile, now), pushTo, legalHealthCheck, now);
        try {
            warnings.insert(raised);
            metrics.raised(assessment.level());
            log.info("Warning {} raised: {} {} score {} collective {}", id, profile.enterprise(), assessment.level(),
                    Math.round(assessment.score()), assessment.collectiveDispute());
        } catch (DuplicateKeyException replay) {
            log.info("Warning {} was already raised (replay)", id);
        }
        profile.warningRaised(id, now);
    }

    /**
     * The enterprise's earlier warnings raised since {@code since} that were not found false (法治体检 is recommended after
     * repeated real warnings; warnings verified as false positives counted too). Read by id, newest first, stopping at the
     * first older one or once enough are found: a few key reads.
     */
    private long confirmedOrOpenWarningsSince(RiskProfile profile, Instant since) {
        long needed = properties.legalHealthCheck().warnings() - 1L;
        long found = 0;
        for (int seq = profile.warningSeq(); seq >= 1 && found < needed; seq--) {
            Warning earlier = warnings.byId(profile.enterprise() + "-" + seq).orElse(null);
            if (earlier == null) {
                continue;
            }
            if (earlier.raisedAt().isBefore(since)) {
                break;
            }
            if (earlier.verdict() != Warning.Verdict.FALSE_POSITIVE) {
                found++;
            }
        }
        return found;
    }

    /** The name the register gives the district; its code if the register names none, 市 for no district. */
    private String districtName(String code) {
        String name = code == null ? "市" : districtNames.nameOf(code);
        return name == null ? code : name;
    }

    /** From the profile's pool of strongest signals: no per-signal read of the enterprise's history. */
    private List<SignalContribution> explain(RiskProfile profile, Instant now) {
        return profile.explain(now, model);
    }
}
