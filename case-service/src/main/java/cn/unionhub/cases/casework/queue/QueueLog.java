package cn.unionhub.cases.casework.queue;

import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.casework.domain.HistoryEntry;
import cn.unionhub.cases.routing.domain.HandlingOrganisation;
import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import cn.unionhub.platform.domain.AnonymousRelease;
import cn.unionhub.platform.stream.NumberedLog;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Divisions;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Each handling organisation's work queue as a log ({@link NumberedLog}, keyed by the organisation's
 * id): every step of a case while it is, or as it stops being, that organisation's — routed to it,
 * accepted, answered, warned, escalated, transferred away — so its staff's stream can follow the
 * queue without polling. Written after the case and off the thread that changed it; each change
 * tells the case's last few steps again, so a step whose logging was lost comes with the next one.
 * The city union's queue is logged once more for the case's city ({@link #cityLog}).
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
     * Logs the case's latest steps, as they are known at {@code now}, in the queue of the organisation handling it,
     * and of the one it left if it moved. An enterprise union's queue gets an anonymous worker's case only from
     * its release on ({@link #released}), and a step the worker caused (a rating that closes or reopens the case)
     * at the release after it, as the case itself: such steps are not hidden from its stream but kept out of its
     * log until then, because a gap in the numbers the stream sends would tell the moment as well as the step.
     */
    public void changed(String organisationBefore, Case c, Instant now) {
        List<HistoryEntry> history = c.history();
        int from = Math.max(0, history.size() - RETOLD);
        // The queue holding the case hears of the steps since it arrived there, not those of the desk before it: a reopened
        // or transferred case came with up to five of its old steps, each shown in the case's new status (exploratory
        // test, 2026-12-04). The queue it left hears of the steps up to the move.
        int arrived = lastMove(history);
        String handling = c.handledBy().id();
        logLater(handling, c, history.subList(Math.max(from, arrived), history.size()), now);
        if (organisationBefore != null && !organisationBefore.equals(handling)) {
            logLater(organisationBefore, c, history.subList(Math.min(from, arrived), arrived + 1), now);
        }
    }

    /** Where the case last moved to the organisation holding it: the last routing or transfer (its opening's, at least). */
    private static int lastMove(List<HistoryEntry> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            String action = history.get(i).action();
            if ("ROUTED".equals(action) || "TRANSFERRED".equals(action)) {
                return i;
            }
        }
        return 0;
    }

    private void logLater(String organisation, Case c, List<HistoryEntry> told, Instant now) {
        List<NumberedLog.Entry> steps = visible(organisation, c, told, now);
        if (!steps.isEmpty()) {
            log.logLater(organisation, steps);
            String city = cityLog(organisation, c.matter().district());
            if (city != null) {
                log.logLater(city, steps);
            }
        }
    }

    /**
     * The log a city's staff read of an organisation that serves every city, the city union ({@code CITY_UNION@330200}):
     * in the one log all cities share, the numbers a city's stream skips tell it when another city's queue moves. Null for
     * every other organisation (each serves one place) and a case without a district. The shared log stays, for the city
     * union's staff whose claims name no city (one-city installations).
     */
    static String cityLog(String organisation, String district) {
        return Actor.CITY_UNION.equals(organisation) && district != null && Divisions.isValid(district)
                ? organisation + "@" + Divisions.cityOf(district) : null;
    }

    private List<NumberedLog.Entry> visible(String organisation, Case c, List<HistoryEntry> told, Instant now) {
        boolean enterpriseUnion = HandlingOrganisation.parse(organisation)
                .filter(o -> o.type() == HandlingOrganisationType.ENTERPRISE_UNION).isPresent();
        Instant seenFrom = seenFrom(c);
        // From a worker's step whose release is still ahead on, nothing: the steps it caused (a reopened case routed
        // away at the same instant) would tell its moment as well.
        Instant heldFrom = seenFrom == null ? null : c.history().stream()
                .filter(e -> timedByTheWorker(e) && !e.at().isBefore(seenFrom) && release.of(e.at()).isAfter(now))
                .map(HistoryEntry::at).min(Instant::compareTo).orElse(null);
        // Released in batches, the opening's own steps never: the RELEASED step stands for them (a case opened after
        // its release, the event having come late, would otherwise show its opening time).
        boolean batched = release.period().isPresent();
        return told.stream()
                .filter(e -> seenFrom == null || !enterpriseUnion
                        || (!e.at().isBefore(seenFrom) && (!batched || e.at().isAfter(c.deadlines().openedAt()))
                                && (heldFrom == null || e.at().isBefore(heldFrom))))
                .map(e -> new NumberedLog.Entry(c.id() + ":" + e.sequence(), step(c, e.action(), e.at())))
                .toList();
    }

    /**
     * When the enterprise union of an anonymous worker's case may hear of the worker's latest step (a rating that
     * closed or reopened the case): the release after it; null when there is none still held. The case's own first
     * release has its timer from the filing ({@link Case#filedAt()}).
     */
    public Instant heldWorkerStep(Case c, Instant now) {
        return heldAfterLatest(c, now, QueueLog::timedByTheWorker);
    }

    /**
     * The release after the anonymous worker's own latest step (a rating that closed or reopened the case) while it
     * is still ahead, else null: until then the enterprise side is shown the case as it was before ({@code Case.Shown}).
     * Only the worker's own: a deadline warning, though timed by the filing, comes while the chair is still working
     * the case, and the chair must see its own steps (the views show that warning's times by day only).
     */
    public Instant heldRating(Case c, Instant now) {
        // The worker's own steps after the filing: the filing's release is its matter's (filed before the case opened),
        // and counting the OPENED entry hid the chair's own steps when a release boundary fell between the complaint and its
        // case — the chair accepted, and its resolution was refused on the case "as shown", still ROUTED (a flaky e2e).
        return heldAfterLatest(c, now, e -> "WORKER".equals(e.actorRole()) && !"OPENED".equals(e.action()));
    }

    private Instant heldAfterLatest(Case c, Instant now, java.util.function.Predicate<HistoryEntry> step) {
        if (!c.matter().isAnonymous()) {
            return null;
        }
        List<HistoryEntry> history = c.history();
        for (int i = history.size() - 1; i >= 0; i--) {
            if (step.test(history.get(i))) {
                Instant out = release.of(history.get(i).at());
                return out.isAfter(now) ? out : null;
            }
        }
        return null;
    }

    /**
     * Tells the enterprise's own union what of an anonymous worker's case has been released to it by {@code now},
     * if the case is or was in its queue: one {@code RELEASED} step at the case's release, then the steps held back
     * since (the worker's rating and what it caused). Telling again, or about any other case, adds nothing.
     */
    public void released(Case c, Instant now) {
        Instant seenFrom = seenFrom(c);
        if (seenFrom == null || seenFrom.isAfter(now)) {
            return;
        }
        Optional<String> union = HandlingOrganisation.serving(HandlingOrganisationType.ENTERPRISE_UNION, c.matter().enterprise(),
                c.matter().district()).map(HandlingOrganisation::id).filter(id -> wasIn(c, id));
        if (union.isEmpty()) {
            return;
        }
        List<HistoryEntry> history = c.history();
        List<NumberedLog.Entry> entries = new java.util.ArrayList<>();
        entries.add(new NumberedLog.Entry(c.id() + ":released", step(c, "RELEASED", seenFrom)));
        entries.addAll(visible(union.get(), c, history.subList(Math.max(0, history.size() - RETOLD), history.size()), now));
        log.log(union.get(), entries);
    }

    /** Whether the case was ever routed or transferred to {@code organisation} (its history names each). */
    private static boolean wasIn(Case c, String organisation) {
        return c.handledBy().id().equals(organisation)
                || c.history().stream().anyMatch(e -> organisation.equals(e.details().get("organisationId")));
    }

    /**
     * Steps whose moment tells when the anonymous worker acted: the worker's own (a rating that closes or reopens
     * the case), and the deadline watcher's, which come a fixed time after the filing (a warning 4 h before a
     * 24-hour deadline is the filing time plus 20 hours).
     */
    private static boolean timedByTheWorker(HistoryEntry e) {
        return "WORKER".equals(e.actorRole()) || FILING_TIMED.contains(e.action());
    }

    private static final java.util.Set<String> FILING_TIMED = java.util.Set.of("DEADLINE_WARNING", "DEADLINE_MISSED", "ESCALATED");

    /** When the enterprise side first sees an anonymous worker's case; null for a named one (at once). */
    private Instant seenFrom(Case c) {
        return c.matter().isAnonymous() ? c.enterpriseSeesAt(release) : null;
    }

    private static Document step(Case c, String action, Instant at) {
        return new Document("caseNumber", c.caseNumber()).append("status", c.status().name()).append("action", action)
                .append("at", Date.from(at)).append("anonymous", c.matter().isAnonymous()).append("organisation", c.handledBy().id())
                .append("district", c.matter().district());
    }

    @PreDestroy
    public void stop() {
        log.stop();
    }
}
