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
 * each signal's tracking number and time line up with the complaints the chair has read. Bands of
 * those counts were not enough: at a band's edge (4 → 5 workers) a release with one anonymous item
 * still told the chair whether its author was new (exploratory test, 2026-12-05). The enterprise
 * side therefore sees the level and whether it is a collective dispute, the kinds of concern in
 * order but without their weights, and dates without times — no counts, no amounts; district and
 * government views keep every figure. The level itself moves at thresholds far apart (and only as of
 * the last release), which is what a chair must know to act.
 */
public final class EnterpriseSide {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private EnterpriseSide() {
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
}
