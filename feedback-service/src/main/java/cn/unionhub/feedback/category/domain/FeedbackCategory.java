package cn.unionhub.feedback.category.domain;

import cn.unionhub.platform.domain.Labelled;

/** What a worker's review, complaint, suggestion or appeal is about (职工点评的分类). */
public enum FeedbackCategory implements Labelled {
    WELFARE_BENEFITS,
    DEMOCRATIC_CONSULTATION,
    WORKING_CONDITIONS,
    WAGES_ARREARS,
    SAFETY_PROTECTION,
    CANTEEN_DORMITORY_COMMUTE,
    SKILLS_TRAINING,
    CONTRACTS_SOCIAL_INSURANCE,
    OTHER
}
