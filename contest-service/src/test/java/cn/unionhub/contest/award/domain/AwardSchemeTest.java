package cn.unionhub.contest.award.domain;

import static cn.unionhub.contest.fixtures.Contests.PROVINCE_WELDING;
import static cn.unionhub.contest.fixtures.Contests.WELDING;
import static cn.unionhub.contest.fixtures.People.ENTERPRISES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import cn.unionhub.contest.contest.domain.AspectKind;
import cn.unionhub.contest.contest.domain.TieRule;
import cn.unionhub.contest.fixtures.People;
import cn.unionhub.contest.judging.domain.Scorecard;
import cn.unionhub.contest.ranking.domain.Ranking;
import cn.unionhub.contest.registration.domain.Channel;
import cn.unionhub.contest.registration.domain.Competitor;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AwardSchemeTest {

    /** 河北省职工职业技能大赛决赛: a reward of 2,000 yuan with every certificate. */
    private static final AwardScheme HEBEI_FINAL = AwardSchemes.provincialFinal("hebei-2025-final", "河北省", 200_000);

    private final Map<String, Registration> registrations = new HashMap<>();

    /** A provincial finalist; {@code employed} false for, say, a welder who retired after the city round. */
    private Registration finalist(int n, boolean employed) {
        Competitor c = employed ? People.employee(n, ENTERPRISES.get(n % ENTERPRISES.size())) : People.notEmployed(n);
        Registration r = new Registration(String.format("reg-%03d", n), "ct-2025-130000", PROVINCE_WELDING, c,
                employed ? Channel.ENTERPRISE_UNION : Channel.INDIVIDUAL, employed ? c.enterpriseName() + "工会" : null,
                Registration.Status.APPROVED, Instant.parse("2025-08-01T02:00:00Z"), null);
        registrations.put(r.id(), r);
        return r;
    }

    /** Finalists ranked by the given totals (higher is better; equal totals tie), all employed unless listed. */
    private Ranking ranked(long[] totals, Set<Integer> notEmployed) {
        List<Scorecard> cards = new ArrayList<>();
        for (int i = 0; i < totals.length; i++) {
            Registration r = finalist(i + 1, !notEmployed.contains(i + 1));
            cards.add(new Scorecard(r.id(), 0L, List.of(new Scorecard.AspectScore("P", AspectKind.MEASUREMENT, List.of(totals[i]),
                    3 * totals[i], true, List.of(i + 1))), 7200L, List.of(), List.of(i + 1)));
        }
        return Ranking.of(PROVINCE_WELDING, WELDING, totals.length, cards);
    }

    private static long[] distinct(int n) {
        long[] totals = new long[n];
        for (int i = 0; i < n; i++) {
            totals[i] = 9500 - 100L * i;
        }
        return totals;
    }

    private static List<String> kindsOf(AwardScheme.Decision decision, String registrationId) {
        return decision.of(registrationId).stream().map(a -> a.kind().name()).toList();
    }

    @Test
    void theProvincialFinalRewardsTheFirstTheTopThreeTheTopTenAndEveryFinisher() {
        AwardScheme.Decision decision = HEBEI_FINAL.decide(ranked(distinct(12), Set.of()), registrations);

        assertThat(kindsOf(decision, "reg-001")).containsExactly("MAY_DAY_LABOR_MEDAL", "TECHNICAL_EXPERT", "SKILL_GRADE_PROMOTION",
                "CERTIFICATE");
        assertThat(kindsOf(decision, "reg-003")).containsExactly("TECHNICAL_EXPERT", "SKILL_GRADE_PROMOTION", "CERTIFICATE");
        assertThat(kindsOf(decision, "reg-010")).containsExactly("SKILL_GRADE_PROMOTION", "CERTIFICATE");
        assertThat(kindsOf(decision, "reg-012")).containsExactly("CERTIFICATE");
        assertThat(decision.of("reg-001").get(0).title()).isEqualTo("河北省五一劳动奖章（推荐）");
        assertThat(decision.awards()).filteredOn(a -> a.prizeFen() > 0).hasSize(12)
                .allSatisfy(a -> assertThat(a.prizeFen()).isEqualTo(200_000));
        assertThat(decision.withheld()).isEmpty();
    }

    @Test
    void aWinnerNotInEmploymentIsNotRecommendedForTheMedalAndTheMedalIsNotPassedDown() {
        AwardScheme.Decision decision = HEBEI_FINAL.decide(ranked(distinct(5), Set.of(1)), registrations);

        assertThat(kindsOf(decision, "reg-001")).containsExactly("TECHNICAL_EXPERT", "SKILL_GRADE_PROMOTION", "CERTIFICATE");
        assertThat(kindsOf(decision, "reg-002")).doesNotContain("MAY_DAY_LABOR_MEDAL");
        assertThat(decision.withheld()).containsExactly(new AwardScheme.Withheld("first-medal", "reg-001", 1, Condition.EMPLOYEE));
    }

    @Test
    void aTenthPlaceSharedAcrossTheCutOffGoesToEveryoneTiedUnderIncludeTied() {
        long[] totals = distinct(12);
        totals[10] = totals[9];
        totals[11] = totals[9];
        Ranking ranking = ranked(totals, Set.of());
        assertThat(ranking.ranked()).extracting(Ranking.Line::rank).endsWith(10, 10, 10);

        AwardScheme.Decision decision = HEBEI_FINAL.decide(ranking, registrations);

        assertThat(decision.awards()).filteredOn(a -> a.kind() == AwardKind.SKILL_GRADE_PROMOTION).hasSize(12);
    }

    @Test
    void aTenthPlaceSharedAcrossTheCutOffGoesToNoneOfThemUnderExcludeTied() {
        AwardScheme tenPlaces = AwardScheme.of("ten-promotions", "晋级名额十个", List.of(new AwardRule("top10-grade",
                AwardKind.SKILL_GRADE_PROMOTION, "晋升职业技能等级", 1, 10, TieRule.EXCLUDE_TIED, Set.of(), 0)));
        long[] totals = distinct(12);
        totals[10] = totals[9];
        totals[11] = totals[9];

        AwardScheme.Decision decision = tenPlaces.decide(ranked(totals, Set.of()), registrations);

        assertThat(decision.awards()).extracting(Award::registrationId).hasSize(9).doesNotContain("reg-010", "reg-011", "reg-012");
    }

    @Test
    void aTieThatFitsWithinTheCutOffIsInUnderEitherRule() {
        AwardScheme threeTitles = AwardScheme.of("three", "技术能手", List.of(new AwardRule("top3", AwardKind.TECHNICAL_EXPERT, "技术能手",
                1, 3, TieRule.EXCLUDE_TIED, Set.of(), 0)));
        long[] totals = distinct(5);
        totals[2] = totals[1];

        assertThat(threeTitles.decide(ranked(totals, Set.of()), registrations).awards()).extracting(Award::registrationId, Award::rank)
                .containsExactly(tuple("reg-001", 1), tuple("reg-002", 2), tuple("reg-003", 2));
    }

    @Test
    void twoSharingTheFirstPrizeLeaveNoSecondPrize() {
        AwardScheme innovation = AwardSchemes.innovationPrizes("sh-2021-innovation", "上海市职工技术创新成果奖");
        long[] totals = distinct(4);
        totals[1] = totals[0];

        AwardScheme.Decision decision = innovation.decide(ranked(totals, Set.of()), registrations);

        assertThat(decision.awards()).extracting(Award::registrationId, Award::title, Award::prizeFen).containsExactly(
                tuple("reg-001", "一等奖", 3_000_000L),
                tuple("reg-002", "一等奖", 3_000_000L),
                tuple("reg-003", "三等奖", 1_000_000L));
    }

    @Test
    void anAwardKeepsItsIdWhenTheResultsAreComputedAgain() {
        Ranking ranking = ranked(distinct(3), Set.of());

        assertThat(HEBEI_FINAL.decide(ranking, registrations).awards()).extracting(Award::id)
                .isEqualTo(HEBEI_FINAL.decide(ranking, registrations).awards().stream().map(Award::id).toList())
                .contains(PROVINCE_WELDING + ":first-medal:reg-001");
    }

    @Test
    void aSchemeIsCheckedWhenItIsMade() {
        assertThatThrownBy(() -> AwardScheme.of("bad", "有误的规则", List.of(
                new AwardRule("top3", AwardKind.TECHNICAL_EXPERT, "技术能手", 3, 1, TieRule.INCLUDE_TIED, Set.of(), 0),
                new AwardRule("top3", AwardKind.PRIZE, " ", 0, null, null, Set.of(), -1))))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field, FieldViolation::code).containsExactly(
                                tuple("rules[0].lastPlace", "before-first-place"),
                                tuple("rules[1].code", "duplicate-rule"),
                                tuple("rules[1].title", "required"),
                                tuple("rules[1].firstPlace", "out-of-range"),
                                tuple("rules[1].tieRule", "required"),
                                tuple("rules[1].prizeFen", "out-of-range")));
    }
}
