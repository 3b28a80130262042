package cn.unionhub.contest.contest.domain;

import cn.unionhub.platform.domain.Labelled;

/** How an aspect of the practical part is scored. */
public enum AspectKind implements Labelled {
    /** Measured once, objectively (an X-ray test, a dimension, a leak test): one score. */
    MEASUREMENT,
    /** Judged by eye and experience (a weld's appearance): three judges score independently. */
    JUDGEMENT
}
