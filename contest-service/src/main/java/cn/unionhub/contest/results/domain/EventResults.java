package cn.unionhub.contest.results.domain;

import cn.unionhub.contest.award.domain.Award;
import cn.unionhub.contest.award.domain.AwardScheme;
import cn.unionhub.contest.contest.domain.Advancement;
import cn.unionhub.contest.contest.domain.Contest;
import cn.unionhub.events.contest.AwardGranted;
import cn.unionhub.events.contest.CompetitorAdvanced;
import cn.unionhub.events.contest.ResultsFinal;
import cn.unionhub.events.contest.ResultsNoticed;
import cn.unionhub.contest.judging.domain.Scorecard;
import cn.unionhub.contest.notice.domain.Notice;
import cn.unionhub.contest.notice.domain.Verdict;
import cn.unionhub.contest.ranking.domain.Ranking;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.events.DomainEvent;
import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An event's results on their way to being final: the ranking, the awards and the competitors who
 * advance, put on public notice; objections filed and answered; and, when one is upheld, the
 * record corrected, the ranking computed again and noticed again for a full new period.
 *
 * <p>NOTICED → (objection upheld) → REVISING → (re-ranked from a corrected ledger) → NOTICED … →
 * FINAL, the last only once the current notice has closed with every objection answered. Awards,
 * prize money and advancement are proposals until then, and become facts (events) only when final.
 * After that the ledger takes no more lines: the caller closes its head.
 *
 * @param earlierNotices the notices replaced after an upheld objection, oldest first
 */
