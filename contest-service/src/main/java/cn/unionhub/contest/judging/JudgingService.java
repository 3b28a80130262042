package cn.unionhub.contest.judging;

import cn.unionhub.contest.contest.domain.Contest;
import cn.unionhub.contest.contest.domain.ContestAccess;
import cn.unionhub.contest.contest.domain.ContestEvent;
import cn.unionhub.contest.judging.domain.Judge;
import cn.unionhub.contest.judging.domain.JudgePanel;
import cn.unionhub.contest.judging.domain.ScoreEntry;
import cn.unionhub.contest.judging.domain.ScoreLedger;
import cn.unionhub.contest.judging.domain.Scoring;
import cn.unionhub.contest.judging.store.Ledgers;
import cn.unionhub.contest.judging.store.Panels;
import cn.unionhub.contest.registration.RegistrationService;
import cn.unionhub.contest.registration.store.Registrations;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.HashChain;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Actor;
import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import org.springframework.stereotype.Service;

/**
 * Judges and their scores. The office assigns judges (by their account) to an event; a judge writes
 * the event's ledger only for competitors of other enterprises — checked against the enterprise the
 * office recorded for them and, as well, the enterprise in their own token.
 */
@Service
public class JudgingService {

    private final Panels panels;
    private final Ledgers ledgers;
    private final Registrations registrations;
    private final RegistrationService entries;
    private final Clock clock;
    private final ResultsOnNotice noticed;

    JudgingService(Panels panels, Ledgers ledgers, Registrations registrations, RegistrationService entries, Clock clock,
            ResultsOnNotice noticed) {
        this.panels = panels;
        this.ledgers = ledgers;
        this.registrations = registrations;
        this.entries = entries;
        this.clock = clock;
        this.noticed = noticed;
    }

    public JudgePanel assign(String eventId, Judge judge, Actor actor) {
        requireOffice(eventId, actor);
        // A competitor does not judge their own event (assigning is rare: reading its entries is fine here).
        if (judge.id() != null && registrations.ofEvent(eventId).stream().anyMatch(k -> judge.id().equals(k.account()))) {
            throw new ConflictException("judge-is-competitor", judge.id(), eventId);
        }
        return panels.change(eventId, panel -> panel.assign(judge));
    }

    /** The office takes a judge off the event's panel: they score no more; what they scored stays on the ledger. */
    public JudgePanel withdraw(String eventId, String judgeId, Actor actor) {
        requireOffice(eventId, actor);
        return panels.change(eventId, panel -> panel.withdraw(judgeId));
    }

    public JudgePanel panel(String eventId, Actor actor) {
        requireOffice(eventId, actor);
        return panels.of(eventId);
    }

    /** A first score by the calling judge. */
    public ScoreEntry score(String eventId, String registrationId, ScoreEntry.Item item, String aspect, long value, Actor judge) {
        return write(eventId, registrationId, judge, (scoring, at) -> at.scoring().score(at.head(), at.sheet(),
                at.competitor().registration(), judge.subject(), item, aspect, value, clock.instant()));
    }

    /** A correction of line {@code supersedes}, with a reason. */
    public ScoreEntry correct(String eventId, int supersedes, ToLongFunction<ScoreEntry.Item> value, String reason, Actor judge) {
        ScoreEntry earlier = ledgers.line(eventId, supersedes).orElseThrow(() -> new NotFoundException("score-entry-not-found", supersedes));
        return write(eventId, earlier.registrationId(), judge, (scoring, at) -> at.scoring().correct(at.head(), at.sheet(),
                at.competitor().registration(), judge.subject(), supersedes, value.applyAsLong(earlier.item()), reason, clock.instant()));
    }

    /** The chief judge lets three scores far apart stand. */
    public ScoreEntry confirm(String eventId, String registrationId, String aspect, String reason, Actor chief) {
        return write(eventId, registrationId, chief, (scoring, at) -> at.scoring().confirm(at.head(), at.sheet(),
                at.competitor().registration(), chief.subject(), aspect, reason, clock.instant()));
    }

