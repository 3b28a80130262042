package cn.unionhub.contest.judging.domain;

import cn.unionhub.contest.common.domain.Texts;
import cn.unionhub.contest.contest.domain.Aspect;
import cn.unionhub.contest.contest.domain.AspectKind;
import cn.unionhub.contest.contest.domain.ContestEvent;
import cn.unionhub.contest.contest.domain.Points;
import cn.unionhub.events.contest.AspectSentForReview;
import cn.unionhub.contest.judging.domain.ScoreEntry.Item;
import cn.unionhub.contest.judging.domain.ScoreEntry.Kind;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.events.DomainEvent;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writing an event's score ledger: who may write what, and the bounds of every value. Only judges
 * of the event's panel write, never about a competitor from their own enterprise (回避); a score
 * lies between 0 and its maximum; a slot is scored once and then only corrected, with a reason.
 * Every method returns the new line, the ledger head and scoresheet after it, and the events it
 * caused; the caller stores the line and the head together.
 */
public record Scoring(ContestEvent event, JudgePanel panel) {

    /** A line written: the ledger's new head, the competitor's scoresheet with it, and its events. */
    public record Recorded(LedgerHead head, Scoresheet sheet, ScoreEntry entry, List<DomainEvent> events) {
    }

    public Scoring {
        if (!panel.eventId().equals(event.id())) {
            throw new IllegalArgumentException("panel of " + panel.eventId() + " for event " + event.id());
        }
    }

    /**
     * A first score: the theory paper, the time used, a measured aspect, or one judge's score on a
     * judgement aspect (three judges, each once).
     */
    public Recorded score(LedgerHead head, Scoresheet sheet, Registration competitor, String judgeId, Item item, String aspect,
            long value, Instant at) {
        requireOpen(head, sheet, competitor);
        Judge judge = actingJudge(judgeId, competitor);
        if (sheet.disqualification().isPresent()) {
            throw new ConflictException("competitor-disqualified", competitor.id());
        }
        Aspect scored = requireItem(item, aspect);
        requireInBounds(item, scored, value);
        if (scored != null && scored.kind() == AspectKind.JUDGEMENT) {
            List<ScoreEntry> judged = sheet.judgements(aspect);
            if (judged.stream().anyMatch(e -> e.judge().equals(judge.id()))) {
                throw new ConflictException("already-scored", aspect);
            }
            if (judged.size() >= Points.JUDGES_PER_JUDGEMENT) {
                throw new ConflictException("aspect-fully-scored", aspect, Points.JUDGES_PER_JUDGEMENT);
            }
        } else if (sheet.inForce(item, aspect).isPresent()) {
            throw new ConflictException("already-scored", aspect == null ? item.name() : aspect);
        }
        ScoreEntry line = new ScoreEntry(0, event.id(), competitor.id(), Kind.SCORE, item, aspect, judge.id(), value, null,
                null, judge.id(), at.truncatedTo(ChronoUnit.MILLIS), null, null);
        return append(head, sheet, line, scored);
    }

    /**
     * Replaces the line in force of a slot with a new value and a reason: by the judge whose score it
     * is, or by a chief judge (after an upheld objection, say).
     */
    public Recorded correct(LedgerHead head, Scoresheet sheet, Registration competitor, String byJudgeId, int supersedes,
            long value, String reason, Instant at) {
        requireOpen(head, sheet, competitor);
        Judge by = actingJudge(byJudgeId, competitor);
        String why = Texts.reason(reason);
        ScoreEntry earlier = sheet.entry(supersedes).filter(ScoreEntry::isValue)
                .orElseThrow(() -> new NotFoundException("score-entry-not-found", supersedes));
        ScoreEntry inForce = earlier.item() == Item.ASPECT && isJudgement(earlier.aspect())
                ? sheet.judgements(earlier.aspect()).stream().filter(e -> e.judge().equals(earlier.judge())).findFirst().orElseThrow()
                : sheet.inForce(earlier.item(), earlier.aspect()).orElseThrow();
        if (inForce.sequence() != supersedes) {
            throw new ConflictException("score-already-corrected", supersedes, inForce.sequence());
        }
        if (!by.chief() && !by.id().equals(earlier.judge())) {
            throw new ForbiddenException("not-your-score", supersedes);
        }
        Aspect scored = earlier.item() == Item.ASPECT ? event.rules().aspect(earlier.aspect()).orElseThrow() : null;
        requireInBounds(earlier.item(), scored, value);
        ScoreEntry line = new ScoreEntry(0, event.id(), competitor.id(), Kind.CORRECTION, earlier.item(), earlier.aspect(),
                earlier.judge(), value, supersedes, why, by.id(), at.truncatedTo(ChronoUnit.MILLIS), null, null);
        return append(head, sheet, line, scored);
    }

    /**
     * The chief judge looked at three scores that lie further apart than the event allows and lets
     * them stand: the aspect counts from now on, with their mean.
     */
    public Recorded confirm(LedgerHead head, Scoresheet sheet, Registration competitor, String chiefId, String aspect,
            String reason, Instant at) {
        requireOpen(head, sheet, competitor);
        Judge chief = actingChief(chiefId, competitor);
        String why = Texts.reason(reason);
        if (!isJudgement(aspect) || !isOutOfSpread(sheet, aspect) || sheet.confirmation(aspect).isPresent()) {
            throw new ConflictException("nothing-to-confirm", aspect);
        }
        ScoreEntry line = new ScoreEntry(0, event.id(), competitor.id(), Kind.CONFIRMATION, Item.ASPECT, aspect, chief.id(), null,
                null, why, chief.id(), at.truncatedTo(ChronoUnit.MILLIS), null, null);
        return append(head, sheet, line, null);
    }

