package cn.unionhub.feedback.submission.domain;

import cn.unionhub.platform.domain.Labelled;

/** What the worker is giving: a review rates the employer, the others ask for something to be handled. */
public enum FeedbackType implements Labelled {
    REVIEW,
    COMPLAINT,
    SUGGESTION,
    APPEAL;

    /** Everything but a review asks the union to act, so a case is opened for it. */
    public boolean needsHandling() {
        return this != REVIEW;
    }
}
