package cn.unionhub.contest.award.domain;

import cn.unionhub.platform.domain.Labelled;

/** Awards of a provincial skill-contest final, by rank (职业技能大赛决赛奖励规则). */
public enum AwardRule implements Labelled {
    MAY_DAY_LABOR_MEDAL,
    TECHNICAL_EXPERT,
    SKILL_GRADE_PROMOTION,
    CERTIFICATE_AND_REWARD
}
