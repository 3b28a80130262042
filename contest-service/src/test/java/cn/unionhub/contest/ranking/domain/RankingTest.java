package cn.unionhub.contest.ranking.domain;

import static cn.unionhub.contest.fixtures.Contests.COUNTY_WELDING;
import static cn.unionhub.contest.fixtures.Contests.WELDING;
import static cn.unionhub.contest.fixtures.Contests.registered;
import static cn.unionhub.contest.fixtures.People.CRRC_SHIJIAZHUANG;
import static cn.unionhub.contest.fixtures.People.CSPC;
import static cn.unionhub.contest.fixtures.People.employee;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import cn.unionhub.contest.contest.domain.AspectKind;
import cn.unionhub.contest.contest.domain.Points;
import cn.unionhub.contest.contest.domain.TieRule;
import cn.unionhub.contest.fixtures.LedgerBook;
import cn.unionhub.contest.judging.domain.Scorecard;
import cn.unionhub.contest.judging.domain.Scorecard.Gap;
import cn.unionhub.contest.judging.domain.Scorecard.Shortfall;
import cn.unionhub.contest.registration.domain.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingTest {

    /** A complete scorecard: theory in hundredths, the practical part in part units (three to the hundredth). */
    private static Scorecard card(String id, long theoryHundredths, long practicalUnits, long seconds) {
        return new Scorecard(id, theoryHundredths, List.of(new Scorecard.AspectScore("P", AspectKind.MEASUREMENT,
                List.of(practicalUnits / 3), practicalUnits, true, List.of(2))), seconds, List.of(), List.of(1, 2, 3));
    }

    private static Ranking rank(Scorecard... cards) {
        return Ranking.of(COUNTY_WELDING, WELDING, 99, List.of(cards));
    }

    @Test
    void theTotalWeighsTheoryAndPracticalInWholeNumbers() {
        Ranking ranking = rank(card("reg-001", 8550, 3 * 9225, 7200));

        Ranking.Line line = ranking.ranked().get(0);
        // 85.50 × 30% + 92.25 × 70% = 90.225 points, exactly.
        assertThat(line.totalUnits()).isEqualTo(3 * 8550 * 30 + 3 * 9225 * 70);
        assertThat(Points.totalPoints(line.totalUnits())).hasToString("90.23");
        assertThat(line.totalUnits() * 1000 / Points.TOTAL_UNITS_PER_POINT).isEqualTo(90_225);
    }

    @Test
    void equalTotalsGoFirstToLessTimeThenToTheHigherPractical() {
        Ranking ranking = rank(
                card("reg-slow", 8000, 27_000, 7300),
                card("reg-fast", 8000, 27_000, 7100),
                // Same total as the two above (30 × 24,210 + 70 × 26,910 = 30 × 24,000 + 70 × 27,000) and as fast as reg-fast…
                card("reg-theory", 8070, 26_910, 7100));

        assertThat(ranking.ranked()).extracting(Ranking.Line::registrationId, Ranking.Line::rank)
                .containsExactly(tuple("reg-fast", 1), tuple("reg-theory", 2), tuple("reg-slow", 3));
        assertThat(ranking.ranked().get(0).totalUnits()).isEqualTo(ranking.ranked().get(1).totalUnits());
    }

    @Test
    void competitorsEqualInEverythingShareARankAndTheNextRankSkips() {
        Ranking ranking = rank(
                card("reg-c", 8000, 27_000, 7200),
                card("reg-a", 9000, 28_000, 7200),
                card("reg-b", 8000, 27_000, 7200),
                card("reg-d", 7000, 25_000, 7200));

        assertThat(ranking.ranked()).extracting(Ranking.Line::registrationId, Ranking.Line::rank, Ranking.Line::tied)
                .containsExactly(tuple("reg-a", 1, 1), tuple("reg-b", 2, 2), tuple("reg-c", 2, 2), tuple("reg-d", 4, 1));
    }

    @Test
    void competitorsWithoutCompleteScoresAreListedButNotRanked() {
        Scorecard awaiting = new Scorecard("reg-late", 8000L, List.of(), 7000L, List.of(new Gap(Shortfall.AWAITING_JUDGES, "A1")),
                List.of(7));
        Scorecard absent = new Scorecard("reg-absent", null, List.of(), null, List.of(new Gap(Shortfall.THEORY_MISSING, null),
                new Gap(Shortfall.TIME_MISSING, null)), List.of());

        Ranking ranking = rank(awaiting, card("reg-001", 8000, 27_000, 7200), absent);

        assertThat(ranking.ranked()).extracting(Ranking.Line::registrationId).containsExactly("reg-001");
        assertThat(ranking.unranked()).extracting(Ranking.Unranked::registrationId).containsExactly("reg-absent", "reg-late");
        assertThat(ranking.unranked().get(1).gaps()).containsExactly(new Gap(Shortfall.AWAITING_JUDGES, "A1"));
    }

    @Test
    void eachLineListsTheLedgerLinesItCameFrom() {
        LedgerBook book = LedgerBook.countyWelding();
        Registration li = registered("reg-002", employee(1, CSPC));
        Registration zhang = registered("reg-003", employee(2, CRRC_SHIJIAZHUANG));
        book.scoreFully(li, 8550, new long[] {2600, 2650, 2700}, 3850, 1800, new long[] {900, 950, 1000}, 7200);
        book.scoreFully(zhang, 9000, new long[] {2700, 2750, 2800}, 3700, 1900, new long[] {950, 950, 900}, 6900);
        book.correct(li, book.judgesFor(li).get(0), 5, 3900, "底片复评");

        Ranking ranking = book.ranking(List.of(li, zhang));

        assertThat(ranking.basedOnSequence()).isEqualTo(21);
        assertThat(ranking.lineOf("reg-002").orElseThrow().sources()).containsExactly(1, 2, 3, 4, 6, 7, 8, 9, 10, 21);
        assertThat(ranking.lineOf("reg-003").orElseThrow().sources()).containsExactly(11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
    }

    @Test
    void anEventWithoutATheoryPaperRanksOnThePracticalAlone() {
        var practicalOnly = new cn.unionhub.contest.contest.domain.EventRules(0, 100, WELDING.aspects(), WELDING.timeLimit(), 500, false);
        Scorecard a = new Scorecard("reg-a", null, List.of(new Scorecard.AspectScore("P", AspectKind.MEASUREMENT, List.of(9000L),
                27_000, true, List.of(1))), 5000L, List.of(), List.of(1));

        Ranking ranking = Ranking.of(COUNTY_WELDING, practicalOnly, 1, List.of(a));
        assertThat(ranking.ranked().get(0).totalUnits()).isEqualTo(27_000 * 100);
    }

    @Test
    void placesAtACutOffFollowTheTieRule() {
        Ranking ranking = rank(card("reg-1", 9000, 28_000, 7000), card("reg-2", 8000, 27_000, 7000),
                card("reg-3", 8000, 27_000, 7000), card("reg-4", 8000, 27_000, 7000), card("reg-5", 7000, 26_000, 7000));

        assertThat(ranking.places(1, 3, TieRule.INCLUDE_TIED)).extracting(Ranking.Line::registrationId)
                .containsExactly("reg-1", "reg-2", "reg-3", "reg-4");
        assertThat(ranking.places(1, 3, TieRule.EXCLUDE_TIED)).extracting(Ranking.Line::registrationId)
                .containsExactly("reg-1");
        assertThat(ranking.places(1, 4, TieRule.EXCLUDE_TIED)).hasSize(4);
        assertThat(ranking.places(2, null, TieRule.INCLUDE_TIED)).hasSize(4);
    }

    @Test
    void tenThousandCompetitorsAreRankedCorrectly() {
        Random random = new Random(20250920);
        List<Scorecard> cards = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            // Coarse scores and times, so that many competitors tie on everything.
            long theory = 6000 + 50L * random.nextInt(81);
            long practical = 3 * (6000 + 50L * random.nextInt(81));
            long seconds = 6000 + 300L * random.nextInt(10);
            cards.add(card(String.format("reg-%05d", i), theory, practical, seconds));
        }

        Ranking ranking = Ranking.of(COUNTY_WELDING, WELDING, 140_000, cards);

        List<Ranking.Line> lines = ranking.ranked();
        assertThat(lines).hasSize(10_000);
        assertThat(ranking.unranked()).isEmpty();
        for (int i = 1; i < lines.size(); i++) {
            Ranking.Line before = lines.get(i - 1);
            Ranking.Line line = lines.get(i);
            int order = compare(before, line);
            assertThat(order).as("line %d is not better than line %d", i + 1, i).isLessThanOrEqualTo(0);
            assertThat(line.rank()).isEqualTo(order == 0 ? before.rank() : i + 1);
        }
        // Against the definition, for a sample: rank = 1 + how many are strictly better; tied = how many are equal.
        for (int s = 0; s < 10_000; s += 97) {
            Ranking.Line line = lines.get(s);
            long better = lines.stream().filter(other -> compare(other, line) < 0).count();
            long equal = lines.stream().filter(other -> compare(other, line) == 0).count();
            assertThat(line.rank()).isEqualTo(better + 1);
            assertThat(line.tied()).isEqualTo((int) equal);
        }
        assertThat(lines.stream().filter(Ranking.Line::isShared).count()).as("the data has ties").isGreaterThan(100);
    }

    /** The documented order, written out independently: negative when {@code a} is better. */
    private static int compare(Ranking.Line a, Ranking.Line b) {
        if (a.totalUnits() != b.totalUnits()) {
            return a.totalUnits() > b.totalUnits() ? -1 : 1;
        }
        if (a.timeUsedSeconds() != b.timeUsedSeconds()) {
            return a.timeUsedSeconds() < b.timeUsedSeconds() ? -1 : 1;
        }
        if (a.practicalUnits() != b.practicalUnits()) {
            return a.practicalUnits() > b.practicalUnits() ? -1 : 1;
        }
        return Long.compare(b.theoryUnits(), a.theoryUnits());
    }

    @Test
    void aScoreUnderReviewKeepsTheCompetitorOutOfTheRanking() {
        LedgerBook book = LedgerBook.countyWelding();
        Registration li = registered("reg-002", employee(1, CSPC));
        book.scoreFully(li, 8550, new long[] {2000, 2650, 2700}, 3850, 1800, new long[] {900, 950, 1000}, 7200);

        Ranking ranking = book.ranking(List.of(li));

        assertThat(ranking.ranked()).isEmpty();
        assertThat(ranking.unranked().get(0).gaps()).containsExactly(new Gap(Shortfall.UNDER_REVIEW, "A1"));
    }
}
