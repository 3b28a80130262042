package cn.unionhub.contest.registration;

import cn.unionhub.contest.contest.domain.Contest;
import cn.unionhub.contest.contest.domain.ContestAccess;
import cn.unionhub.contest.contest.store.Contests;
import cn.unionhub.contest.registration.domain.Channel;
import cn.unionhub.contest.registration.domain.Competitor;
import cn.unionhub.contest.registration.domain.Employment;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.contest.registration.store.Registrations;
import cn.unionhub.contest.registry.Entrants;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import cn.unionhub.security.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Entering competitors and deciding on their entries. Who enters by which channel follows the
 * caller: a worker enters themselves (个人报名), an enterprise union its own members (企业工会推荐),
 * the contest office an association's list (行业协会推荐, submitted on paper). The identity number is
 * hashed with the installation's key on arrival and never kept.
 */
@Service
public class RegistrationService {

    /** What an entry form gives; {@code account} names the competitor's own sign-in, so they can follow their scores. */
    public record Entry(String idNumber, String name, String enterprise, String enterpriseName, Employment employment,
            Channel channel, String submittedBy, String account) {
    }

    private final Registrations registrations;
    private final Contests contests;
    private final Entrants entrants;
    private final Clock clock;
    private final EntryConditions conditions;

    RegistrationService(Registrations registrations, Contests contests, Entrants entrants, Clock clock, EntryConditions conditions) {
        this.registrations = registrations;
        this.contests = contests;
        this.entrants = entrants;
        this.clock = clock;
        this.conditions = conditions;
    }

    /**
     * Enters a competitor through the caller's channel, checked against the register ({@link Entrants}):
     * a worker themselves, an enterprise union its own members, the office an association's list.
     */
    public Registrations.Kept register(String eventId, Entry entry, Actor actor) {
        Contest contest = contestOfEvent(eventId);
        Entrants.Acting acting = Entrants.Acting.of(actor);
        if (acting == Entrants.Acting.ENTERPRISE_UNION && (actor.enterprise() == null || !actor.enterprise().equals(entry.enterprise()))) {
            throw new ForbiddenException("not-your-employee");
        }
        if (acting == Entrants.Acting.OFFICE && !ContestAccess.mayRun(actor, contest)) {
            throw new ForbiddenException("contest-not-yours");
        }
        requireOpen(eventId);
        if (entry.idNumber() == null || !ChineseIdentifiers.isValidResidentId(entry.idNumber())) {
            throw new RuleViolationException("invalid-registration", List.of(new FieldViolation("competitor.idNumber",
                    "invalid-resident-id")));
        }
        String idHash = entrants.idHash(entry.idNumber());
        String account = entrants.accountOf(idHash, actor, entry.account(),
                new Entrants.Employer(entry.enterprise(), "invalid-registration", "competitor.enterprise"), contest.region());
        // A judge of the event does not compete in it: they would score their rivals.
        if (account != null && conditions.isJudge(eventId, account)) {
            throw new ConflictException("judge-is-competitor", account, eventId);
        }
        Channel channel = switch (acting) {
            case SELF -> Channel.INDIVIDUAL;
            case ENTERPRISE_UNION -> Channel.ENTERPRISE_UNION;
            case OFFICE -> entry.channel() == null ? Channel.ASSOCIATION : entry.channel();
        };
        String submittedBy = switch (acting) {
            case SELF -> null;
            case ENTERPRISE_UNION -> actor.enterprise();
            case OFFICE -> entry.submittedBy();
        };
        return submit(contest, eventId, new Registration.Application(new Competitor(idHash, entry.name(), entry.enterprise(),
                entry.enterpriseName(), entry.employment()), channel, submittedBy), account, clock.instant(), false);
    }

    /**
     * Enters a competitor who advanced from a lower tier into the linked contest's event of the same
     * occupation, approved at once: the lower tier's final results are the decision.
     */
    public Optional<Registrations.Kept> enterAdvanced(String contestId, String occupationName, Registrations.Kept from,
            String fromContestId) {
        Contest higher = contests.byId(contestId).map(Contests.Kept::contest)
                .orElseThrow(() -> new NotFoundException("contest-not-found", contestId));
        String eventId = higher.events().stream().filter(e -> e.occupationName().equals(occupationName)).findFirst()
                .orElseThrow(() -> new NotFoundException("contest-event-not-found", occupationName)).id();
        Registration r = from.registration();
        Optional<Registrations.Kept> held = registrations.holding(eventId, r.competitor().idHash());
        if (held.isPresent() && held.get().registration().isApproved()) {
            return held; // entered already: advancing twice enters once
        }
        Instant now = clock.instant();
        requireOpen(eventId); // admitted until the higher event's results go on notice
        Registrations.Kept entered = submit(higher, eventId, new Registration.Application(r.competitor(), r.channel(),
                r.channel() == Channel.INDIVIDUAL ? null : "晋级:" + fromContestId), from.account(), now, true);
        return registrations.change(entered.registration().id(), s -> s.approve("advancement:" + fromContestId, now));
    }

