package cn.unionhub.feedback.submission.domain;

import cn.unionhub.platform.domain.Labelled;

/** How satisfied the worker is with the outcome (满意度). */
public enum Satisfaction implements Labelled {
    SATISFIED,
    PARTLY_SATISFIED,
    NOT_SATISFIED
}
