package cn.unionhub.feedback.submission.domain;

import cn.unionhub.platform.domain.Labelled;

/** How the feedback reached the union (渠道). */
public enum Channel implements Labelled {
    MINI_PROGRAM,
    APP,
    HOTLINE_12351,
    WECHAT_GROUP,
    QQ_GROUP,
    MAILBOX,
    ON_SITE_TALK,
    DELIBERATION_MEETING,
    MANAGER_LUNCH;

    /** Channels a worker uses by themself; the others are recorded by union staff on the worker's behalf. */
    public boolean isSelfService() {
        return this == MINI_PROGRAM || this == APP || this == WECHAT_GROUP || this == QQ_GROUP;
    }
}
