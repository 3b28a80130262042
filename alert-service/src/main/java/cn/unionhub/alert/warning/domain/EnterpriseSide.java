package cn.unionhub.alert.warning.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the union of the enterprise a warning concerns may learn from it. A worker's reporter key
 * is the same for their named and anonymous items, so exact figures let a chair tell whether an
 * anonymous complaint came from someone who had already complained by name: the count of distinct
 * workers rises by one or it does not, the score and each kind's share move by one signal's worth,
 * each signal's tracking number and time line up with the complaints the chair has read. The
 * enterprise side therefore sees the level, bands instead of counts and amounts, the kinds of
 * concern in order but without their weights, and dates without times; district and government
 * views keep every figure.
 */
public final class EnterpriseSide {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** Lower bounds of the bands of workers reporting. */
    private static final int[] WORKER_BANDS = {1, 5, 10, 30, 100};
    /** Lower bounds of the bands of money at stake, in fen: 0, 1万, 10万, 100万 yuan. */
    private static final long[] AMOUNT_BANDS_FEN = {0, 1_000_000, 10_000_000, 100_000_000};

    private EnterpriseSide() {
    }

    /** "1-4", "5-9", "10-29", "30-99", "100+"; "0" when nobody is counted. */
    public static String workersBand(int workers) {
        return band(workers, WORKER_BANDS);
    }

    /** The band of money at stake in yuan: "0-9999", "10000-99999", "100000-999999", "1000000+". */
    public static String amountBand(long fen) {
        for (int i = AMOUNT_BANDS_FEN.length - 1; i >= 0; i--) {
            if (fen >= AMOUNT_BANDS_FEN[i]) {
                long from = AMOUNT_BANDS_FEN[i] / 100;
                return i == AMOUNT_BANDS_FEN.length - 1 ? from + "+" : from + "-" + (AMOUNT_BANDS_FEN[i + 1] / 100 - 1);
            }
        }
        return "0-9999";
    }

    /** The kinds of concern, weightiest first, without the weights. */
    public static List<String> kindsInOrder(Map<String, Double> contributions) {
        return contributions.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }

    /** The Beijing date of an instant: no time of day to line up with a complaint. */
    public static LocalDate day(Instant at) {
        return at == null ? null : at.atZone(BEIJING).toLocalDate();
    }

    private static String band(int value, int[] lowerBounds) {
        if (value < lowerBounds[0]) {
            return "0";
        }
        for (int i = lowerBounds.length - 1; i >= 0; i--) {
            if (value >= lowerBounds[i]) {
                return i == lowerBounds.length - 1 ? lowerBounds[i] + "+" : lowerBounds[i] + "-" + (lowerBounds[i + 1] - 1);
            }
        }
        return "0";
    }
}
