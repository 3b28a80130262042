package cn.unionhub.cases.casework.api;

import cn.unionhub.security.Actor;
import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.platform.calendar.SlaClock;
import cn.unionhub.cases.casework.domain.HistoryEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A case as handlers, union staff and other systems read it: times in Beijing time, the public SLA
 * status, and who supervises it after an escalation.
 */
public record CaseView(String caseNumber, String source, String sourceReference, String trackingNumber, String category,
        String enterprise, String enterpriseName, String district, String workerGroup, String channel, String summary,
        Long amountOwedFen, Integer workersAffected, String priority, String status, String organisationType,
        String organisationName, String organisationId, String routingRule, String supervisor, Sla sla, Times times, List<PauseView> pauses,
        Result result, Clue clue, String followUpCode) {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /**
     * The public SLA status: WITHIN_DEADLINE, DUE_SOON, OVERDUE, ESCALATED (with its level), PAUSED, RESOLVED_ON_TIME/LATE.
     *
     * @param provisional the due time falls in a year whose holiday schedule is not published yet: computed from the
     *                    statutory holidays, it may move when the State Council publishes the year's 调休
     */
    public record Sla(String state, int escalationLevel, String deadline, OffsetDateTime dueAt, String policy, String clock,
            boolean provisional) {
    }

    public record Times(OffsetDateTime openedAt, OffsetDateTime acceptedAt, OffsetDateTime contactedAt,
            OffsetDateTime firstResponseDueAt, OffsetDateTime firstRespondedAt, OffsetDateTime resolutionDueAt,
            OffsetDateTime resolvedAt, OffsetDateTime closedAt, OffsetDateTime pausedAt) {
    }

    public record PauseView(OffsetDateTime from, OffsetDateTime to, String reason) {
    }

    public record Result(String outcome, String summary, Long recoveredAmountFen, Integer workersHelped, String satisfaction) {
    }

    public record Clue(String finding, String note, OffsetDateTime verifiedAt) {
    }

    /** One history entry as shown, with its place in the hash chain. */
    public record Entry(int sequence, OffsetDateTime at, String actor, String actorRole, String action, String text,
            Map<String, String> details, List<HistoryEntry.Attachment> attachments, String previousHash, String hash) {

        public static Entry of(HistoryEntry e) {
            return new Entry(e.sequence(), BusinessCalendar.beijing(e.at()), e.actor(), e.actorRole(), e.action(), e.text(), e.details(),
                    e.attachments(), e.previousHash(), e.hash());
        }

        /**
         * As the enterprise's own union sees an entry of an anonymous worker's case: its time and every
         * time in its details (due times are the complaint's time plus the rule's hours, so any one of
         * them gives the complaint away) by Beijing day, and without the hashes. A hash seals the
         * exact time with fields the chair can read, so trying each millisecond of the day finds it
         * in minutes; the chair checks the chain with the verification endpoint instead.
         */
        public static Entry byDay(HistoryEntry e) {
            Map<String, String> details = new java.util.LinkedHashMap<>();
            e.details().forEach((key, value) -> details.put(key, dayIfTime(value)));
            return new Entry(e.sequence(), day(e.at()), e.actor(), e.actorRole(), e.action(), e.text(), details,
                    e.attachments(), null, null);
        }

        /** An instant (as the history writes them) as its Beijing day; any other value as it is. */
        private static String dayIfTime(String value) {
            if (value == null || value.length() < 20 || value.charAt(4) != '-' || value.indexOf('T') != 10) {
                return value;
            }
            try {
                return LocalDate.ofInstant(Instant.parse(value), BEIJING).toString();
            } catch (java.time.format.DateTimeParseException notATime) {
                return value;
            }
        }
    }

    /** The view, with deadlines in years of {@code calendar} that are only computed marked provisional. */
    public static CaseView of(Case c, Instant now, BusinessCalendar calendar) {
        return of(c, now, calendar, false);
    }

    /**
     * The view for {@code viewer}: the enterprise's own union sees an anonymous worker's case with
     * every time by its Beijing day (as feedback-service shows the item), because the time a case
     * was opened, or its due time, is the time the worker complained — on a shift, on a break — and
     * would tell the chair who it was. The SLA state stays: the chair still knows what is urgent.
     */
    public static CaseView of(Case c, Instant now, BusinessCalendar calendar, Actor viewer) {
        return of(c, now, calendar, byDay(c, viewer));
    }

    /** Whether {@code viewer} sees the case's times by day only. */
    public static boolean byDay(Case c, Actor viewer) {
        return c.matter().isAnonymous() && viewer.isEnterpriseSide();
    }

    private static CaseView of(Case c, Instant now, BusinessCalendar calendar, boolean dayOnly) {
        java.util.function.Function<Instant, OffsetDateTime> beijing = dayOnly ? CaseView::day : BusinessCalendar::beijing;
        Case.Matter m = c.matter();
        Case.Deadlines d = c.deadlines();
        Case.SlaStatus sla = c.slaStatus(now);
        Case.Resolution r = c.resolution();
        Case.ClueVerification v = c.verification();
        return new CaseView(c.caseNumber(), c.source().name(), c.sourceReference(), c.trackingNumber(), m.category(),
                m.enterprise(), m.enterpriseName(), m.district(), m.workerGroup(), m.channel(), m.summary(), m.amountOwedFen(),
                m.workersAffected(), c.priority().name(), c.status().name(), c.assignment().organisationType().name(),
                c.assignment().organisationName(), c.handledBy().id(), c.assignment().rule(), c.assignment().supervisor(),
                new Sla(sla.state(), sla.escalationLevel(), sla.deadline().name(), beijing.apply(sla.dueAt()), d.policy(), d.clock().name(),
                        d.clock() == SlaClock.WORKING_DAYS && calendar.isProvisional(sla.dueAt())),
                new Times(beijing.apply(d.openedAt()), beijing.apply(d.acceptedAt()), beijing.apply(d.contactedAt()), beijing.apply(d.firstResponseDueAt()),
                        beijing.apply(d.firstRespondedAt()), beijing.apply(d.resolutionDueAt()), beijing.apply(d.resolvedAt()), beijing.apply(d.closedAt()),
                        beijing.apply(d.pausedAt())),
                d.pauses().stream().map(p -> new PauseView(beijing.apply(p.from()), beijing.apply(p.to()), p.reason())).toList(),
                r == null ? null : new Result(r.outcome() == null ? null : r.outcome().name(), r.summary(), r.recoveredAmountFen(),
                        r.workersHelped(), r.satisfaction() == null ? null : r.satisfaction().name()),
                v == null ? null : new Clue(v.finding().name(), v.note(), beijing.apply(v.at())), null);
    }

    /**
     * The same view with the hotline caller's follow-up code, which the operator reads out once
     * with the case number: with both, the caller follows the case (POST /api/v1/cases/follow-up).
     */
    public CaseView withFollowUpCode(String code) {
        return code == null ? this : new CaseView(caseNumber, source, sourceReference, trackingNumber, category, enterprise,
                enterpriseName, district, workerGroup, channel, summary, amountOwedFen, workersAffected, priority, status,
                organisationType, organisationName, organisationId, routingRule, supervisor, sla, times, pauses, result, clue, code);
    }


    static OffsetDateTime day(Instant instant) {
        return instant == null ? null : instant.atZone(BEIJING).truncatedTo(ChronoUnit.DAYS).toOffsetDateTime();
    }
}
