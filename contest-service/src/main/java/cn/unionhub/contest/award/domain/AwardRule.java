package cn.unionhub.contest.award.domain;

import cn.unionhub.contest.contest.domain.TieRule;
import java.util.Set;

/**
 * One rule of an award scheme: who, by rank, receives what.
 *
 * @param code       stable within its scheme, e.g. {@code first-medal}
 * @param title      as published, e.g. 河北省五一劳动奖章（推荐）
 * @param firstPlace the best rank it covers, 1 for the winner
 * @param lastPlace  the worst rank it covers; null for every ranked competitor (every finisher)
 * @param tieRule    a rank shared across {@code lastPlace}: all tied in, or none
 * @param conditions what the competitor must meet besides the rank; one who does not is passed over
 *                   and the award is not handed down to the next rank
 * @param prizeFen   prize money in fen (分); 0 for none
 */
public record AwardRule(String code, AwardKind kind, String title, int firstPlace, Integer lastPlace, TieRule tieRule,
        Set<Condition> conditions, long prizeFen) {

    public AwardRule {
        conditions = Set.copyOf(conditions);
    }
}
