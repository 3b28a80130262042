package cn.unionhub.contest.award.domain;

/**
 * An award a ranked competitor receives under a rule: proposed while the results are on notice,
 * granted when they are final.
 *
 * @param id stable across computations of the same results (event, rule, registration), so granting
 *           and paying it twice is recognised as once
 */
public record Award(String id, String rule, AwardKind kind, String title, String eventId, String registrationId,
        String competitorIdHash, int rank, long prizeFen) {
}
