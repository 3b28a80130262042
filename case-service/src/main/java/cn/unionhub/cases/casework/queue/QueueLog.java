package cn.unionhub.cases.casework.queue;

import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.casework.domain.HistoryEntry;
import cn.unionhub.cases.routing.domain.HandlingOrganisation;
import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import cn.unionhub.platform.domain.AnonymousRelease;
import cn.unionhub.platform.stream.NumberedLog;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Each handling organisation's work queue as a log ({@link NumberedLog}, keyed by the organisation's
 * id): every step of a case while it is, or as it stops being, that organisation's — routed to it,
 * accepted, answered, warned, escalated, transferred away — so its staff's stream can follow the
 * queue without polling. Written after the case and off the thread that changed it; each change
 * tells the case's last few steps again, so a step whose logging was lost comes with the next one.
 * Collections {@code case_queues}, {@code case_queue_entries}, {@code case_queue_keys}.
 */
@Component
public class QueueLog {

    /** Steps told again with each change: enough for one lost logging, few enough to read by key. */
    private static final int RETOLD = 5;

    private final NumberedLog log;
    private final AnonymousRelease release;

    public QueueLog(MongoTemplate mongo, AnonymousRelease release) {
        this.log = new NumberedLog(mongo, "case_queue");
        this.release = release;
    }

    NumberedLog log() {
        return log;
    }

    /**
     * Logs the case's latest steps in the queue of the organisation handling it, and of the one it left if it moved.
     * An enterprise union's queue gets an anonymous worker's case's steps only from the case's release on
     * ({@link #released}): not hidden from its stream but never in its log, because a gap in the numbers the
     * stream sends would tell the moment as well as the step.
     */
    public void changed(String organisationBefore, Case c) {
        List<HistoryEntry> history = c.history();
        Instant seenFrom = seenFrom(c);
        List<HistoryEntry> told = history.subList(Math.max(0, history.size() - RETOLD), history.size());
        String now = c.handledBy().id();
        logLater(now, c, told, seenFrom);
        if (organisationBefore != null && !organisationBefore.equals(now)) {
            logLater(organisationBefore, c, told, seenFrom);
        }
    }

    private void logLater(String organisation, Case c, List<HistoryEntry> told, Instant seenFrom) {
        boolean enterpriseUnion = HandlingOrganisation.parse(organisation)
                .filter(o -> o.type() == HandlingOrganisationType.ENTERPRISE_UNION).isPresent();
        List<NumberedLog.Entry> steps = told.stream()
                .filter(e -> seenFrom == null || !enterpriseUnion || !e.at().isBefore(seenFrom))
                .map(e -> new NumberedLog.Entry(c.id() + ":" + e.sequence(), step(c, e.action(), e.at())))
                .toList();
        if (!steps.isEmpty()) {
            log.logLater(organisation, steps);
        }
    }

    /**
     * Tells the enterprise union working an anonymous worker's case that the case has reached it: one
     * {@code RELEASED} step at the release time. Any other case, or telling again, changes nothing.
     */
    public void released(Case c) {
        Instant seenFrom = seenFrom(c);
        if (seenFrom == null || c.assignment().organisationType() != HandlingOrganisationType.ENTERPRISE_UNION) {
            return;
        }
        log.log(c.handledBy().id(), List.of(new NumberedLog.Entry(c.id() + ":released", step(c, "RELEASED", seenFrom))));
    }

    /** When the enterprise side first sees an anonymous worker's case; null for a named one (at once). */
    private Instant seenFrom(Case c) {
        return c.matter().isAnonymous() ? release.of(c.deadlines().openedAt()) : null;
    }

    private static Document step(Case c, String action, Instant at) {
        return new Document("caseNumber", c.caseNumber()).append("status", c.status().name()).append("action", action)
                .append("at", Date.from(at)).append("anonymous", c.matter().isAnonymous()).append("organisation", c.handledBy().id());
    }

    @PreDestroy
    public void stop() {
        log.stop();
    }
}