    /** The chief judge voids a competitor's results (取消成绩), e.g. for cheating: they are listed, not ranked. */
    public Recorded disqualify(LedgerHead head, Scoresheet sheet, Registration competitor, String chiefId, String reason,
            Instant at) {
        requireOpen(head, sheet, competitor);
        Judge chief = actingChief(chiefId, competitor);
        String why = Texts.reason(reason);
        if (sheet.disqualification().isPresent()) {
            throw new ConflictException("competitor-disqualified", competitor.id());
        }
        ScoreEntry line = new ScoreEntry(0, event.id(), competitor.id(), Kind.DISQUALIFICATION, Item.STANDING, null, chief.id(),
                null, null, why, chief.id(), at.truncatedTo(ChronoUnit.MILLIS), null, null);
        return append(head, sheet, line, null);
    }

    /** Undoes a disqualification found wrong (an upheld objection): the competitor's scores count again. */
    public Recorded reinstate(LedgerHead head, Scoresheet sheet, Registration competitor, String chiefId, String reason,
            Instant at) {
        requireOpen(head, sheet, competitor);
        Judge chief = actingChief(chiefId, competitor);
        String why = Texts.reason(reason);
        ScoreEntry disqualified = sheet.disqualification()
                .orElseThrow(() -> new ConflictException("competitor-not-disqualified", competitor.id()));
        ScoreEntry line = new ScoreEntry(0, event.id(), competitor.id(), Kind.REINSTATEMENT, Item.STANDING, null, chief.id(),
                null, disqualified.sequence(), why, chief.id(), at.truncatedTo(ChronoUnit.MILLIS), null, null);
        return append(head, sheet, line, null);
    }

    private Recorded append(LedgerHead head, Scoresheet sheet, ScoreEntry unsealed, Aspect scored) {
        ScoreEntry sealed = unsealed.sealedAfter(head);
        Scoresheet next = sheet.with(sealed);
        List<DomainEvent> events = List.of();
        if (scored != null && scored.kind() == AspectKind.JUDGEMENT && isOutOfSpread(next, scored.code())) {
            events = List.of(new AspectSentForReview(event.id(), sheet.registrationId(), scored.code(), spread(next, scored.code()),
                    event.rules().maxSpreadHundredths(), sealed.sequence(), sealed.at()));
        }
        return new Recorded(head.after(sealed), next, sealed, events);
    }

    /** All three judges have scored and their scores lie further apart than the event allows. */
    boolean isOutOfSpread(Scoresheet sheet, String aspect) {
        return sheet.judgements(aspect).size() == Points.JUDGES_PER_JUDGEMENT && spread(sheet, aspect) > event.rules().maxSpreadHundredths();
    }

    private static long spread(Scoresheet sheet, String aspect) {
        List<Long> scores = sheet.judgements(aspect).stream().map(ScoreEntry::value).toList();
        return scores.stream().mapToLong(Long::longValue).max().orElse(0) - scores.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    private void requireOpen(LedgerHead head, Scoresheet sheet, Registration competitor) {
        if (!head.eventId().equals(event.id()) || !sheet.eventId().equals(event.id())
                || !sheet.registrationId().equals(competitor.id())) {
            throw new IllegalArgumentException("ledger, scoresheet and registration of different events or competitors");
        }
        if (head.isClosed()) {
            throw new ConflictException("scores-final", event.occupationName());
        }
        if (!competitor.eventId().equals(event.id())) {
            throw new NotFoundException("registration-not-found", competitor.id());
        }
        if (!competitor.isApproved()) {
            throw new ConflictException("registration-not-approved", competitor.id());
        }
    }

    private Judge actingJudge(String judgeId, Registration competitor) {
        Judge judge = panel.require(judgeId);
        String enterprise = competitor.competitor().enterprise();
        if (judge.enterprise() != null && judge.enterprise().equals(enterprise)) {
            throw new ForbiddenException("judge-own-enterprise", judge.id(), competitor.id());
        }
        return judge;
    }

    private Judge actingChief(String judgeId, Registration competitor) {
        Judge judge = actingJudge(judgeId, competitor);
        if (!judge.chief()) {
            throw new ForbiddenException("chief-judge-only", event.occupationName());
        }
        return judge;
    }

    private Aspect requireItem(Item item, String aspect) {
        return switch (item) {
            case ASPECT -> event.rules().aspect(aspect).orElseThrow(() -> new RuleViolationException("invalid-score",
                    List.of(new FieldViolation("aspect", "unknown-value", aspect))));
            case THEORY -> {
                if (!event.rules().hasTheory()) {
                    throw new RuleViolationException("invalid-score", List.of(new FieldViolation("item", "no-theory-paper")));
                }
                yield null;
            }
            case TIME_USED -> null;
            case STANDING -> throw new RuleViolationException("invalid-score", List.of(new FieldViolation("item", "unknown-value",
                    item.name())));
        };
    }

    private void requireInBounds(Item item, Aspect aspect, long value) {
        long max = switch (item) {
            case ASPECT -> aspect.maxHundredths();
            case THEORY -> Points.FULL_MARKS_HUNDREDTHS;
            case TIME_USED -> event.rules().timeLimit().toSeconds();
            case STANDING -> 0;
        };
        if (value < 0 || value > max) {
            String shown = item == Item.TIME_USED ? Long.toString(max) : Points.format(max);
            throw new RuleViolationException("invalid-score", List.of(new FieldViolation("value",
                    item == Item.TIME_USED ? "time-out-of-range" : "score-out-of-range", item == Item.TIME_USED ? "0" : "0.00", shown)));
        }
    }

    private boolean isJudgement(String aspect) {
        return event.rules().aspect(aspect).map(a -> a.kind() == AspectKind.JUDGEMENT).orElse(false);
    }
}
