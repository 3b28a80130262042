package cn.unionhub.contest.judging.domain;

import static cn.unionhub.contest.fixtures.Contests.LIU_GUOQING;
import static cn.unionhub.contest.fixtures.Contests.LI_HONG;
import static cn.unionhub.contest.fixtures.Contests.SUN_HUI;
import static cn.unionhub.contest.fixtures.Contests.WANG_QIANG;
import static cn.unionhub.contest.fixtures.Contests.ZHANG_LEI;
import static cn.unionhub.contest.fixtures.Contests.ZHAO_MIN;
import static cn.unionhub.contest.fixtures.Contests.registered;
import static cn.unionhub.contest.fixtures.People.CSPC;
import static cn.unionhub.contest.fixtures.People.SHIGANG;
import static cn.unionhub.contest.fixtures.People.employee;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.events.contest.AspectSentForReview;
import cn.unionhub.contest.fixtures.Contests;
import cn.unionhub.contest.fixtures.LedgerBook;
import cn.unionhub.contest.judging.domain.ScoreEntry.Item;
import cn.unionhub.contest.judging.domain.ScoreEntry.Kind;
import cn.unionhub.contest.judging.domain.Scorecard.Gap;
import cn.unionhub.contest.judging.domain.Scorecard.Shortfall;
import cn.unionhub.contest.registration.domain.Channel;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringTest {

    /** 王建军 of 石钢: 张磊, also of 石钢, must stand aside. */
    private static final Registration WANG_JIANJUN = registered("reg-001", employee(0, SHIGANG));
    /** 李志强 of 石药: any of the four judges may score him. */
    private static final Registration LI_ZHIQIANG = registered("reg-002", employee(1, CSPC));

    private final LedgerBook book = LedgerBook.countyWelding();

    @Test
    void aJudgeMayNotScoreACompetitorFromTheirOwnEnterprise() {
        assertThatThrownBy(() -> book.score(WANG_JIANJUN, ZHANG_LEI, Item.ASPECT, "A1", 2600))
                .isInstanceOf(ForbiddenException.class).hasMessageStartingWith("judge-own-enterprise");
        assertThat(book.entries()).isEmpty();
        assertThat(book.head().sequence()).isZero();

        book.score(LI_ZHIQIANG, ZHANG_LEI, Item.ASPECT, "A1", 2600);
        assertThat(book.entries()).hasSize(1);
    }

    @Test
    void onlyTheJudgesOfTheEventScoreIt() {
        assertThatThrownBy(() -> book.score(LI_ZHIQIANG, SUN_HUI, Item.ASPECT, "A1", 2600))
                .isInstanceOf(ForbiddenException.class).hasMessageStartingWith("not-a-judge-of-event");
    }

    @Test
    void aScoreAboveTheAspectsMaximumOrBelowZeroIsRefused() {
        assertThatThrownBy(() -> book.score(LI_ZHIQIANG, LI_HONG, Item.ASPECT, "A1", 3001))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid-score");
                    FieldViolation v = e.violations().get(0);
                    assertThat(v.code()).isEqualTo("score-out-of-range");
                    assertThat(v.arguments()).containsExactly("0.00", "30.00");
                });
        assertThatThrownBy(() -> book.score(LI_ZHIQIANG, LI_HONG, Item.ASPECT, "A2", -1)).isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> book.score(LI_ZHIQIANG, LI_HONG, Item.THEORY, null, 10_001)).isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> book.score(LI_ZHIQIANG, LI_HONG, Item.TIME_USED, null, 150 * 60 + 1))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations().get(0).code())
                        .isEqualTo("time-out-of-range"));
        assertThatThrownBy(() -> book.score(LI_ZHIQIANG, LI_HONG, Item.ASPECT, "A9", 100))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations().get(0).code())
                        .isEqualTo("unknown-value"));
        assertThat(book.entries()).isEmpty();

        book.score(LI_ZHIQIANG, LI_HONG, Item.ASPECT, "A1", 3000);
        book.score(LI_ZHIQIANG, LI_HONG, Item.ASPECT, "A2", 0);
        assertThat(book.entries()).hasSize(2);
    }

    @Test
    void aJudgementAspectIsScoredByThreeJudgesEachOnce() {
        book.score(LI_ZHIQIANG, ZHANG_LEI, Item.ASPECT, "A1", 2600);

        assertThatThrownBy(() -> book.score(LI_ZHIQIANG, ZHANG_LEI, Item.ASPECT, "A1", 2700))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("already-scored");
        book.score(LI_ZHIQIANG, LI_HONG, Item.ASPECT, "A1", 2650);
        book.score(LI_ZHIQIANG, WANG_QIANG, Item.ASPECT, "A1", 2700);
        assertThatThrownBy(() -> book.score(LI_ZHIQIANG, ZHAO_MIN, Item.ASPECT, "A1", 2700))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("aspect-fully-scored");
    }

    @Test
    void aMeasuredAspectIsScoredOnceAndThenOnlyCorrected() {
        book.score(LI_ZHIQIANG, ZHANG_LEI, Item.ASPECT, "A2", 3850);

        assertThatThrownBy(() -> book.score(LI_ZHIQIANG, LI_HONG, Item.ASPECT, "A2", 3900))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("already-scored");
    }

    @Test
    void anAspectWaitingForItsThirdJudgeDoesNotCountYet() {
        book.score(LI_ZHIQIANG, ZHANG_LEI, Item.ASPECT, "A1", 2600);
        book.score(LI_ZHIQIANG, LI_HONG, Item.ASPECT, "A1", 2650);

        assertThat(book.card(LI_ZHIQIANG).gaps()).contains(new Gap(Shortfall.AWAITING_JUDGES, "A1"));
        assertThat(book.card(LI_ZHIQIANG).practicalUnits()).isZero();
    }

    @Test
    void scoresAsFarApartAsTheSpreadAllowsCount() {
        book.score(LI_ZHIQIANG, ZHANG_LEI, Item.ASPECT, "A1", 2500);
        book.score(LI_ZHIQIANG, LI_HONG, Item.ASPECT, "A1", 2600);
        book.score(LI_ZHIQIANG, WANG_QIANG, Item.ASPECT, "A1", 3000);

        assertThat(book.events()).as("a spread of exactly 5.00 is within the event's 5.00").isEmpty();
        Scorecard.AspectScore a1 = book.card(LI_ZHIQIANG).aspects().get(0);
        assertThat(a1.counted()).isTrue();
        assertThat(a1.partUnits()).isEqualTo(2500 + 2600 + 3000);
    }

    @Test
    void scoresFurtherApartThanTheSpreadGoBackForReviewAndDoNotCount() {
        book.score(LI_ZHIQIANG, ZHANG_LEI, Item.ASPECT, "A1", 2400);
        book.score(LI_ZHIQIANG, LI_HONG, Item.ASPECT, "A1", 2600);
        Scoring.Recorded third = book.score(LI_ZHIQIANG, WANG_QIANG, Item.ASPECT, "A1", 2950);

        assertThat(third.events()).containsExactly(new AspectSentForReview(Contests.COUNTY_WELDING, "reg-002", "A1", 550, 500, 3,
                third.entry().at()));
        Scorecard card = book.card(LI_ZHIQIANG);
        assertThat(card.gaps()).contains(new Gap(Shortfall.UNDER_REVIEW, "A1"));
        assertThat(card.aspects().get(0).counted()).isFalse();
        assertThat(card.practicalUnits()).isZero();
    }

    @Test
    void aJudgesCorrectionBackWithinTheSpreadLetsTheAspectCount() {
        int low = book.score(LI_ZHIQIANG, ZHANG_LEI, Item.ASPECT, "A1", 2400).entry().sequence();
        book.score(LI_ZHIQIANG, LI_HONG, Item.ASPECT, "A1", 2600);
        book.score(LI_ZHIQIANG, WANG_QIANG, Item.ASPECT, "A1", 2950);

        Scoring.Recorded corrected = book.correct(LI_ZHIQIANG, ZHANG_LEI, low, 2500, "复核焊缝余高，原评分有误");

        assertThat(corrected.entry().kind()).isEqualTo(Kind.CORRECTION);
        assertThat(corrected.entry().supersedes()).isEqualTo(low);
        assertThat(corrected.events()).isEmpty();
        Scorecard.AspectScore a1 = book.card(LI_ZHIQIANG).aspects().get(0);
        assertThat(a1.counted()).isTrue();
        assertThat(a1.scores()).containsExactly(2500L, 2600L, 2950L);
        assertThat(a1.sources()).containsExactly(4, 2, 3);
    }

    @Test
    void theChiefJudgeMayLetScoresFarApartStandUntilOneOfThemChanges() {
        book.score(LI_ZHIQIANG, ZHANG_LEI, Item.ASPECT, "A1", 2400);
        int middle = book.score(LI_ZHIQIANG, LI_HONG, Item.ASPECT, "A1", 2600).entry().sequence();
        book.score(LI_ZHIQIANG, WANG_QIANG, Item.ASPECT, "A1", 2950);

        assertThatThrownBy(() -> book.confirm(LI_ZHIQIANG, LI_HONG, "A1", "三位裁判意见已复核"))
                .isInstanceOf(ForbiddenException.class).hasMessageStartingWith("chief-judge-only");
        Scoring.Recorded confirmed = book.confirm(LI_ZHIQIANG, LIU_GUOQING, "A1", "经裁判长复核焊件，三位裁判评分均有依据，予以确认");
        assertThat(book.card(LI_ZHIQIANG).aspects().get(0).counted()).isTrue();
        assertThat(book.card(LI_ZHIQIANG).aspects().get(0).sources()).contains(confirmed.entry().sequence());
        assertThatThrownBy(() -> book.confirm(LI_ZHIQIANG, LIU_GUOQING, "A1", "再次确认"))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("nothing-to-confirm");

        Scoring.Recorded changed = book.correct(LI_ZHIQIANG, LI_HONG, middle, 2300, "录入错误");
        assertThat(changed.events()).hasSize(1);
        assertThat(book.card(LI_ZHIQIANG).gaps())
                .as("the confirmation covered the scores as they were, not the corrected one")
                .contains(new Gap(Shortfall.UNDER_REVIEW, "A1"));
    }

    @Test
    void thereIsNothingToConfirmWithinTheSpread() {
        book.score(LI_ZHIQIANG, ZHANG_LEI, Item.ASPECT, "A1", 2600);
        book.score(LI_ZHIQIANG, LI_HONG, Item.ASPECT, "A1", 2650);
        book.score(LI_ZHIQIANG, WANG_QIANG, Item.ASPECT, "A1", 2700);

        assertThatThrownBy(() -> book.confirm(LI_ZHIQIANG, LIU_GUOQING, "A1", "确认"))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("nothing-to-confirm");
        assertThatThrownBy(() -> book.confirm(LI_ZHIQIANG, LIU_GUOQING, "A2", "确认"))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("nothing-to-confirm");
    }

    @Test
    void aCorrectionGivesItsReasonAndReplacesOnlyTheScoreInForce() {
        int first = book.score(LI_ZHIQIANG, ZHANG_LEI, Item.ASPECT, "A2", 3850).entry().sequence();

        assertThatThrownBy(() -> book.correct(LI_ZHIQIANG, ZHANG_LEI, first, 3900, "  "))
                .isInstanceOf(RuleViolationException.class).hasMessageStartingWith("reason-required");
        assertThatThrownBy(() -> book.correct(LI_ZHIQIANG, LI_HONG, first, 3900, "我认为应更高"))
                .isInstanceOf(ForbiddenException.class).hasMessageStartingWith("not-your-score");
        assertThatThrownBy(() -> book.correct(LI_ZHIQIANG, ZHANG_LEI, 99, 3900, "更正"))
                .isInstanceOf(NotFoundException.class).hasMessageStartingWith("score-entry-not-found");

        int second = book.correct(LI_ZHIQIANG, ZHANG_LEI, first, 3900, "底片复评，缺陷等级由III级改为II级").entry().sequence();
        assertThatThrownBy(() -> book.correct(LI_ZHIQIANG, ZHANG_LEI, first, 3950, "再改"))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("score-already-corrected");
        book.correct(LI_ZHIQIANG, LIU_GUOQING, second, 3800, "异议成立：射线底片复核，存在未熔合缺陷");

        assertThat(book.entries()).extracting(ScoreEntry::kind, ScoreEntry::value, ScoreEntry::recordedBy).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.SCORE, 3850L, ZHANG_LEI.id()),
                org.assertj.core.groups.Tuple.tuple(Kind.CORRECTION, 3900L, ZHANG_LEI.id()),
                org.assertj.core.groups.Tuple.tuple(Kind.CORRECTION, 3800L, LIU_GUOQING.id()));
        assertThat(book.sheet(LI_ZHIQIANG).inForce(Item.ASPECT, "A2")).map(ScoreEntry::value).contains(3800L);
        assertThat(book.entries().get(2).judge()).as("the score stays the measuring judge's slot").isEqualTo(ZHANG_LEI.id());
    }

    @Test
    void aJudgementAspectCountsTheExactMeanOfItsThreeScores() {
        book.score(LI_ZHIQIANG, ZHANG_LEI, Item.ASPECT, "A1", 2501);
        book.score(LI_ZHIQIANG, LI_HONG, Item.ASPECT, "A1", 2600);
        book.score(LI_ZHIQIANG, WANG_QIANG, Item.ASPECT, "A1", 2700);
        book.score(LI_ZHIQIANG, ZHANG_LEI, Item.ASPECT, "A2", 3850);

        // (25.01 + 26.00 + 27.00) / 3 = 26.0033…: kept exactly as 7,801 part units, never rounded.
        assertThat(book.card(LI_ZHIQIANG).practicalUnits()).isEqualTo(7801 + 3 * 3850);
    }

    @Test
    void aDisqualifiedCompetitorIsNotScoredUntilReinstated() {
        book.score(LI_ZHIQIANG, ZHANG_LEI, Item.ASPECT, "A2", 3850);

        assertThatThrownBy(() -> book.disqualify(LI_ZHIQIANG, ZHANG_LEI, "携带违禁焊材"))
                .isInstanceOf(ForbiddenException.class).hasMessageStartingWith("chief-judge-only");
        book.disqualify(LI_ZHIQIANG, LIU_GUOQING, "携带违禁焊材进入赛场");
        assertThat(book.card(LI_ZHIQIANG).gaps()).first().isEqualTo(new Gap(Shortfall.DISQUALIFIED, null));
        assertThatThrownBy(() -> book.score(LI_ZHIQIANG, LI_HONG, Item.ASPECT, "A3", 1800))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("competitor-disqualified");

        book.reinstate(LI_ZHIQIANG, LIU_GUOQING, "经查焊材为赛会统一发放，取消成绩有误");
        assertThat(book.card(LI_ZHIQIANG).gaps()).doesNotContain(new Gap(Shortfall.DISQUALIFIED, null));
        book.score(LI_ZHIQIANG, LI_HONG, Item.ASPECT, "A3", 1800);
        assertThatThrownBy(() -> book.reinstate(LI_ZHIQIANG, LIU_GUOQING, "再次恢复"))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("competitor-not-disqualified");
    }

    @Test
    void onceTheResultsAreFinalTheLedgerTakesNothingMore() {
        book.score(LI_ZHIQIANG, ZHANG_LEI, Item.ASPECT, "A2", 3850);
        book.closeAt(Contests.beijing("2025-10-16T09:00"));

        assertThatThrownBy(() -> book.correct(LI_ZHIQIANG, ZHANG_LEI, 1, 3900, "公示后发现录入错误"))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("scores-final");
    }

    @Test
    void onlyApprovedCompetitorsOfTheEventAreScored() {
        Registration submitted = Registration.submit("reg-003", Contests.county(), Contests.COUNTY_WELDING,
                new Registration.Application(employee(2, CSPC), Channel.ENTERPRISE_UNION, "石药集团工会"), List.of(),
                Contests.beijing("2025-08-01T10:00")).registration();

        assertThatThrownBy(() -> book.score(submitted, ZHANG_LEI, Item.ASPECT, "A2", 3850))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("registration-not-approved");
    }

    @Test
    void aCompleteScoresheetAddsUpInPartUnits() {
        book.scoreFully(LI_ZHIQIANG, 8550, new long[] {2600, 2650, 2700}, 3850, 1800, new long[] {900, 950, 1000}, 7200);

        Scorecard card = book.card(LI_ZHIQIANG);
        assertThat(card.isComplete()).isTrue();
        assertThat(card.theoryUnits()).isEqualTo(3 * 8550);
        assertThat(card.practicalUnits()).isEqualTo(7950 + 3 * 3850 + 3 * 1800 + 2850);
        assertThat(card.timeUsedSeconds()).isEqualTo(7200);
        assertThat(card.sources()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }
}
