package cn.unionhub.contest.results;

import cn.unionhub.contest.award.store.AwardSchemeStore;
import cn.unionhub.contest.contest.domain.Contest;
import cn.unionhub.contest.contest.domain.ContestAccess;
import cn.unionhub.contest.contest.store.Contests;
import cn.unionhub.contest.judging.domain.Scorecard;
import cn.unionhub.contest.judging.store.Ledgers;
import cn.unionhub.contest.notice.domain.Notice;
import cn.unionhub.contest.notice.domain.Objection;
import cn.unionhub.contest.notice.domain.Verdict;
import cn.unionhub.contest.notice.store.ObjectionFiling;
import cn.unionhub.contest.ranking.RankingService;
import cn.unionhub.contest.ranking.domain.Ranking;
import cn.unionhub.contest.registration.RegistrationService;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.contest.registration.store.Registrations;
import cn.unionhub.contest.results.domain.EventResults;
import cn.unionhub.contest.results.store.ResultsStore;
import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.security.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * 公示 and objections up to final results: the office notices an event's results (computed from the
 * ledger at that moment), anyone signed in objects by name with evidence while the notice is open,
 * the office answers; an upheld objection is followed by a correction on the ledger and a new
 * notice; after the notice has closed the office makes the results final — awards granted (prize
 * money published), the best entered in the linked higher contest, certificates issued, the ledger
 * closed.
 */
@Service
public class ResultsService {

    private static final Logger log = LoggerFactory.getLogger(ResultsService.class);

    /** Published in-process once an event's results are final: certificates follow. */
    public record Finalised(EventResults results) {
    }

    /** What a competitor (or the office) sees of one competitor's scores. */
    public record OwnScores(Registrations.Kept registration, Scorecard scorecard, Ranking.Line line) {
    }

    private final ResultsStore results;
    private final Contests contests;
    private final RegistrationService entries;
    private final Registrations registrations;
    private final RankingService rankings;
    private final AwardSchemeStore schemes;
    private final Ledgers ledgers;
    private final BusinessCalendar calendar;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;
    private final ObjectionFiling filing;

    ResultsService(ResultsStore results, Contests contests, RegistrationService entries, Registrations registrations,
            RankingService rankings, AwardSchemeStore schemes, Ledgers ledgers, BusinessCalendar calendar, Clock clock,
            ApplicationEventPublisher publisher, ObjectionFiling filing) {
        this.filing = filing;
        this.results = results;
        this.contests = contests;
        this.entries = entries;
        this.registrations = registrations;
        this.rankings = rankings;
        this.schemes = schemes;
        this.ledgers = ledgers;
        this.calendar = calendar;
        this.clock = clock;
        this.publisher = publisher;
    }

    /** The first notice, or after an upheld objection the notice of the revised results. */
    public EventResults notice(String eventId, Actor actor) {
        Contest contest = office(eventId, actor);
        Map<String, Registration> roster = roster(eventId);
        Ranking ranking = rankings.compute(eventId, List.copyOf(roster.values()));
        Instant now = clock.instant();
        int workingDays = contests.byId(contest.id()).orElseThrow().noticeWorkingDays();
        if (results.of(eventId).isEmpty()) {
            EventResults.Changed noticed = EventResults.notice(eventId + "-N1", contest, ranking, schemes.of(contest.id()), roster,
                    workingDays, calendar, now);
            if (results.insert(noticed)) {
                return noticed.results();
            }
        }
        return change(eventId, current -> current.renotice(eventId + "-N" + (current.notice().round() + 1), contest, ranking,
                schemes.of(contest.id()), roster, calendar, now));
    }

    /** The results on notice, for anyone: the public notice. */
    public EventResults published(String eventId) {
        return results.of(eventId).orElseThrow(() -> new NotFoundException("results-not-noticed", eventId));
    }

