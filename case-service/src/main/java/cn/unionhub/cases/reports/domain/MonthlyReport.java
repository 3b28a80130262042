package cn.unionhub.cases.reports.domain;

import cn.unionhub.cases.casework.domain.Case;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The monthly 12351 hotline report (月度报告, seed 004's 两报告): how many workers called about what,
 * where, through which channel; the hotspots and how they moved against last month; whether the
 * 24-hour first answer and the resolution deadlines were kept; how satisfied workers were; and what
 * was recovered. Computed from the month's cases (and last month's, for the change).
 *
 * @param onTimeFirstResponseRate share of answered cases whose first answer met its deadline (0–1, null if none)
 * @param onTimeResolutionRate    share of resolved cases resolved within their deadline
 * @param satisfaction            the workers' own ratings and call-back answers; a default given when the rating window
 *                                passed is nobody's answer and is counted in {@code ratedByDefault} instead
 * @param satisfactionRate        share of those rated satisfied or partly satisfied
 * @param satisfactionRateWithDefaults the same share if the defaults counted as answers, to compare
 */
public record MonthlyReport(String month, String scope, long total, long previousTotal, Double change,
        Map<String, Long> byCategory, Map<String, Long> byDistrict, Map<String, Long> byChannel, Map<String, Long> bySource,
        List<Hotspot> hotspots, long answered, Double onTimeFirstResponseRate, long resolved, Double onTimeResolutionRate,
        Map<String, Long> satisfaction, Double satisfactionRate, long ratedByDefault, Double satisfactionRateWithDefaults,
        long escalated, long recoveredAmountFen, long workersHelped) {

    private static final int HOTSPOTS = 5;

    /** A category many workers called about, and how that moved against last month. */
    public record Hotspot(String category, long count, long previousCount, Double change) {
    }

    public static MonthlyReport of(YearMonth month, String scope, List<Case> cases, List<Case> previous) {
        Map<String, Long> byCategory = count(cases, c -> c.matter().category());
        Map<String, Long> previousByCategory = count(previous, c -> c.matter().category());
        List<Hotspot> hotspots = byCategory.entrySet().stream().limit(HOTSPOTS)
                .map(e -> new Hotspot(e.getKey(), e.getValue(), previousByCategory.getOrDefault(e.getKey(), 0L),
                        change(e.getValue(), previousByCategory.getOrDefault(e.getKey(), 0L))))
                .toList();
        List<Case> answered = cases.stream().filter(c -> c.deadlines().firstRespondedAt() != null).toList();
        long answeredOnTime = answered.stream()
                .filter(c -> !c.deadlines().firstRespondedAt().isAfter(c.deadlines().firstResponseDueAt())).count();
        List<Case> resolved = cases.stream().filter(c -> c.deadlines().resolvedAt() != null).toList();
        long resolvedOnTime = resolved.stream()
                .filter(c -> !c.deadlines().resolvedAt().isAfter(c.deadlines().resolutionDueAt())).count();
        List<Case> withSatisfaction = cases.stream().filter(c -> c.resolution() != null && c.resolution().satisfaction() != null)
                .toList();
        Map<String, Long> satisfaction = count(withSatisfaction.stream().filter(c -> !c.resolution().ratedByDefault()).toList(),
                c -> c.resolution().satisfaction().name());
        List<Case> byDefault = withSatisfaction.stream().filter(c -> c.resolution().ratedByDefault()).toList();
        long rated = satisfaction.entrySet().stream().filter(e -> !e.getKey().equals("UNKNOWN")).mapToLong(Map.Entry::getValue).sum();
        long satisfied = satisfaction.getOrDefault("SATISFIED", 0L) + satisfaction.getOrDefault("PARTLY_SATISFIED", 0L);
        long satisfiedByDefault = byDefault.stream().filter(c -> c.resolution().satisfaction() == Case.Satisfaction.SATISFIED
                || c.resolution().satisfaction() == Case.Satisfaction.PARTLY_SATISFIED).count();
        return new MonthlyReport(month.toString(), scope, cases.size(), previous.size(), change(cases.size(), previous.size()),
                byCategory, count(cases, c -> c.matter().district()), count(cases, c -> c.matter().channel()),
                count(cases, c -> c.source().name()), hotspots, answered.size(), rate(answeredOnTime, answered.size()),
                resolved.size(), rate(resolvedOnTime, resolved.size()), satisfaction, rate(satisfied, rated), byDefault.size(),
                rate(satisfied + satisfiedByDefault, rated + byDefault.size()),
                cases.stream().filter(c -> c.escalationLevel() > 0).count(),
                cases.stream().map(Case::resolution).filter(Objects::nonNull).map(Case.Resolution::recoveredAmountFen)
                        .filter(Objects::nonNull).mapToLong(Long::longValue).sum(),
                cases.stream().map(Case::resolution).filter(Objects::nonNull).map(Case.Resolution::workersHelped)
                        .filter(Objects::nonNull).mapToLong(Integer::longValue).sum());
    }

    /** Counts by key, largest first (ties by key, so the order is stable). */
    static Map<String, Long> count(List<Case> cases, Function<Case, String> key) {
        return cases.stream().collect(Collectors.groupingBy(c -> Objects.requireNonNullElse(key.apply(c), "UNKNOWN"),
                Collectors.counting())).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** Month-over-month change as a fraction (0.25 = +25 %); null when last month had none. */
    static Double change(long now, long before) {
        return before == 0 ? null : Math.round((now - before) * 10000.0 / before) / 10000.0;
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }
}
