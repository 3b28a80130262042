package cn.unionhub.contest.award.domain;

import cn.unionhub.contest.registration.domain.Employment;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.platform.domain.Labelled;

/** A condition a competitor must meet, beyond the rank, to receive an award (符合条件者). */
public enum Condition implements Labelled {
    /** In employment (在职职工): the May-Day Labour Medal honours workers. */
    EMPLOYEE;

    public boolean isMetBy(Registration registration) {
        return switch (this) {
            case EMPLOYEE -> registration.competitor().employment() == Employment.EMPLOYEE;
        };
    }
}
