package cn.unionhub.contest.award.domain;

import cn.unionhub.platform.domain.Labelled;

/** What an award rule gives; the rank range, conditions and amount are the rule's data. */
public enum AwardKind implements Labelled {
    /** Recommended for the May-Day Labour Medal (五一劳动奖章), which the union federation confers. */
    MAY_DAY_LABOR_MEDAL,
    /** The "technical expert" title (技术能手), conferred by the human-resources department. */
    TECHNICAL_EXPERT,
    /** Promotion by one vocational skill grade (晋升职业技能等级). */
    SKILL_GRADE_PROMOTION,
    /** A certificate, with prize money when the rule gives an amount. */
    CERTIFICATE,
    /** A prize (一等奖, 二等奖, …), usually with prize money. */
    PRIZE
}
