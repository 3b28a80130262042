package cn.unionhub.alert.risk.domain;

import cn.unionhub.alert.warning.domain.WarningLevel;
import java.util.Map;

/**
 * An enterprise's risk at one moment, after hysteresis.
 *
 * @param score             the decayed, weighted score
 * @param kindScores        what each signal kind contributes to it
 * @param scoreLevel        the level the score (and a collective dispute) alone would give
 * @param previousLevel     the level before this assessment
 * @param level             the level now, with hysteresis applied
 * @param change            whether the level went up, down or stayed
 * @param collectiveDispute whether many distinct workers raised wage issues within the window
 * @param workersReporting  distinct workers with wage issues within the window
 * @param amountAtStakeFen  money at stake (wages owed, shortfalls) since the last closed warning
 */
public record Assessment(double score, Map<String, Double> kindScores, WarningLevel scoreLevel, WarningLevel previousLevel,
        WarningLevel level, Change change, boolean collectiveDispute, int workersReporting, long amountAtStakeFen) {

    public enum Change {
        NONE, UPGRADE, DOWNGRADE
    }
}
