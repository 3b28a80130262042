package cn.unionhub.contest.registration.domain;

import cn.unionhub.platform.domain.Labelled;

/** Whether the competitor is employed (在职职工), which some events and some awards require. */
public enum Employment implements Labelled {
    EMPLOYEE,
    NOT_EMPLOYEE
}
