package cn.unionhub.contest.judging.domain;

import cn.unionhub.contest.contest.domain.Aspect;
import cn.unionhub.contest.contest.domain.AspectKind;
import cn.unionhub.contest.contest.domain.EventRules;
import cn.unionhub.contest.contest.domain.Points;
import cn.unionhub.contest.judging.domain.ScoreEntry.Item;
import cn.unionhub.platform.domain.Labelled;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a competitor's scoresheet counts for now, in part units ({@link Points}): the theory score,
 * each aspect, the time used — and the gaps that keep them from being ranked. Every figure names
 * the ledger lines it came from, so a ranking can be traced back to the judges' scores.
 *
 * @param theoryHundredths the theory score in force; null if missing or the event has no paper
 * @param timeUsedSeconds  the practical part's time used; null if missing
 * @param sources          every ledger line the counted figures came from, in ledger order
 */
public record Scorecard(String registrationId, Long theoryHundredths, List<AspectScore> aspects, Long timeUsedSeconds,
        List<Gap> gaps, List<Integer> sources) {

    /** Why a competitor is not (yet) ranked. */
    public enum Shortfall implements Labelled {
        THEORY_MISSING, ASPECT_MISSING, AWAITING_JUDGES, UNDER_REVIEW, TIME_MISSING, DISQUALIFIED
    }

    /** One reason, with the aspect it concerns (null for the others). */
    public record Gap(Shortfall shortfall, String aspect) {
    }

    /**
     * An aspect's standing.
     *
     * @param scores    the scores in force, hundredths: one for a measurement, up to three for a judgement
     * @param partUnits what it counts, once counted: three times a measurement, the sum of a judgement's three
     * @param counted   false while it waits for scores or for review
     */
    public record AspectScore(String aspect, AspectKind kind, List<Long> scores, long partUnits, boolean counted,
            List<Integer> sources) {

        public AspectScore {
            scores = List.copyOf(scores);
            sources = List.copyOf(sources);
        }
    }

    public Scorecard {
        aspects = List.copyOf(aspects);
        gaps = List.copyOf(gaps);
        sources = List.copyOf(sources);
    }

    public static Scorecard of(EventRules rules, Scoresheet sheet) {
        List<Gap> gaps = new ArrayList<>();
        TreeSet<Integer> sources = new TreeSet<>();
        Long theory = null;
        if (rules.hasTheory()) {
            Optional<ScoreEntry> paper = sheet.inForce(Item.THEORY, null);
            if (paper.isPresent()) {
                theory = paper.get().value();
                sources.add(paper.get().sequence());
            } else {
                gaps.add(new Gap(Shortfall.THEORY_MISSING, null));
            }
        }
        List<AspectScore> aspects = new ArrayList<>();
        for (Aspect aspect : rules.aspects()) {
            AspectScore score = aspect.kind() == AspectKind.MEASUREMENT ? measured(sheet, aspect, gaps)
                    : judged(rules, sheet, aspect, gaps);
            aspects.add(score);
            if (score.counted()) {
                sources.addAll(score.sources());
            }
        }
        Long time = null;
        Optional<ScoreEntry> clock = sheet.inForce(Item.TIME_USED, null);
        if (clock.isPresent()) {
            time = clock.get().value();
            sources.add(clock.get().sequence());
        } else {
            gaps.add(new Gap(Shortfall.TIME_MISSING, null));
        }
        Optional<ScoreEntry> disqualified = sheet.disqualification();
        if (disqualified.isPresent()) {
            gaps.add(0, new Gap(Shortfall.DISQUALIFIED, null));
            sources.add(disqualified.get().sequence());
        }
        return new Scorecard(sheet.registrationId(), theory, aspects, time, gaps, new ArrayList<>(sources));
    }

    private static AspectScore measured(Scoresheet sheet, Aspect aspect, List<Gap> gaps) {
        Optional<ScoreEntry> line = sheet.inForce(Item.ASPECT, aspect.code());
        if (line.isEmpty()) {
            gaps.add(new Gap(Shortfall.ASPECT_MISSING, aspect.code()));
            return new AspectScore(aspect.code(), aspect.kind(), List.of(), 0, false, List.of());
        }
        return new AspectScore(aspect.code(), aspect.kind(), List.of(line.get().value()),
                line.get().value() * Points.JUDGES_PER_JUDGEMENT, true, List.of(line.get().sequence()));
    }

    private static AspectScore judged(EventRules rules, Scoresheet sheet, Aspect aspect, List<Gap> gaps) {
        List<ScoreEntry> lines = sheet.judgements(aspect.code());
        List<Long> scores = lines.stream().map(ScoreEntry::value).toList();
        List<Integer> from = new ArrayList<>(lines.stream().map(ScoreEntry::sequence).toList());
        if (lines.isEmpty()) {
            gaps.add(new Gap(Shortfall.ASPECT_MISSING, aspect.code()));
            return new AspectScore(aspect.code(), aspect.kind(), scores, 0, false, from);
        }
        if (lines.size() < Points.JUDGES_PER_JUDGEMENT) {
            gaps.add(new Gap(Shortfall.AWAITING_JUDGES, aspect.code()));
            return new AspectScore(aspect.code(), aspect.kind(), scores, 0, false, from);
        }
        long sum = scores.stream().mapToLong(Long::longValue).sum();
        long spread = scores.stream().mapToLong(Long::longValue).max().orElseThrow() - scores.stream().mapToLong(Long::longValue).min().orElseThrow();
        if (spread > rules.maxSpreadHundredths()) {
            Optional<ScoreEntry> confirmed = sheet.confirmation(aspect.code());
            if (confirmed.isEmpty()) {
                gaps.add(new Gap(Shortfall.UNDER_REVIEW, aspect.code()));
                return new AspectScore(aspect.code(), aspect.kind(), scores, sum, false, from);
            }
            from.add(confirmed.get().sequence());
        }
        return new AspectScore(aspect.code(), aspect.kind(), scores, sum, true, from);
    }

    /** Complete and not disqualified: the competitor can be ranked. */
    public boolean isComplete() {
        return gaps.isEmpty();
    }

    /** The theory score in part units; 0 for an event without a paper. */
    public long theoryUnits() {
        return theoryHundredths == null ? 0 : theoryHundredths * Points.JUDGES_PER_JUDGEMENT;
    }

    /** The practical part in part units: the sum of the counted aspects. */
    public long practicalUnits() {
        return aspects.stream().filter(AspectScore::counted).mapToLong(AspectScore::partUnits).sum();
    }
}
