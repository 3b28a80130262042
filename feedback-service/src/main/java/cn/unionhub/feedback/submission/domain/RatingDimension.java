package cn.unionhub.feedback.submission.domain;

import cn.unionhub.platform.domain.Labelled;

/** What a review rates, one to five stars each. */
public enum RatingDimension implements Labelled {
    PAY,
    WELFARE,
    WORKING_CONDITIONS,
    SAFETY,
    CANTEEN_DORMITORY_COMMUTE,
    DEMOCRATIC_MANAGEMENT,
    TRAINING
}