    private Registrations.Kept submit(Contest contest, String eventId, Registration.Application application, String account,
            Instant at, boolean advanced) {
        Optional<Registrations.Kept> held = registrations.holding(eventId, application.competitor().idHash());
        List<Registration> earlier = held.map(k -> List.of(k.registration())).orElse(List.of());
        Registration.Changed submitted = Registration.submit(registrations.nextId(eventId), contest, eventId, application, earlier,
                at, advanced);
        registrations.insert(submitted, account, held);
        return new Registrations.Kept(submitted.registration(), account, List.of());
    }

    public Registrations.Kept approve(String id, Actor actor) {
        requireOffice(id, actor);
        registrations.byId(id).ifPresent(k -> requireOpen(k.registration().eventId()));
        return registrations.change(id, r -> r.approve(actor.subject(), clock.instant()))
                .orElseThrow(() -> new NotFoundException("registration-not-found", id));
    }

    /**
     * Entries close when the event's results go on notice: an entry approved after it could never be scored,
     * and the notice went out without it (found in exploratory testing, 2026-12-04).
     */
    private void requireOpen(String eventId) {
        if (conditions.resultsPublished(eventId)) {
            throw new ConflictException("registration-closed-results-noticed", eventId);
        }
    }

    public Registrations.Kept reject(String id, String reason, Actor actor) {
        requireOffice(id, actor);
        return registrations.change(id, r -> r.reject(actor.subject(), reason, clock.instant()))
                .orElseThrow(() -> new NotFoundException("registration-not-found", id));
    }

    /** An event's registrations, for its office and government systems. */
    /**
     * An event's registrations: every one for the office and government systems; for an enterprise's union, the entries
     * it made itself (企业工会推荐) — it follows their approval as the office decides, and sees no one else's.
     */
    public List<Registrations.Kept> ofEvent(String eventId, Actor actor) {
        Contest contest = contestOfEvent(eventId);
        if (ContestAccess.mayRead(actor, contest)) {
            return registrations.ofEvent(eventId);
        }
        if (Entrants.Acting.of(actor) == Entrants.Acting.ENTERPRISE_UNION && actor.enterprise() != null) {
            return registrations.ofEvent(eventId).stream().filter(kept -> enteredBy(actor, kept.registration())).toList();
        }
        throw new ForbiddenException("contest-not-yours");
    }

    /** The caller's own entries (个人报名 and those a union made for them), newest first. */
    public List<Registrations.Kept> mine(Actor actor) {
        return registrations.ofAccount(actor.subject());
    }

    /** One registration: for the office, government systems, the competitor's own account, and the union that entered it. */
    public Registrations.Kept find(String id, Actor actor) {
        Registrations.Kept kept = registrations.byId(id).orElseThrow(() -> new NotFoundException("registration-not-found", id));
        boolean own = kept.account() != null && kept.account().equals(actor.subject());
        if (!own && !enteredBy(actor, kept.registration())
                && !ContestAccess.mayRead(actor, contestOfEvent(kept.registration().eventId()))) {
            throw new NotFoundException("registration-not-found", id);
        }
        return kept;
    }

    /** Whether the caller is the enterprise union that entered the registration. */
    private static boolean enteredBy(Actor actor, Registration registration) {
        return Entrants.Acting.of(actor) == Entrants.Acting.ENTERPRISE_UNION && registration.channel() == Channel.ENTERPRISE_UNION
                && actor.enterprise() != null && actor.enterprise().equals(registration.submittedBy());
    }

    private void requireOffice(String id, Actor actor) {
        Registrations.Kept kept = registrations.byId(id).orElseThrow(() -> new NotFoundException("registration-not-found", id));
        if (!ContestAccess.mayRun(actor, contestOfEvent(kept.registration().eventId()))) {
            throw new ForbiddenException("contest-not-yours");
        }
    }

    /** The contest of an event: event ids are {@code <contest id>-E<nn>}. */
    public Contest contestOfEvent(String eventId) {
        int at = eventId == null ? -1 : eventId.lastIndexOf("-E");
        Contest contest = at < 0 ? null : contests.byId(eventId.substring(0, at)).map(Contests.Kept::contest).orElse(null);
        if (contest == null || contest.events().stream().noneMatch(e -> e.id().equals(eventId))) {
            throw new NotFoundException("contest-event-not-found", eventId);
        }
        return contest;
    }
}