    /** An objection to the notice by a named person, filed once per {@code Idempotency-Key} ({@link ObjectionFiling}). */
    public Objection object(String eventId, Notice.ObjectionForm form, Actor actor, String idempotencyKey) {
        Notice.ObjectionForm signed = form.signedBy(actor.subject());
        // Checked before a number is taken, as a craftsman batch's: refused objections left gaps the public read as
        // objections deleted (O001, O005, O010 on one notice, exploratory test, 2026-12-05).
        published(eventId).object("pending", signed, clock.instant());
        return filing.file(actor.subject() + "@" + eventId, idempotencyKey, signed, () -> results.nextObjectionId(eventId),
                () -> published(eventId).notice(), id -> change(eventId, current -> current.object(id, signed, clock.instant())).notice());
    }

    /** Every round's objections, each as it stands last, as the office reads them before answering. */
    public List<cn.unionhub.contest.notice.domain.Objection> objections(String eventId, Actor actor) {
        office(eventId, actor);
        return published(eventId).allObjections();
    }

    public EventResults answer(String eventId, String objectionId, Verdict verdict, String reason, Actor actor) {
        office(eventId, actor);
        return change(eventId, current -> current.answer(objectionId, verdict, reason, actor.subject(), clock.instant()));
    }

    /**
     * Final once the notice closed with every objection answered; then the ledger closes, the best are
     * entered in the higher contest and certificates are issued. Those follow-ups are idempotent, so
     * finalising again after a failure among them completes them.
     */
    public EventResults finalise(String eventId, Actor actor) {
        Contest contest = office(eventId, actor);
        Instant now = clock.instant();
        EventResults current = published(eventId);
        EventResults done = current.status() == EventResults.Status.FINAL ? current
                : change(eventId, r -> r.finalise(now));
        ledgers.close(eventId, now);
        advance(contest, done);
        publisher.publishEvent(new Finalised(done));
        return done;
    }

    /**
     * A competitor's own scores: for them only once their results went on notice; for the office
     * and government systems always.
     */
    public OwnScores scores(String registrationId, Actor actor) {
        Registrations.Kept kept = entries.find(registrationId, actor);
        String eventId = kept.registration().eventId();
        Contest contest = entries.contestOfEvent(eventId);
        if (!ContestAccess.mayRead(actor, contest)) {
            EventResults noticed = results.of(eventId).orElse(null);
            if (noticed == null || noticed.notice().opensAt().isAfter(clock.instant())) {
                throw new ForbiddenException("scores-not-noticed", registrationId);
            }
        }
        Scorecard card = Scorecard.of(contest.event(eventId).rules(), ledgers.sheet(eventId, registrationId, kept.lines()));
        Ranking.Line line = results.of(eventId).flatMap(r -> r.ranking().lineOf(registrationId)).orElse(null);
        return new OwnScores(kept, card, line);
    }

    /** The registrations of the event by id (approved ones are ranked). */
    public Map<String, Registration> roster(String eventId) {
        return registrations.ofEvent(eventId).stream().map(Registrations.Kept::registration)
                .collect(Collectors.toMap(Registration::id, r -> r, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private void advance(Contest contest, EventResults done) {
        if (done.advancing().isEmpty()) {
            return;
        }
        String occupation = contest.event(done.eventId()).occupationName();
        List<String> failed = new ArrayList<>();
        for (EventResults.Advancing a : done.advancing()) {
            Registrations.Kept from = registrations.byId(a.registrationId()).orElseThrow();
            try {
                entries.enterAdvanced(a.toContestId(), occupation, from, contest.id());
            } catch (ConflictException | NotFoundException refused) {
                failed.add(a.registrationId() + ": " + refused.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            log.warn("Advancement from {} to the next tier incomplete ({}): {}", done.eventId(), failed.size(), failed);
        }
    }

    private EventResults change(String eventId, Function<EventResults, EventResults.Changed> step) {
        return results.change(eventId, step).orElseThrow(() -> new NotFoundException("results-not-noticed", eventId));
    }

    private Contest office(String eventId, Actor actor) {
        Contest contest = entries.contestOfEvent(eventId);
        if (!ContestAccess.mayRun(actor, contest)) {
            throw new ForbiddenException("contest-not-yours");
        }
        return contest;
    }
}
