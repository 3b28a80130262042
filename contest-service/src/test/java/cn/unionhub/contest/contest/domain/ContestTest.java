package cn.unionhub.contest.contest.domain;

import static cn.unionhub.contest.fixtures.Contests.PUBLISHED_AT;
import static cn.unionhub.contest.fixtures.Contests.WELDING;
import static cn.unionhub.contest.fixtures.Contests.welding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import cn.unionhub.events.contest.ContestPublished;
import cn.unionhub.contest.fixtures.Contests;
import cn.unionhub.contest.fixtures.People;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContestTest {

    private static Contest draftCounty() {
        return Contest.plan("ct-2025-130102", new Contest.Plan("2025年石家庄市长安区职工职业技能大赛", Tier.COUNTY, "130102", 2025,
                "石家庄市长安区总工会"));
    }

    @Test
    void aContestIsPlannedForARegionOfItsTier() {
        assertThatThrownBy(() -> Contest.plan("x", new Contest.Plan("2025年河北省职工职业技能大赛", Tier.PROVINCE, "130100", 2025, "河北省总工会")))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field, FieldViolation::code)
                        .containsExactly(tuple("region", "region-does-not-fit-tier")));
        assertThatThrownBy(() -> Contest.plan("x", new Contest.Plan(" ", Tier.CITY, "13010", 1999, "")))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("name", "region", "year", "organiser"));
    }

    @Test
    void anEnterpriseContestIsRunByAnEnterpriseKnownByItsCreditCode() {
        assertThatThrownBy(() -> Contest.plan("x", new Contest.Plan("石钢焊工技能比武", Tier.ENTERPRISE, "130104", 2025, "石钢工会")))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::code).containsExactly("invalid-uscc"));

        Contest contest = Contest.plan("x", new Contest.Plan("石钢焊工技能比武", Tier.ENTERPRISE, "130104", 2025, People.SHIGANG.uscc()));
        assertThat(contest.tier()).isEqualTo(Tier.ENTERPRISE);
    }

    @Test
    void theoryAndPracticalWeightsMustAddUpTo100AndTheAspectsTo100Points() {
        EventRules lopsided = new EventRules(40, 70, List.of(new Aspect("A1", "焊缝外观", AspectKind.JUDGEMENT, 3000),
                new Aspect("A1", "射线探伤", AspectKind.MEASUREMENT, 6500)), Duration.ofMinutes(150), 500, true);

        assertThatThrownBy(() -> draftCounty().withEvent(new Contest.EventForm("ev", "6-18-02-04", "焊工", lopsided,
                Contests.REGISTRATION_CLOSES)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field, FieldViolation::code)
                        .containsExactly(
                                tuple("practicalWeight", "weights-must-total-100"),
                                tuple("aspects[1].code", "duplicate-aspect"),
                                tuple("aspects", "aspects-must-total-100")));
        assertThat(WELDING.violations("")).isEmpty();
    }

    @Test
    void anEventWithoutATheoryPaperWeighsThePracticalAlone() {
        EventRules practicalOnly = new EventRules(0, 100, WELDING.aspects(), Duration.ofMinutes(90), 300, false);

        assertThat(practicalOnly.violations("")).isEmpty();
        assertThat(practicalOnly.hasTheory()).isFalse();
    }

    @Test
    void eachOccupationOnceSoAdvancementCanPairEventsAcrossTiers() {
        Contest withWelding = draftCounty().withEvent(welding("ev-1"));

        assertThatThrownBy(() -> withWelding.withEvent(welding("ev-2")))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::code).containsExactly("duplicate-occupation"));
    }

    @Test
    void theBestAdvanceOnlyToAHigherTierOfTheSameYearThatContainsTheRegion() {
        Contest city = Contests.city();
        Contest other = Contest.plan("ct-2025-130200", new Contest.Plan("2025年唐山市职工职业技能大赛", Tier.CITY, "130200", 2025,
                "唐山市总工会"));
        Contest nextYear = Contest.plan("ct-2026-130100", new Contest.Plan("2026年石家庄市职工职业技能大赛", Tier.CITY, "130100", 2026,
                "石家庄市总工会"));

        Contest linked = draftCounty().advancingTo(city, 10, TieRule.INCLUDE_TIED);
        assertThat(linked.advancement()).isEqualTo(new Advancement("ct-2025-130100", Tier.CITY, 10, TieRule.INCLUDE_TIED));

        assertThatThrownBy(() -> draftCounty().advancingTo(other, 10, TieRule.INCLUDE_TIED))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::code).containsExactly("region-not-contained"));
        assertThatThrownBy(() -> draftCounty().advancingTo(nextYear, 10, TieRule.INCLUDE_TIED))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::code).containsExactly("another-year"));
        assertThatThrownBy(() -> Contests.city().advancingTo(draftCounty(), 10, TieRule.INCLUDE_TIED))
                .isInstanceOf(ConflictException.class);
        Contest draftCity = Contest.plan("c", new Contest.Plan("2025年石家庄市职工职业技能大赛", Tier.CITY, "130100", 2025, "石家庄市总工会"));
        assertThatThrownBy(() -> draftCity.advancingTo(draftCounty(), 10, TieRule.INCLUDE_TIED))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::code).contains("not-a-higher-tier"));
    }

    @Test
    void publishingFixesTheEventsAndTheirRules() {
        Contest.Changed published = draftCounty().withEvent(welding("ev-1")).advancingTo(Contests.city(), 10, TieRule.EXCLUDE_TIED)
                .publish(PUBLISHED_AT);

        assertThat(published.contest().isPublished()).isTrue();
        assertThat(published.events()).containsExactly(new ContestPublished("ct-2025-130102", "2025年石家庄市长安区职工职业技能大赛",
                "COUNTY", "130102", 2025, List.of("ev-1"), "ct-2025-130100", PUBLISHED_AT));
        assertThatThrownBy(() -> published.contest().withEvent(new Contest.EventForm("ev-2", null, "电工", WELDING,
                Contests.REGISTRATION_CLOSES)))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("contest-published");
    }

    @Test
    void aContestIsPublishedWithEventsWhoseRegistrationIsStillAhead() {
        assertThatThrownBy(() -> draftCounty().publish(PUBLISHED_AT))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("events"));
        assertThatThrownBy(() -> draftCounty().withEvent(welding("ev-1")).publish(Contests.REGISTRATION_CLOSES))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::code).containsExactly("in-the-past"));
    }

    @Test
    void anUnknownEventIsNotFound() {
        assertThatThrownBy(() -> Contests.county().event("ev-2025-130102-electrician"))
                .isInstanceOf(NotFoundException.class).hasMessageStartingWith("contest-event-not-found");
    }

    @Test
    void regionsContainTheirCitiesAndCounties() {
        Region hebei = new Region("130000");
        Region shijiazhuang = new Region("130100");
        Region changan = new Region("130102");

        assertThat(hebei.contains(changan)).isTrue();
        assertThat(shijiazhuang.contains(changan)).isTrue();
        assertThat(new Region("130200").contains(changan)).isFalse();
        assertThat(changan.contains(shijiazhuang)).isFalse();
        assertThat(List.of(hebei.level(), shijiazhuang.level(), changan.level()))
                .containsExactly(Region.Level.PROVINCE, Region.Level.CITY, Region.Level.COUNTY);
    }

    @Test
    void scoresAreReadAndShownInHundredths() {
        assertThat(Points.parseHundredths("18.75")).isEqualTo(1875L);
        assertThat(Points.parseHundredths("30")).isEqualTo(3000L);
        assertThat(Points.parseHundredths("18.755")).isNull();
        assertThat(Points.parseHundredths("-1")).isNull();
        assertThat(Points.format(1875)).isEqualTo("18.75");
        assertThat(Points.partPoints(27_675)).hasToString("92.25");
        assertThat(Points.totalPoints(2_707_000)).hasToString("90.23");
    }
}