    /** Lines {@code from} on of the event's ledger as stored, at most {@code limit}, for its office, its judges and government systems. */
    public List<ScoreEntry> ledger(String eventId, int from, int limit, Actor actor) {
        requireReader(eventId, actor);
        return ledgers.stored(eventId, from, limit);
    }

    /** The whole ledger as stored, checked end to end. */
    public HashChain.Verification verify(String eventId, Actor actor) {
        requireReader(eventId, actor);
        return ScoreLedger.verify(ledgers.stored(eventId));
    }

    /** Whether the caller is a judge of the event. */
    public boolean isJudge(String eventId, Actor actor) {
        return actor.subject() != null && panels.of(eventId).judges().stream().anyMatch(j -> j.id().equals(actor.subject()));
    }

    /** The office, judges of the event, government systems; anyone else: 403. */
    public void requireReader(String eventId, Actor actor) {
        Contest contest = entries.contestOfEvent(eventId);
        if (!ContestAccess.mayRead(actor, contest) && !isJudge(eventId, actor)) {
            throw new ForbiddenException("score-ledger-readers-only", eventId);
        }
    }

    private record At(Scoring scoring, cn.unionhub.contest.judging.domain.LedgerHead head,
            cn.unionhub.contest.judging.domain.Scoresheet sheet, Registrations.Kept competitor) {
    }

    private ScoreEntry write(String eventId, String registrationId, Actor judge, BiFunction<Scoring, At, Scoring.Recorded> step) {
        if (registrationId == null || registrationId.isBlank()) {
            // Whose score: a line of the ledger names one entry (it was a 500 from the store's lookup of no id).
            throw new RuleViolationException("invalid-score", List.of(new FieldViolation("registrationId", "required")));
        }
        ContestEvent event = entries.contestOfEvent(eventId).event(eventId);
        JudgePanel panel = panels.of(eventId);
        // Who is no judge of the event learns nothing else: which entries exist, whose employer they share, whether the
        // results are on notice (those checks came first, exploratory test, 2026-12-05).
        panel.require(judge.subject());
        Scoring scoring = new Scoring(event, panel);
        Registrations.Kept first = registrations.byId(registrationId).filter(k -> k.registration().eventId().equals(eventId))
                .orElseThrow(() -> new NotFoundException("registration-not-found", registrationId));
        if (judge.subject() != null && judge.subject().equals(first.account())) {
            throw new ForbiddenException("judge-is-competitor", judge.subject(), eventId);
        }
        String ownEnterprise = judge.enterprise();
        if (ownEnterprise != null && ownEnterprise.equals(first.registration().competitor().enterprise())) {
            throw new ForbiddenException("judge-own-enterprise", judge.subject(), registrationId);
        }
        if (noticed.onNotice(eventId)) {
            throw new ConflictException("scores-on-notice", event.occupationName());
        }
        // Revising after an upheld objection opens the scores it names, not everyone's: a judge moved another competitor
        // to sole first place and the 一等奖 on the back of an objection about someone else (exploratory test, 2026-12-05).
        noticed.revisable(eventId).filter(named -> !named.contains(registrationId)).ifPresent(named -> {
            throw new ConflictException("scores-not-under-objection", registrationId);
        });
        return ledgers.append(eventId, head -> {
            Registrations.Kept competitor = registrations.byId(registrationId).orElseThrow();
            At at = new At(scoring, head, ledgers.sheet(eventId, registrationId, competitor.lines()), competitor);
            return step.apply(scoring, at);
        }).entry();
    }

    private void requireOffice(String eventId, Actor actor) {
        if (!ContestAccess.mayRun(actor, entries.contestOfEvent(eventId))) {
            throw new ForbiddenException("contest-not-yours");
        }
    }
}
