package cn.unionhub.contest.notice.domain;

import cn.unionhub.platform.domain.Labelled;

/** How an objection was answered. */
public enum Verdict implements Labelled {
    /** The objection is founded: the record is corrected and noticed again (results), or the nominee is rejected. */
    UPHELD,
    /** The objection is not founded; the reason is given to the objector. */
    REJECTED
}
