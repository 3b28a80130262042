package cn.unionhub.contest.registration.domain;

import cn.unionhub.platform.domain.Labelled;

/** How a registration reached the contest office. */
public enum Channel implements Labelled {
    /** The competitor's enterprise union enters its own employee (企业工会推荐). */
    ENTERPRISE_UNION,
    /** The competitor enters themselves (个人报名). */
    INDIVIDUAL,
    /** A trade or professional association enters them (行业协会推荐). */
    ASSOCIATION
}
