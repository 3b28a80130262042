package cn.unionhub.alert.risk.domain;

import cn.unionhub.events.cases.CaseClueVerified;
import cn.unionhub.events.cases.CaseEscalated;
import cn.unionhub.events.cases.CaseOpened;
import cn.unionhub.events.feedback.FeedbackRated;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the platform's own events into risk signals: complaints and appeals (wage arrears weigh
 * most), cases from the 12351 hotline, assignments and public opinion, escalated cases, and dissatisfaction (a worker not satisfied, a reopened case).
 *
 * <p>Collective-dispute detection needs to tell distinct workers apart without knowing them:
 * {@code feedback.submitted.v1} carries a per-enterprise reporter key (a keyed pseudonym of the
 * worker's account, or for an item staff recorded, of the named worker's phone or else of the
 * recorder), so a worker complaining twice counts once and one staff member's recordings count as
 * one. Items without one (from before) and cases filed by staff count as one reporter each.
 */
public final class EventSignals {

    public static final String SOURCE_FEEDBACK = "feedback-service";
    public static final String SOURCE_CASES = "case-service";
    public static final String DISSATISFACTION = "DISSATISFACTION";
    public static final String CASE_ESCALATED = "CASE_ESCALATED";
    /** A public-opinion clue not yet checked (舆情核实): configured with a small weight. */
    public static final String UNVERIFIED_CLUE = "UNVERIFIED_CLUE";
    private static final String PUBLIC_OPINION = "PUBLIC_OPINION";

    private final Map<String, String> kindByCategory;
    private final String defaultComplaintKind;

    /**
     * @param kindByCategory       feedback category to signal kind, e.g. WAGES_ARREARS → WAGE_ARREARS_COMPLAINT
     * @param defaultComplaintKind the kind of complaints in other categories
     */
    public EventSignals(Map<String, String> kindByCategory, String defaultComplaintKind) {
        this.kindByCategory = Map.copyOf(kindByCategory);
        this.defaultComplaintKind = defaultComplaintKind;
    }

    /** Complaints and appeals count; reviews and suggestions do not. */
    public Optional<Signal> of(FeedbackSubmitted e) {
        if (!e.needsHandling() || !("COMPLAINT".equals(e.type()) || "APPEAL".equals(e.type()))) {
            return Optional.empty();
        }
        String kind = kindByCategory.getOrDefault(e.category(), defaultComplaintKind);
        return Optional.of(new Signal("feedback:" + e.feedbackId(), e.enterprise(), e.enterpriseName(), e.district(), null,
                kind, 1, e.submittedAt(), SOURCE_FEEDBACK, e.trackingNumber(),
                // Distinct workers: the per-enterprise reporter key; items staff recorded without an account count alone.
                e.reporterKey() != null ? e.reporterKey() : e.feedbackId(),
                amount(e.details(), "amountOwedFen")));
    }

    /**
     * A worker not satisfied with the outcome. Shares its id with the reopening it causes, so the
     * two count as one dissatisfaction.
     */
    public Optional<Signal> of(FeedbackRated e) {
        if (!"NOT_SATISFIED".equals(e.rating()) || e.defaulted()) {
            return Optional.empty();
        }
        return Optional.of(dissatisfaction(e.feedbackId(), e.enterprise(), e.district(), e.ratedAt(), e.trackingNumber()));
    }

    /** A reopened case of a feedback item (the enterprise comes from the item's complaint signal). */
    public static Signal dissatisfaction(String feedbackId, String enterprise, String district, java.time.Instant at,
            String reference) {
        return new Signal("dissatisfaction:" + feedbackId, enterprise, null, district, null, DISSATISFACTION, 1, at,
                SOURCE_FEEDBACK, reference, null, 0);
    }

    /**
     * A case that did not come from a feedback item — a 12351 hotline order, a superior's
     * assignment, a public-opinion clue — is a complaint about the enterprise like any other, and
     * weighs by its category the same way (wage arrears most). Cases from feedback are not counted
     * again: their complaint already was. Magnitude is the workers concerned when known; the kind's
     * cap keeps one big figure from deciding alone. The case stands for one reporter: staff filed it,
     * so no worker pseudonym exists.
     */
    public Optional<Signal> of(CaseOpened e) {
        if (e.enterprise() == null || e.feedbackId() != null || "FEEDBACK".equals(e.source())) {
            return Optional.empty();
        }
        String kind = kindByCategory.getOrDefault(e.category(), defaultComplaintKind);
        double magnitude = e.workersAffected() != null && e.workersAffected() > 0 ? e.workersAffected() : 1;
        long amount = e.amountOwedFen() != null && e.amountOwedFen() > 0 ? e.amountOwedFen() : 0;
        if (PUBLIC_OPINION.equals(e.source())) {
            // Something seen in the media is not yet a fact: a little weight now, in full once confirmed.
            return Optional.of(new Signal("case:" + e.caseId(), e.enterprise(), e.enterpriseName(), e.district(), null,
                    UNVERIFIED_CLUE, 1, e.openedAt(), SOURCE_CASES, e.caseNumber(), "case:" + e.caseId(), 0));
        }
        return Optional.of(new Signal("case:" + e.caseId(), e.enterprise(), e.enterpriseName(), e.district(), null, kind,
                magnitude, e.openedAt(), SOURCE_CASES, e.caseNumber(), "case:" + e.caseId(), amount));
    }

    /**
     * A public-opinion clue that checking confirmed counts as the complaint it reports: its
     * category's kind, the workers concerned and (fully confirmed) the amount — on top of the small
     * weight it had while unverified. Partly confirmed: one complaint's worth, no amount. Unfounded:
     * nothing more.
     */
    public Optional<Signal> of(CaseClueVerified e) {
        if (e.enterprise() == null || "UNFOUNDED".equals(e.finding())) {
            return Optional.empty();
        }
        boolean full = "CONFIRMED".equals(e.finding());
        String kind = kindByCategory.getOrDefault(e.category(), defaultComplaintKind);
        double workers = full && e.workersAffected() != null && e.workersAffected() > 0 ? e.workersAffected() : 1;
        long amount = full && e.amountOwedFen() != null && e.amountOwedFen() > 0 ? e.amountOwedFen() : 0;
        return Optional.of(new Signal("clue-confirmed:" + e.caseId(), e.enterprise(), e.enterpriseName(), e.district(),
                null, kind, workers, e.verifiedAt(), SOURCE_CASES, e.caseNumber(), "case:" + e.caseId(), amount));
    }

    /** Each supervision level of an escalated case counts once. */
    public Optional<Signal> of(CaseEscalated e) {
        if (e.enterprise() == null) {
            return Optional.empty();
        }
        return Optional.of(new Signal("escalated:" + e.caseId() + ":" + e.level(), e.enterprise(), null, e.district(), null,
                CASE_ESCALATED, 1, e.escalatedAt(), SOURCE_CASES, e.caseNumber(), null, 0));
    }

    private static long amount(Map<String, Object> details, String field) {
        if (details != null && details.get(field) instanceof Number n && n.longValue() > 0) {
            return n.longValue();
        }
        return 0;
    }
}
