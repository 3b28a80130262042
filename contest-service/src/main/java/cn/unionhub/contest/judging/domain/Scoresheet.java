package cn.unionhub.contest.judging.domain;

import cn.unionhub.contest.judging.domain.ScoreEntry.Item;
import cn.unionhub.contest.judging.domain.ScoreEntry.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One competitor's lines of an event's ledger, in ledger order, and what they add up to now: for
 * each slot (the theory score, the time used, a measured aspect, one judge's score on a judgement
 * aspect) the line in force is the latest score or correction, because a correction may only
 * replace the line in force. A chief judge's confirmation covers a judgement aspect's scores as
 * they stood when it was written: a later correction needs confirming again if it is still far out.
 */
public record Scoresheet(String eventId, String registrationId, List<ScoreEntry> entries) {

    public Scoresheet {
        entries = List.copyOf(entries);
    }

    public static Scoresheet empty(String eventId, String registrationId) {
        return new Scoresheet(eventId, registrationId, List.of());
    }

    public Scoresheet with(ScoreEntry entry) {
        List<ScoreEntry> next = new ArrayList<>(entries);
        next.add(entry);
        return new Scoresheet(eventId, registrationId, next);
    }

    public Optional<ScoreEntry> entry(int sequence) {
        return entries.stream().filter(e -> e.sequence() == sequence).findFirst();
    }

    /** The line in force for the theory score, the time used or a measured aspect. */
    public Optional<ScoreEntry> inForce(Item item, String aspect) {
        ScoreEntry found = null;
        for (ScoreEntry e : entries) {
            if (e.isValue() && e.item() == item && Objects.equals(e.aspect(), aspect)) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The line in force of each judge who scored a judgement aspect, in the order they first scored it. */
    public List<ScoreEntry> judgements(String aspect) {
        Map<String, ScoreEntry> byJudge = new LinkedHashMap<>();
        for (ScoreEntry e : entries) {
            if (e.isValue() && e.item() == Item.ASPECT && aspect.equals(e.aspect())) {
                byJudge.put(e.judge(), e);
            }
        }
        return List.copyOf(byJudge.values());
    }

    /** The chief judge's confirmation that still covers the aspect's scores in force, if any. */
    public Optional<ScoreEntry> confirmation(String aspect) {
        int latestScore = judgements(aspect).stream().mapToInt(ScoreEntry::sequence).max().orElse(0);
        ScoreEntry found = null;
        for (ScoreEntry e : entries) {
            if (e.kind() == Kind.CONFIRMATION && aspect.equals(e.aspect()) && e.sequence() > latestScore) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The disqualification in force, if the competitor is disqualified. */
    public Optional<ScoreEntry> disqualification() {
        ScoreEntry last = null;
        for (ScoreEntry e : entries) {
            if (e.kind() == Kind.DISQUALIFICATION || e.kind() == Kind.REINSTATEMENT) {
                last = e;
            }
        }
        return last != null && last.kind() == Kind.DISQUALIFICATION ? Optional.of(last) : Optional.empty();
    }

    /** Whether a line has been replaced by a later correction or reinstatement. */
    public Optional<ScoreEntry> supersededBy(int sequence) {
        return entries.stream().filter(e -> Objects.equals(e.supersedes(), sequence)).findFirst();
    }
}
