package cn.unionhub.contest.contest.domain;

/**
 * Where a contest's best go next: the top {@code quota} of each of its events advance to the event of
 * the same occupation in {@code toContestId}, a contest of a higher tier in the same year whose
 * region contains this one's.
 */
public record Advancement(String toContestId, Tier toTier, int quota, TieRule tieRule) {
}
