package cn.unionhub.feedback.report.domain;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker-satisfaction bulletin (职工满意度情况通报) of one district for one month, computed from
 * the month's counters and the previous month's: totals by category, channel and type; how much
 * was resolved; how satisfied workers were; the prominent problems; the change from last month.
 *
 * <p>{@code satisfaction} and {@code satisfactionRate} count the workers' own ratings only: a rating
 * given by default after the rating window is nobody's answer, and counting it would make silence look
 * like content. Defaults are shown beside them ({@code ratedByDefault}, {@code defaultRatings}), and
 * {@code satisfactionRateWithDefaults} is the rate as if they were answers, so both can be compared.
 */
public record Bulletin(String district, YearMonth period, long submitted, long needsHandling, long resolved,
        Double resolutionRate, Map<String, Long> byCategory, Map<String, Long> byChannel, Map<String, Long> byType,
        Map<String, Long> satisfaction, long ratedByDefault, Map<String, Long> defaultRatings, Double satisfactionRate,
        Double satisfactionRateWithDefaults, List<String> topCategories,
        List<Map.Entry<String, Long>> enterprisesMostUnresolved, long previousSubmitted, Double submittedChange) {

    /** Monthly counters of one district, as the projection keeps them. */
    public record Counters(long submitted, long needsHandling, long resolved, Map<String, Long> byCategory,
            Map<String, Long> byChannel, Map<String, Long> byType, Map<String, Long> satisfaction, long ratedByDefault,
            Map<String, Long> defaultRatings, Map<String, Long> openByEnterprise) {

        public static Counters empty() {
            return new Counters(0, 0, 0, Map.of(), Map.of(), Map.of(), Map.of(), 0, Map.of(), Map.of());
        }

        /** These counters and {@code other}'s together: a city's month is the sum of its districts'. */
        public Counters plus(Counters other) {
            return new Counters(submitted + other.submitted, needsHandling + other.needsHandling, resolved + other.resolved,
                    sum(byCategory, other.byCategory), sum(byChannel, other.byChannel), sum(byType, other.byType),
                    sum(satisfaction, other.satisfaction), ratedByDefault + other.ratedByDefault,
                    sum(defaultRatings, other.defaultRatings), sum(openByEnterprise, other.openByEnterprise));
        }

        /** The same month with the backlog as it stands now. */
        public Counters withOpen(Map<String, Long> open) {
            return new Counters(submitted, needsHandling, resolved, byCategory, byChannel, byType, satisfaction, ratedByDefault,
                    defaultRatings, open);
        }

        private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
            Map<String, Long> both = new java.util.HashMap<>(a);
            b.forEach((k, v) -> both.merge(k, v, Long::sum));
            return both;
        }
    }

    public static Bulletin of(String district, YearMonth period, Counters month, Counters previous) {
        long rated = month.satisfaction().values().stream().mapToLong(Long::longValue).sum();
        long content = month.satisfaction().getOrDefault("SATISFIED", 0L) + month.satisfaction().getOrDefault("PARTLY_SATISFIED", 0L);
        long defaulted = month.defaultRatings().values().stream().mapToLong(Long::longValue).sum();
        long contentByDefault = month.defaultRatings().getOrDefault("SATISFIED", 0L)
                + month.defaultRatings().getOrDefault("PARTLY_SATISFIED", 0L);
        List<String> top = month.byCategory().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(Map.Entry::getKey).toList();
        List<Map.Entry<String, Long>> unresolved = month.openByEnterprise().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(5).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
        return new Bulletin(district, period, month.submitted(), month.needsHandling(), month.resolved(),
                ratio(month.resolved(), month.needsHandling()), sorted(month.byCategory()), sorted(month.byChannel()),
                sorted(month.byType()), sorted(month.satisfaction()), month.ratedByDefault(), sorted(month.defaultRatings()),
                ratio(content, rated), ratio(content + contentByDefault, rated + defaulted), top,
                unresolved, previous.submitted(),
                previous.submitted() == 0 ? null : round((month.submitted() - previous.submitted()) / (double) previous.submitted()));
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : round(part / (double) whole);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Comparator.comparing(Map.Entry::getKey)).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
