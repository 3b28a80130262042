package cn.unionhub.feedback.enterprise.domain;

import cn.unionhub.platform.identity.Masking;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An enterprise's public page (the Dianping part): average stars per dimension, how many reviews,
 * how often the union answered and resolved, how long resolution takes, and what was done lately.
 * A closed enterprise keeps its page, with status CLOSED: its record still tells workers something.
 *
 * <p>k-anonymity over people, not reviews: until {@code k} distinct workers have reviewed, an
 * average would be a few workers' own verdict and a date could point at them, so the page shows
 * counts and rates only — no averages, no times, resolved items by month. Each dimension's average
 * waits for {@code k} distinct workers who rated that dimension. What was done is published with
 * phone and identity numbers masked.
 */
public record EnterprisePage(String enterprise, String name, String district, String status, long reviews, boolean limited,
        Map<String, Double> averageRatings, long handled, Double replyRate, Double resolutionRate,
        Double medianHoursToResolve, List<PublicItem> recentlyResolved) {

    /** A resolved item as disclosed (公示): what it was about and what was done, never the worker's words. */
    public record PublicItem(String type, String category, String whatWasDone, String resolvedOn) {
    }

    /**
     * Counters as the projection keeps them.
     *
     * @param reviewers distinct workers who reviewed
     * @param raters    distinct workers who rated each dimension
     */
    public record Stats(long reviews, long reviewers, Map<String, Long> ratingSums, Map<String, Long> ratingCounts,
            Map<String, Long> raters, long handled, long responded, long resolved, Map<Long, Long> resolvedByHour) {
    }

    /** Resolution times are kept by the hour for 30 days; longer ones count in the last hour kept. */
    public static final long HOURS_KEPT = 720;

    /** A resolved item before disclosure. */
    public record Resolved(String type, String category, String whatWasDone, java.time.LocalDate resolvedOn) {
    }

    /** @param status the enterprise's status in the register, ACTIVE or CLOSED */
    public static EnterprisePage of(String enterprise, String name, String district, String status, Stats stats,
            List<Resolved> recent, int k) {
        boolean limited = stats.reviewers() < k;
        Map<String, Double> averages = new LinkedHashMap<>();
        if (!limited) {
            stats.ratingSums().keySet().stream().sorted().forEach(dimension -> {
                long count = stats.ratingCounts().getOrDefault(dimension, 0L);
                if (count > 0 && stats.raters().getOrDefault(dimension, 0L) >= k) {
                    averages.put(dimension, Math.round(10.0 * stats.ratingSums().get(dimension) / count) / 10.0);
                }
            });
        }
        List<PublicItem> disclosed = new ArrayList<>();
        for (Resolved r : recent) {
            disclosed.add(new PublicItem(r.type(), r.category(), Masking.inPublishedText(r.whatWasDone(), List.of()),
                    limited ? YearMonth.from(r.resolvedOn()).toString() : r.resolvedOn().toString()));
        }
        return new EnterprisePage(enterprise, name, district, status, stats.reviews(), limited, limited ? null : averages,
                stats.handled(), ratio(stats.responded(), stats.handled()), ratio(stats.resolved(), stats.handled()),
                limited ? null : medianHours(stats.resolvedByHour(), k), disclosed);
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * Math.min(part, whole) / whole) / 1000.0;
    }

    /**
     * The median time to resolve from the hourly histogram: the middle resolution's hour (the mean of
     * the two middle ones for an even count), as whole hours; none until {@code k} items are resolved.
     * With one resolved item the median was that item's own time: the chair who resolved it knew when, and
     * so learned within the hour when an anonymous worker had filed (exploratory testing, 2026-12-04).
     */
    private static Double medianHours(Map<Long, Long> resolvedByHour, int k) {
        long total = resolvedByHour.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0 || total < k) {
            return null;
        }
        java.util.SortedMap<Long, Long> inOrder = new java.util.TreeMap<>(resolvedByHour);
        return (hourAt(inOrder, (total - 1) / 2) + hourAt(inOrder, total / 2)) / 2.0;
    }

    /** The hour of the {@code rank}-th resolution (0-based) in hour order. */
    private static long hourAt(java.util.SortedMap<Long, Long> resolvedByHour, long rank) {
        long seen = 0;
        for (Map.Entry<Long, Long> hour : resolvedByHour.entrySet()) {
            seen += hour.getValue();
            if (rank < seen) {
                return hour.getKey();
            }
        }
        throw new IllegalStateException("rank beyond the histogram");
    }
}
