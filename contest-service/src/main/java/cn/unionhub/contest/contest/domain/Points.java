package cn.unionhub.contest.contest.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * How scores are counted: in whole numbers only, so two totals are equal exactly when the scores
 * behind them are, and a tie is never made or broken by floating-point rounding.
 *
 * <ul>
 * <li>A judge or measurement gives <b>hundredths</b> of a point: 18.75 is 1875.</li>
 * <li>A judgement aspect counts the <em>mean</em> of its three judges' scores. Dividing by three
 *     would round, so parts are kept in <b>part units</b>, three to the hundredth: a judgement
 *     aspect is the plain sum of its three scores, a measured aspect and the theory score are
 *     their value times three. 100.00 points are 30,000 part units.</li>
 * <li>The <b>total</b> is theory × theory weight + practical × practical weight with the weights
 *     in whole percent (30 / 70), so 1 point of total is 30,000 total units and the largest total,
 *     100 points, is 3,000,000 — far from overflowing.</li>
 * </ul>
 * Only display rounds (half up, to two decimals), never a comparison.
 */
public final class Points {

    /** Hundredths in one point. */
    public static final int HUNDREDTHS = 100;
    /** Part units in one hundredth: the judges on a judgement aspect. */
    public static final int JUDGES_PER_JUDGEMENT = 3;
    /** Part units in one point. */
    public static final long PART_UNITS_PER_POINT = (long) HUNDREDTHS * JUDGES_PER_JUDGEMENT;
    /** Total units in one point: part units times the weights' 100 percent. */
    public static final long TOTAL_UNITS_PER_POINT = PART_UNITS_PER_POINT * 100;
    /** The theory paper and the practical part are each marked out of 100 points. */
    public static final int FULL_MARKS_HUNDREDTHS = 100 * HUNDREDTHS;

    private static final Pattern DECIMAL = Pattern.compile("\\d{1,3}(\\.\\d{1,2})?");

    private Points() {
    }

    /** "18.75" → 1875; null if it is not a score of at most two decimals. */
    public static Long parseHundredths(String text) {
        if (text == null || !DECIMAL.matcher(text.strip()).matches()) {
            return null;
        }
        return new BigDecimal(text.strip()).movePointRight(2).longValueExact();
    }

    /** 1875 → "18.75". */
    public static String format(long hundredths) {
        return BigDecimal.valueOf(hundredths, 2).toPlainString();
    }

    /** Part units as points, for display: 27,675 → 92.25. */
    public static BigDecimal partPoints(long partUnits) {
        return BigDecimal.valueOf(partUnits).divide(BigDecimal.valueOf(PART_UNITS_PER_POINT), 2, RoundingMode.HALF_UP);
    }

    /** Total units as points, for display: 2,707,000 → 90.23. */
    public static BigDecimal totalPoints(long totalUnits) {
        return BigDecimal.valueOf(totalUnits).divide(BigDecimal.valueOf(TOTAL_UNITS_PER_POINT), 2, RoundingMode.HALF_UP);
    }
}
