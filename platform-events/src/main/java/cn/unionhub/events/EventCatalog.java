package cn.unionhub.events;

import java.util.List;

/**
 * Every published event type. The AsyncAPI document ({@code /asyncapi.yaml}) must list exactly
 * these; {@code AsyncApiDocumentTest} fails when the two drift apart.
 */
public final class EventCatalog {

    /** Registered event record classes, in the order the AsyncAPI document lists them. */
    private static final List<Class<? extends DomainEvent>> EVENTS = List.of(
            cn.unionhub.events.feedback.FeedbackSubmitted.class,
            cn.unionhub.events.feedback.FeedbackRated.class,
            cn.unionhub.events.feedback.WorkerReplied.class,
            cn.unionhub.events.feedback.BulletinPublished.class,
            cn.unionhub.events.cases.CaseOpened.class,
            cn.unionhub.events.cases.CaseRouted.class,
            cn.unionhub.events.cases.CaseResponded.class,
            cn.unionhub.events.cases.CaseResolved.class,
            cn.unionhub.events.cases.CaseReopened.class,
            cn.unionhub.events.alert.AlertRaised.class,
            cn.unionhub.events.alert.AlertLevelChanged.class,
            cn.unionhub.events.alert.AlertVerified.class,
            cn.unionhub.events.alert.AlertClosed.class,
            cn.unionhub.events.alert.DailyReportPublished.class,
            cn.unionhub.events.alert.RiskSignalReported.class,
            cn.unionhub.events.cases.CaseAccepted.class,
            cn.unionhub.events.cases.CaseFirstResponded.class,
            cn.unionhub.events.cases.CasePaused.class,
            cn.unionhub.events.cases.CaseResumed.class,
            cn.unionhub.events.cases.CaseDeadlinesRecalculated.class,
            cn.unionhub.events.cases.CalendarYearPublished.class,
            cn.unionhub.events.cases.CaseDeadlineWarning.class,
            cn.unionhub.events.cases.CaseEscalated.class,
            cn.unionhub.events.cases.CaseClosed.class,
            cn.unionhub.events.cases.CaseClueVerified.class,
            cn.unionhub.events.station.StationRegistered.class,
            cn.unionhub.events.station.StationListed.class,
            cn.unionhub.events.station.StationUpdated.class,
            cn.unionhub.events.station.StationInspected.class,
            cn.unionhub.events.station.StationRectificationOrdered.class,
            cn.unionhub.events.station.StationDelisted.class,
            cn.unionhub.events.station.StationHoursChanged.class,
            cn.unionhub.events.station.ActivityPublished.class,
            cn.unionhub.events.station.ActivityFull.class,
            cn.unionhub.events.station.ActivityCancelled.class,
            cn.unionhub.events.station.ActivitySignedUp.class,
            cn.unionhub.events.membercard.OrganisationRegistered.class,
            cn.unionhub.events.membercard.OrganisationUpdated.class,
            cn.unionhub.events.membercard.OrganisationClosed.class,
            cn.unionhub.events.membercard.MemberEnrolled.class,
            cn.unionhub.events.membercard.MemberChanged.class,
            cn.unionhub.events.membercard.CardIssued.class,
            cn.unionhub.events.membercard.CardActivated.class,
            cn.unionhub.events.membercard.CardFrozen.class,
            cn.unionhub.events.membercard.CardReportedLost.class,
            cn.unionhub.events.membercard.CardReplaced.class,
            cn.unionhub.events.membercard.CardCancelled.class,
            cn.unionhub.events.membercard.TransferPosted.class,
            cn.unionhub.events.membercard.TransferHeld.class,
            cn.unionhub.events.membercard.TransferVoided.class,
            cn.unionhub.events.membercard.TransferRejected.class,
            cn.unionhub.events.membercard.TransferBatchPosted.class,
            cn.unionhub.events.membercard.LedgerReconciled.class,
            cn.unionhub.events.membercard.CouponsGranted.class,
            cn.unionhub.events.membercard.CouponRedeemed.class,
            cn.unionhub.events.membercard.CouponsExpired.class,
            cn.unionhub.events.membercard.PayrollDisbursed.class,
            cn.unionhub.events.membercard.HardshipCertificateIssued.class,
            cn.unionhub.events.membercard.HardshipCertificateRevoked.class,
            cn.unionhub.events.membercard.TillClientChanged.class,
            cn.unionhub.events.contest.ContestPublished.class,
            cn.unionhub.events.contest.RegistrationApproved.class,
            cn.unionhub.events.contest.AspectSentForReview.class,
            cn.unionhub.events.contest.ResultsNoticed.class,
            cn.unionhub.events.contest.ObjectionFiled.class,
            cn.unionhub.events.contest.ObjectionResolved.class,
            cn.unionhub.events.contest.ResultsFinal.class,
            cn.unionhub.events.contest.CompetitorAdvanced.class,
            cn.unionhub.events.contest.AwardGranted.class,
            cn.unionhub.events.contest.CertificateIssued.class,
            cn.unionhub.events.contest.CraftsmanNominated.class,
            cn.unionhub.events.contest.CraftsmanNoticed.class,
            cn.unionhub.events.contest.CraftsmanConferred.class,
            cn.unionhub.events.contest.CraftsmanRejected.class);

    private EventCatalog() {
    }

    public static List<Class<? extends DomainEvent>> events() {
        return EVENTS;
    }

    public static EventContract contractOf(Class<?> eventClass) {
        EventContract contract = eventClass.getAnnotation(EventContract.class);
        if (contract == null) {
            throw new IllegalArgumentException(eventClass.getName() + " is not annotated with @EventContract");
        }
        return contract;
    }

    public static String schemaPath(String type) {
        return "/events/schemas/" + type + ".json";
    }
}
