package cn.unionhub.contest.contest;

import cn.unionhub.contest.contest.domain.Contest;
import cn.unionhub.contest.contest.domain.ContestAccess;
import cn.unionhub.contest.contest.domain.Region;
import cn.unionhub.contest.contest.domain.TieRule;
import cn.unionhub.contest.contest.store.Contests;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Actor;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/** Planning and publishing contests, by the office of their region (ContestAccess). */
@Service
public class ContestService {

    /** A contest's plan with its events, its notice period and where its best advance. */
    public record Planning(Contest.Plan plan, List<Contest.EventForm> events, int noticeWorkingDays, Link advancement) {
    }

    /** The longest notice period an office may set (公示 runs five to seven working days in practice). */
    public static final int MAX_NOTICE_WORKING_DAYS = 30;

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
        Contest.Plan plan = planning.plan();
        if (plan.tier() != null && Region.isValid(plan.region())
                && !ContestAccess.mayRun(actor, plan.tier(), new Region(plan.region()), plan.organiser())) {
            throw new ForbiddenException("contest-not-yours");
        }
        if (planning.noticeWorkingDays() < 1 || planning.noticeWorkingDays() > MAX_NOTICE_WORKING_DAYS) {
            throw new RuleViolationException("invalid-contest", List.of(new FieldViolation("noticeWorkingDays", "out-of-range", 1,
                    MAX_NOTICE_WORKING_DAYS)));
        }
        Contest draft = Contest.plan("pending", plan); // checked before a number is taken: a refused plan leaves no gap
        String id = contests.nextId(draft.tier().letter(), draft.region().code(), draft.year());
        Contest contest = Contest.plan(id, plan);
        for (int i = 0; i < planning.events().size(); i++) {
            Contest.EventForm e = planning.events().get(i);
            contest = contest.withEvent(new Contest.EventForm(id + "-E" + String.format("%02d", i + 1), e.occupationCode(),
                    e.occupationName(), e.rules(), e.registrationClosesAt()));
        }
        Link link = planning.advancement();
        if (link != null) {
            Contest higher = contests.byId(link.contestId()).map(Contests.Kept::contest)
                    .orElseThrow(() -> new RuleViolationException("invalid-advancement",
                            List.of(new FieldViolation("advancement.contest", "unknown-value", link.contestId()))));
            contest = contest.advancingTo(higher, link.quota(), link.tieRule());
        }
        Contests.Kept kept = new Contests.Kept(contest, planning.noticeWorkingDays());
        contests.insert(kept);
        return kept;
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
