package cn.unionhub.contest.contest.domain;

import java.time.Instant;

/**
 * An event of a contest (比赛项目), one occupation (工种) such as 焊工, with its scoring rules and its
 * registration deadline.
 *
 * @param occupationCode the occupation's code in the national classification (职业分类大典), e.g. 6-18-02-04
 */
public record ContestEvent(String id, String contestId, String occupationCode, String occupationName, EventRules rules,
        Instant registrationClosesAt) {
}
