package cn.unionhub.alert.risk;

import cn.unionhub.alert.AlertMetrics;
import cn.unionhub.alert.AlertProperties;
import cn.unionhub.alert.risk.domain.Assessment;
import cn.unionhub.alert.risk.domain.EventSignals;
import cn.unionhub.alert.risk.domain.RiskModel;
import cn.unionhub.alert.risk.domain.RiskProfile;
import cn.unionhub.alert.risk.domain.Signal;
import cn.unionhub.alert.risk.store.Profiles;
import cn.unionhub.alert.risk.store.Signals;
import cn.unionhub.alert.warning.domain.Warning;
import cn.unionhub.alert.warning.store.Warnings;
import cn.unionhub.events.alert.SignalContribution;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Applies signals to enterprises' risk profiles and raises or moves their warnings.
 *
 * <p>Order of writes, so that a crash anywhere is repaired by the redelivery: the signal (by id),
 * then the warning (its id is the profile's next sequence number, so a replayed raise finds it
 * already there), then the profile (versioned; a concurrent change re-runs the whole step).
 */
@Service
public class RiskService {

    private static final Logger log = LoggerFactory.getLogger(RiskService.class);
    private static final int ATTEMPTS = 5;

    private final AlertProperties properties;
    private final RiskModel model;
    private final Signals signals;
    private final Profiles profiles;
    private final Warnings warnings;
    private final Clock clock;
    private final AlertMetrics metrics;

    RiskService(AlertProperties properties, Signals signals, Profiles profiles, Warnings warnings, Clock clock,
            AlertMetrics metrics) {
        this.properties = properties;
        this.metrics = metrics;
        this.model = properties.riskModel();
        this.signals = signals;
        this.profiles = profiles;
        this.warnings = warnings;
        this.clock = clock;
    }

    public RiskModel model() {
        return model;
    }

    /** Applies one signal once, however often it arrives. */
    public void record(Signal signal) {
        boolean stored = signals.insert(signal);
        if (stored) {
            metrics.signal(signal.kind());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Profiles.Loaded loaded = profiles.load(signal.enterprise());
                RiskProfile profile = loaded.profile();
                if (!stored && profile.hasApplied(signal.id())) {
                    return; // a redelivery of a signal that was fully applied
                }
                boolean applied = profile.apply(signal, model);
                evaluate(profile, loaded.version(), applied);
                return;
            } catch (OptimisticLockingFailureException | DuplicateKeyException concurrent) {
                if (attempt == ATTEMPTS) {
                    throw concurrent;
                }
            }
        }
    }

    /** Re-checks an enterprise without a new signal: decay can bring a sustained downgrade. */
    public void reassess(String enterprise) {
        for (int attempt = 1; ; attempt++) {
            try {
                Profiles.Loaded loaded = profiles.load(enterprise);
                evaluate(loaded.profile(), loaded.version(), false);
                return;
            } catch (OptimisticLockingFailureException concurrent) {
                if (attempt == ATTEMPTS) {
                    throw concurrent;
                }
            }
        }
    }

    public void reassessAll() {
        for (String enterprise : profiles.withLevel()) {
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
        profile.defaultIndustry(properties.industries().get(profile.enterprise()));
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
            warnings.change(profile.openWarningId(), w -> new Warning.Changed(w.refresh(assessment, explained), List.of()));
        }
        profiles.save(profile, version);
    }

    private void raise(RiskProfile profile, Assessment assessment, Instant now) {
        String id = profile.nextWarningId();
        boolean legalHealthCheck = profile.warningsRaisedSince(now.minus(properties.legalHealthCheck().within())) + 1
                >= properties.legalHealthCheck().warnings();
        List<String> pushTo = properties.pushTo().stream()
                .map(t -> t.replace("{districtName}", properties.districtName(profile.district()))
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

    private List<SignalContribution> explain(RiskProfile profile, Instant now) {
        return model.explain(signals.of(profile.enterprise(), profile.handledUntil()), now);
    }
}