public record EventResults(String eventId, String contestId, Status status, Ranking ranking, AwardScheme.Decision awards,
        List<Advancing> advancing, Notice notice, List<Notice> earlierNotices, Instant finalAt) {

    public enum Status {
        NOTICED, REVISING, FINAL
    }

    /** A competitor who goes on to the next tier's contest. */
    public record Advancing(String registrationId, String competitorIdHash, int rank, String toContestId) {
    }

    /** Changed results and the events their change caused. */
    public record Changed(EventResults results, List<DomainEvent> events) {
    }

    /** Judging is not over while a judgement aspect waits for a judge or for review. */
    private static final Set<Scorecard.Shortfall> UNFINISHED = Set.of(Scorecard.Shortfall.AWAITING_JUDGES,
            Scorecard.Shortfall.UNDER_REVIEW);

    public EventResults {
        advancing = List.copyOf(advancing);
        earlierNotices = List.copyOf(earlierNotices);
    }

    /**
     * Puts an event's results on notice for the first time.
     *
     * @param registrations the event's registrations by id: every ranked competitor's must be there
     */
    public static Changed notice(String noticeId, Contest contest, Ranking ranking, AwardScheme scheme,
            Map<String, Registration> registrations, int workingDays, BusinessCalendar calendar, Instant at) {
        requireFinishedJudging(ranking);
        contest.event(ranking.eventId());
        if (ranking.ranked().isEmpty()) {
            // Scores, but nobody with all of them: a notice would rank no one (exploratory test, 2026-12-04).
            throw new ConflictException("results-nobody-ranked", ranking.eventId(), ranking.unranked().size());
        }
        Notice notice = Notice.open(noticeId, ranking.eventId(), 1, workingDays, calendar, at, List.of());
        EventResults results = new EventResults(ranking.eventId(), contest.id(), Status.NOTICED, ranking,
                scheme.decide(ranking, registrations), advancing(contest.advancement(), ranking, registrations), notice, List.of(),
                null);
        return new Changed(results, List.of(results.noticed()));
    }

    /** An objection by a named person with evidence, while the notice is open. */
    public Changed object(String objectionId, Notice.ObjectionForm form, Instant at) {
        requireStatus(Status.NOTICED, "object");
        String concerns = form.concerns();
        boolean listed = concerns == null || ranking.lineOf(concerns).isPresent()
                || ranking.unranked().stream().anyMatch(u -> u.registrationId().equals(concerns));
        if (!listed) {
            throw new RuleViolationException("invalid-objection", List.of(new FieldViolation("concerns", "not-on-notice", concerns)));
        }
        Notice.Changed filed = notice.file(objectionId, form, at);
        return new Changed(with(status, filed.notice(), earlierNotices), filed.events());
    }

    /**
     * Answers an objection with a reason. Upheld, it stops this notice: the results are revised (a
     * score corrected on the ledger, the ranking computed again) and noticed anew. Other objections
     * can still be answered while revising, so several upheld ones go into one revision; new ones
     * wait for the new notice.
     */
    public Changed answer(String objectionId, Verdict verdict, String reason, String by, Instant at) {
        if (status == Status.FINAL) {
            throw new ConflictException("results-status", eventId, status.name(), "answer");
        }
        Notice.Changed answered = notice.answer(objectionId, verdict, reason, by, at);
        Status next = verdict == Verdict.UPHELD ? Status.REVISING : status;
        return new Changed(with(next, answered.notice(), earlierNotices), answered.events());
    }

    /**
     * Notices the revised results for a full new period. The ranking must come from a ledger that has
     * moved on since the last notice — an upheld objection changes the record — and objections not yet
     * answered carry over to the new notice.
     */
    public Changed renotice(String noticeId, Contest contest, Ranking revised, AwardScheme scheme,
            Map<String, Registration> registrations, BusinessCalendar calendar, Instant at) {
        requireStatus(Status.REVISING, "renotice");
        if (!revised.eventId().equals(eventId)) {
            throw new IllegalArgumentException("a ranking of " + revised.eventId() + " for the results of " + eventId);
        }
        // An objection upheld against the list as a whole (the procedure, say) may need no score changed: the office had to
        // make a correction to nothing (70.00 → 70.00) to put the results on notice again (exploratory test, 2026-12-05).
        boolean wholeList = notice.objections().stream().anyMatch(o -> o.isUpheld() && o.concerns() == null);
        if (revised.basedOnSequence() <= ranking.basedOnSequence() && !wholeList) {
            throw new ConflictException("results-not-revised", eventId, ranking.basedOnSequence());
        }
        requireFinishedJudging(revised);
        Notice next = Notice.open(noticeId, eventId, notice.round() + 1, notice.workingDays(), calendar, at, notice.unanswered());
        List<Notice> replaced = new ArrayList<>(earlierNotices);
        replaced.add(notice.supersede(at));
        EventResults results = new EventResults(eventId, contestId, Status.NOTICED, revised, scheme.decide(revised, registrations),
                advancing(contest.advancement(), revised, registrations), next, replaced, null);
        return new Changed(results, List.of(results.noticed()));
    }

    /**
     * Every objection to the event's notices, each once as it stands last (an unanswered one carried into the next round
     * is that round's): after a new round, the earlier rounds' objections and answers were gone for everyone.
     */
    public List<cn.unionhub.contest.notice.domain.Objection> allObjections() {
        java.util.Map<String, cn.unionhub.contest.notice.domain.Objection> byId = new java.util.LinkedHashMap<>();
        earlierNotices.forEach(n -> n.objections().forEach(o -> byId.put(o.id(), o)));
        notice.objections().forEach(o -> byId.put(o.id(), o));
        return List.copyOf(byId.values());
    }

    /**
     * Makes the results final once the notice has closed with every objection answered: the awards
     * are granted (prize money to be paid) and the competitors who advance go on.
     */
    public Changed finalise(Instant at) {
        requireStatus(Status.NOTICED, "finalise");
        if (!notice.hasClosed(at)) {
            throw new ConflictException("notice-still-open", notice.id(), notice.closesAt());
        }
        if (!notice.unanswered().isEmpty()) {
            throw new ConflictException("objections-unanswered", notice.unanswered().size());
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        List<DomainEvent> events = new ArrayList<>();
        events.add(new ResultsFinal(eventId, contestId, notice.id(), notice.round(), ranking.basedOnSequence(), now));
        for (Award a : awards.awards()) {
            events.add(new AwardGranted(a.id(), eventId, contestId, a.registrationId(), a.competitorIdHash(), a.rule(), a.kind().name(),
                    a.title(), a.rank(), a.prizeFen(), now));
        }
        for (Advancing a : advancing) {
            events.add(new CompetitorAdvanced(eventId, contestId, a.registrationId(), a.competitorIdHash(), a.rank(), a.toContestId(),
                    now));
        }
        EventResults done = new EventResults(eventId, contestId, Status.FINAL, ranking, awards, advancing, notice, earlierNotices, now);
        return new Changed(done, events);
    }

    private ResultsNoticed noticed() {
        return new ResultsNoticed(eventId, contestId, notice.id(), notice.round(), notice.opensAt(), notice.closesAt(),
                notice.provisional(), ranking.ranked().size(), ranking.unranked().size(), ranking.basedOnSequence());
    }

    private static List<Advancing> advancing(Advancement advancement, Ranking ranking, Map<String, Registration> registrations) {
        if (advancement == null) {
            return List.of();
        }
        return ranking.places(1, advancement.quota(), advancement.tieRule()).stream()
                .map(l -> new Advancing(l.registrationId(), registrations.get(l.registrationId()).competitor().idHash(), l.rank(),
                        advancement.toContestId()))
                .toList();
    }

    private static void requireFinishedJudging(Ranking ranking) {
        if (ranking.basedOnSequence() == 0) {
            // Not one line on the ledger: there is nothing to put on notice (it was a 500 from the notice's event).
            throw new ConflictException("results-nothing-scored", ranking.eventId());
        }
        long unfinished = ranking.unranked().stream()
                .filter(u -> u.gaps().stream().anyMatch(g -> UNFINISHED.contains(g.shortfall())))
                .count();
        if (unfinished > 0) {
            throw new ConflictException("judging-unfinished", ranking.eventId(), unfinished);
        }
    }

    private void requireStatus(Status expected, String action) {
        if (status != expected) {
            throw new ConflictException("results-status", eventId, status.name(), action);
        }
    }

    private EventResults with(Status next, Notice changed, List<Notice> earlier) {
        return new EventResults(eventId, contestId, next, ranking, awards, advancing, changed, earlier, finalAt);
    }
}
