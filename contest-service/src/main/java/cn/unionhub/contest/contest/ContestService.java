package cn.unionhub.contest.contest;

import cn.unionhub.contest.contest.domain.Contest;
import cn.unionhub.contest.contest.domain.ContestAccess;
import cn.unionhub.contest.contest.domain.Region;
import cn.unionhub.contest.contest.domain.TieRule;
import cn.unionhub.contest.contest.store.Contests;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.HashChain;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.store.RequestKeys;
import cn.unionhub.security.Actor;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Planning and publishing contests, by the office of their region (ContestAccess). */
@Service
public class ContestService {

    /** A contest's plan with its events, its notice period and where its best advance. */
    public record Planning(Contest.Plan plan, List<Contest.EventForm> events, int noticeWorkingDays, Link advancement) {
    }

    /** The longest notice period an office may set (公示 runs five to seven working days in practice). */
    public static final int MAX_NOTICE_WORKING_DAYS = 30;
    /** How many contests one list shows: more than a province holds at its three levels in a year. */
    public static final int LIST_LIMIT = 200;
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** The higher-tier contest the best of each event go on to. */
    public record Link(String contestId, int quota, TieRule tieRule) {
    }

    private final Contests contests;
    private final Clock clock;

    ContestService(Contests contests, Clock clock) {
        this.contests = contests;
        this.clock = clock;
    }

    public Contests.Kept plan(Planning planning, Actor actor) {
        return plan(planning, actor, null);
    }

    /**
     * Plans a contest; asked again with the same {@code Idempotency-Key} (a timeout, a second tap), the contest planned
     * the first time — a retry made a second contest with the next number (exploratory test, 2026-12-04).
     */
    public Contests.Kept plan(Planning planning, Actor actor, String idempotencyKey) {
        Contest.Plan plan = planning.plan();
        if (plan.tier() != null && Region.isValid(plan.region())
                && !ContestAccess.mayRun(actor, plan.tier(), new Region(plan.region()), plan.organiser())) {
            throw new ForbiddenException("contest-not-yours");
        }
        if (planning.noticeWorkingDays() < 1 || planning.noticeWorkingDays() > MAX_NOTICE_WORKING_DAYS) {
            throw new RuleViolationException("invalid-contest", List.of(new FieldViolation("noticeWorkingDays", "out-of-range", 1,
                    MAX_NOTICE_WORKING_DAYS)));
        }
        // The whole plan — contest, events, advancement — is checked on a draft before a number is taken: a refused
        // plan leaves no gap in the region's numbering (CX330211-2026-003 and -004 were lost to two refused plans).
        Contest draft = complete(Contest.plan("pending", plan), planning);
        Supplier<String> nextId = () -> contests.nextId(draft.tier().letter(), draft.region().code(), draft.year());
        Optional<RequestKeys.Claim> claim = contests.planKeys().claim(actor.subject(), idempotencyKey,
                HashChain.fields().add(planning.toString()).sha256(), nextId);
        if (claim.isPresent() && !claim.get().first()) {
            Optional<Contests.Kept> earlier = contests.byId(claim.get().id());
            if (earlier.isPresent()) {
                return earlier.get();
            }
            // Claimed, then stopped before the contest was stored: stored now, under the claimed number.
        }
        String id = claim.map(RequestKeys.Claim::id).orElseGet(nextId);
        Contests.Kept kept = new Contests.Kept(complete(Contest.plan(id, plan), planning), planning.noticeWorkingDays());
        try {
            contests.insert(kept);
        } catch (DuplicateKeyException raced) {
            return contests.byId(id).orElseThrow(); // the same key's other request stored it first
        }
        return kept;
    }

    /** The contest with the planned events (numbered after it) and its advancement; every wrong event field at once. */
    private Contest complete(Contest contest, Planning planning) {
        List<FieldViolation> wrong = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < planning.events().size(); i++) {
            Contest.EventForm e = planning.events().get(i);
            if (e.registrationClosesAt() != null && !e.registrationClosesAt().isAfter(now)) {
                // A draft is not edited: one planned with a deadline gone could never be published (exploratory test).
                wrong.add(new FieldViolation("events[" + i + "].registrationClosesAt", "in-the-past"));
            }
            try {
                contest = contest.withEvent(new Contest.EventForm(contest.id() + "-E" + String.format("%02d", i + 1),
                        e.occupationCode(), e.occupationName(), e.rules(), e.registrationClosesAt()));
            } catch (RuleViolationException refused) {
                String at = "events[" + i + "].";
                refused.violations().forEach(v -> wrong.add(new FieldViolation(at + v.field(), v.code(), v.arguments())));
            }
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-contest", wrong);
        }
        Link link = planning.advancement();
        if (link == null) {
            return contest;
        }
        Contest higher = contests.byId(link.contestId()).map(Contests.Kept::contest)
                .orElseThrow(() -> new RuleViolationException("invalid-advancement",
                        List.of(new FieldViolation("advancement.contest", "unknown-value", link.contestId()))));
        return contest.advancingTo(higher, link.quota(), link.tieRule());
    }

    public Contests.Kept publish(String id, Actor actor) {
        return contests.change(id, kept -> {
            requireRun(actor, kept);
            Contest.Changed published = kept.contest().publish(clock.instant());
            return new Contests.Change(kept.with(published.contest()), published.events());
        }).orElseThrow(() -> new NotFoundException("contest-not-found", id));
    }

    /** A published contest is public (its events and rules); a draft only for its office and government systems. */
    public Contests.Kept find(String id, Actor actor) {
        Contests.Kept kept = contests.byId(id).orElseThrow(() -> new NotFoundException("contest-not-found", id));
        if (!kept.contest().isPublished() && !ContestAccess.mayRead(actor, kept.contest())) {
            throw new NotFoundException("contest-not-found", id);
        }
        return kept;
    }

    /**
     * The published contests of a year a worker of {@code region} may look at: those held in the division itself and
     * in the city and province it lies in (a county's worker goes on to the city's and the province's contests).
     */
    public List<Contests.Kept> openTo(String region, Integer year) {
        List<FieldViolation> wrong = new ArrayList<>();
        if (!Region.isValid(region)) {
            wrong.add(new FieldViolation("region", region == null ? "required" : "invalid"));
        }
        int chosen = year == null ? Year.now(clock.withZone(BEIJING)).getValue() : year;
        if (chosen < 2000 || chosen > 2100) {
            wrong.add(new FieldViolation("year", "out-of-range", "2000", "2100"));
        }
        if (!wrong.isEmpty()) {
            throw RuleViolationException.invalid(wrong);
        }
        return contests.published(new Region(region).andContaining(), chosen, LIST_LIMIT);
    }

    /** The contest, for its office only: others learn nothing from a 404. */
    public Contests.Kept run(String id, Actor actor) {
        Contests.Kept kept = contests.byId(id).orElseThrow(() -> new NotFoundException("contest-not-found", id));
        requireRun(actor, kept);
        return kept;
    }

    private static void requireRun(Actor actor, Contests.Kept kept) {
        if (!ContestAccess.mayRun(actor, kept.contest())) {
            if (!ContestAccess.mayRead(actor, kept.contest()) && !kept.contest().isPublished()) {
                throw new NotFoundException("contest-not-found", kept.contest().id());
            }
            throw new ForbiddenException("contest-not-yours");
        }
    }
}
