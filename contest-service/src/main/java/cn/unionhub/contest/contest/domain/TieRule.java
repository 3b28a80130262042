package cn.unionhub.contest.contest.domain;

import cn.unionhub.platform.domain.Labelled;

/**
 * What happens at a cut-off ("the top 10") when a rank is shared across it. Ranks are standard
 * competition ranks (1, 2, 2, 4): a shared rank is the first place the tied competitors occupy.
 * With ranks 1, 2, 3, 3, 3 and a cut-off at 4, the three competitors ranked 3rd occupy places 3 to 5.
 */
public enum TieRule implements Labelled {
    /** All of them are in: 并列 counts as the same place, even if more than N go through. */
    INCLUDE_TIED,
    /** None of them is in: the places go only to competitors whose whole tie fits above the cut-off. */
    EXCLUDE_TIED;

    /** Whether a rank shared by {@code tied} competitors is within a cut-off at {@code lastPlace}. */
    public boolean within(int rank, int tied, int lastPlace) {
        return this == INCLUDE_TIED ? rank <= lastPlace : rank + tied - 1 <= lastPlace;
    }
}
