package cn.unionhub.contest.craftsman.api;

import cn.unionhub.contest.craftsman.CraftsmanService;
import cn.unionhub.contest.craftsman.domain.CraftsmanBatch;
import cn.unionhub.contest.craftsman.domain.Expert;
import cn.unionhub.contest.craftsman.domain.Nomination.Conferred;
import cn.unionhub.contest.craftsman.domain.Nomination.ExpertReviewed;
import cn.unionhub.contest.craftsman.domain.Nomination.ExpertScore;
import cn.unionhub.contest.craftsman.domain.Nomination.Noticed;
import cn.unionhub.contest.craftsman.domain.Nomination.Rejected;
import cn.unionhub.contest.craftsman.domain.Nomination.Reviewed;
import cn.unionhub.contest.craftsman.domain.Nomination.SelfEvaluated;
import cn.unionhub.contest.notice.api.ObjectionView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/** How batches, nominations and notices are shown; a nominee's identity number hash never is. */
final class CraftsmanViews {

    private CraftsmanViews() {
    }

    record NoticeSummary(String id, int round, Instant opensAt, Instant closesAt, List<ObjectionView> objections) {
    }

    /**
     * @param experts          the panel, for the office only: the public sees how many there are, not who (they are reviewing)
     * @param withdrawnExperts experts taken off the panel, why and when, for the office only
     */
    record Batch(String id, String title, String tier, String region, int year, String organiser, Instant nominationsCloseAt,
            List<Expert> experts, int expertsAssigned, int expertsRequired, Integer quota, int noticeWorkingDays, NoticeSummary notice,
            List<String> onNotice, List<CraftsmanBatch.WithdrawnExpert> withdrawnExperts) {
    }

    record Nominee(String name, String enterprise, String enterpriseName, String occupation) {
    }

    /** A nomination as its office, its nominee and its nominating unit see it. */
    record Nomination(String id, String batchId, String stage, Nominee nominee, String channel, String nominatedBy, String achievements,
            Instant nominatedAt, String selfEvaluation, int expertScores, BigDecimal meanScore, String title, Instant conferredAt,
            String rejectedAtStage, String rejectionReason) {
    }

    record Listed(String nominationId, String name, String enterpriseName, String occupation, String achievements, String stage) {
    }

    record PublicNotice(String batchId, String title, String noticeId, int round, Instant opensAt, Instant closesAt, List<Listed> listed,
            List<ObjectionView> objections) {
    }

    record Conferral(List<Nomination> conferred, List<CraftsmanService.Held> held) {
    }

    static Batch batch(CraftsmanBatch b, boolean office) {
        NoticeSummary notice = b.notice() == null ? null : new NoticeSummary(b.notice().id(), b.notice().round(), b.notice().opensAt(),
                b.notice().closesAt(), b.allObjections().stream().map(ObjectionView::of).toList());
        return new Batch(b.id(), b.title(), b.tier().name(), b.region().code(), b.year(), b.organiser(), b.nominationsCloseAt(),
                office ? b.experts() : List.of(), b.experts().size(), b.expertsRequired(), b.quota(), b.noticeWorkingDays(), notice,
                b.onNotice(), office ? b.withdrawnExperts() : List.of());
    }

    static Nomination nomination(cn.unionhub.contest.craftsman.domain.Nomination n) {
        var f = n.facts();
        List<ExpertScore> scores = n instanceof Reviewed r ? r.expertScores() : n instanceof ExpertReviewed r ? r.expertScores()
                : n instanceof Noticed r ? r.expertScores() : n instanceof Conferred r ? r.expertScores() : List.of();
        BigDecimal mean = scores.isEmpty() ? null : BigDecimal.valueOf(scores.stream().mapToLong(ExpertScore::hundredths).sum())
                .divide(BigDecimal.valueOf(100L * scores.size()), 2, RoundingMode.HALF_UP);
        String selfEvaluation = n instanceof SelfEvaluated s ? s.selfEvaluation() : n instanceof Reviewed s ? s.selfEvaluation()
                : n instanceof ExpertReviewed s ? s.selfEvaluation() : n instanceof Noticed s ? s.selfEvaluation() : null;
        return new Nomination(n.id(), f.batchId(), n.stage().name(), new Nominee(f.nominee().name(), f.nominee().enterprise(),
                f.nominee().enterpriseName(), f.nominee().occupation()), f.channel().name(), f.nominatedBy(), f.achievements(),
                f.nominatedAt(), selfEvaluation, scores.size(), mean, n instanceof Conferred c ? c.title() : null,
                n instanceof Conferred c ? c.conferredAt() : null, n instanceof Rejected r ? r.atStage().name() : null,
                n instanceof Rejected r ? r.reason() : null);
    }

    static PublicNotice publicNotice(CraftsmanBatch b, List<cn.unionhub.contest.craftsman.domain.Nomination> listed) {
        if (b.notice() == null) {
            throw new cn.unionhub.platform.domain.NotFoundException("notice-not-open", b.id());
        }
        return new PublicNotice(b.id(), b.title(), b.notice().id(), b.notice().round(), b.notice().opensAt(), b.notice().closesAt(),
                listed.stream().map(n -> new Listed(n.id(), n.facts().nominee().name(), n.facts().nominee().enterpriseName(),
                        n.facts().nominee().occupation(), n.facts().achievements(), n.stage().name())).toList(),
                b.allObjections().stream().map(ObjectionView::of).toList());
    }
}
