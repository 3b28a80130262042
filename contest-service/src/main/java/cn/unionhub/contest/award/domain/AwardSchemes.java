package cn.unionhub.contest.award.domain;

import cn.unionhub.contest.contest.domain.TieRule;
import java.util.List;
import java.util.Set;

/**
 * The award schemes the seeds describe, as starting data a contest office can copy and adjust.
 */
public final class AwardSchemes {

    private AwardSchemes() {
    }

    /**
     * A provincial final of the 十百千 contests (河北): the first of each trade recommended for the
     * province's May-Day Labour Medal if employed, the top three the province's technical-expert title,
     * the top ten a skill-grade promotion, every finisher a certificate and a reward. A shared rank at
     * a cut-off takes everyone tied: 并列第十名 are all tenth.
     *
     * @param province      as titles name it, e.g. 河北省
     * @param rewardFen     the reward every finisher receives with the certificate, in fen (0 for none)
     */
    public static AwardScheme provincialFinal(String id, String province, long rewardFen) {
        return AwardScheme.of(id, province + "职工职业技能大赛决赛奖励", List.of(
                new AwardRule("first-medal", AwardKind.MAY_DAY_LABOR_MEDAL, province + "五一劳动奖章（推荐）", 1, 1,
                        TieRule.INCLUDE_TIED, Set.of(Condition.EMPLOYEE), 0),
                new AwardRule("top3-expert", AwardKind.TECHNICAL_EXPERT, province + "技术能手", 1, 3, TieRule.INCLUDE_TIED,
                        Set.of(), 0),
                new AwardRule("top10-grade", AwardKind.SKILL_GRADE_PROMOTION, "晋升职业技能等级", 1, 10, TieRule.INCLUDE_TIED,
                        Set.of(), 0),
                new AwardRule("finisher-certificate", AwardKind.CERTIFICATE, "获奖证书", 1, null, TieRule.INCLUDE_TIED, Set.of(),
                        rewardFen)));
    }

    /** Innovation prizes (上海): first, second and third prize of 30,000, 20,000 and 10,000 yuan. */
    public static AwardScheme innovationPrizes(String id, String name) {
        return AwardScheme.of(id, name, List.of(
                new AwardRule("first-prize", AwardKind.PRIZE, "一等奖", 1, 1, TieRule.INCLUDE_TIED, Set.of(), 3_000_000),
                new AwardRule("second-prize", AwardKind.PRIZE, "二等奖", 2, 2, TieRule.INCLUDE_TIED, Set.of(), 2_000_000),
                new AwardRule("third-prize", AwardKind.PRIZE, "三等奖", 3, 3, TieRule.INCLUDE_TIED, Set.of(), 1_000_000)));
    }
}
