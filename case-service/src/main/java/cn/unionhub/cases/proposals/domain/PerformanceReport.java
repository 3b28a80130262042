package cn.unionhub.cases.proposals.domain;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A representative's performance report (履职报告) for a period, generated from what the platform
 * recorded: proposals submitted and how they fared, how fast accepted ones were completed, how
 * satisfied the representative was with the results, and their other activity.
 *
 * <p>The activity score is deliberately simple and published with the report so it can be argued
 * with: 10 per proposal submitted, +10 if accepted or merged, +10 if completed, 3 per visit or
 * referral, 5 per deliberation meeting.
 */
public record PerformanceReport(String representative, String representativeName, LocalDate from, LocalDate to,
        long submitted, long accepted, long merged, long rejected, long inProgress, long completed,
        Double averageDaysToComplete, Map<Proposal.Satisfaction, Long> evaluations, Map<Activity.Kind, Long> activities,
        long score) {

    public static PerformanceReport of(String representative, LocalDate from, LocalDate to, List<Proposal> proposals,
            List<Activity> activities) {
        long accepted = proposals.stream().filter(p -> p.status() != Proposal.Status.SUBMITTED
                && p.status() != Proposal.Status.MERGED && p.status() != Proposal.Status.REJECTED).count();
        long merged = count(proposals, Proposal.Status.MERGED);
        long rejected = count(proposals, Proposal.Status.REJECTED);
        long completed = count(proposals, Proposal.Status.COMPLETED);
        long inProgress = accepted - completed;
        Double averageDays = proposals.stream().filter(p -> p.completedAt() != null)
                .mapToDouble(p -> Duration.between(p.submittedAt(), p.completedAt()).toMinutes() / 1440.0)
                .average().stream().map(d -> Math.round(d * 10) / 10.0).boxed().findFirst().orElse(null);
        Map<Proposal.Satisfaction, Long> evaluations = new EnumMap<>(Proposal.Satisfaction.class);
        proposals.stream().map(Proposal::evaluation).filter(Objects::nonNull).forEach(s -> evaluations.merge(s, 1L, Long::sum));
        Map<Activity.Kind, Long> byKind = new EnumMap<>(Activity.Kind.class);
        activities.forEach(a -> byKind.merge(a.kind(), 1L, Long::sum));
        long score = 10 * proposals.size() + 10 * (accepted + merged) + 10 * completed
                + 3 * (byKind.getOrDefault(Activity.Kind.VISIT, 0L) + byKind.getOrDefault(Activity.Kind.REFERRAL, 0L))
                + 5 * byKind.getOrDefault(Activity.Kind.DELIBERATION, 0L);
        String name = proposals.stream().map(Proposal::representativeName).filter(Objects::nonNull).findFirst().orElse(null);
        return new PerformanceReport(representative, name, from, to, proposals.size(), accepted, merged, rejected, inProgress,
                completed, averageDays, evaluations, byKind, score);
    }

    private static long count(List<Proposal> proposals, Proposal.Status status) {
        return proposals.stream().filter(p -> p.status() == status).count();
    }
}
