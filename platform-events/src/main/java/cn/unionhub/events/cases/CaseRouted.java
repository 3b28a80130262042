package cn.unionhub.events.cases;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A case was routed (分流) to the organisation that will handle it, with the rule that decided.
 *
 * @param caseId             aggregate id
 * @param caseNumber         human-readable number
 * @param feedbackId         the feedback item it came from, if any
 * @param organisationType   ENTERPRISE_UNION, STREET_UNION, DISTRICT_UNION, LEGAL_AID_CENTRE, MEDIATION_ORGANISATION,
 *                           LABOR_INSPECTION or CITY_UNION
 * @param organisationName   the organisation's name, shown to the worker
 * @param rule               name of the routing rule that matched, for the record; {@code transferred} when
 *                           the case was passed on (转办), {@code reopened} when a dissatisfied worker sent it a level up
 * @param firstResponseDueAt when the worker must have heard back (24-hour rule)
 * @param routedAt           when it was routed
 * @param organisationId     the organisation's id ({@code TYPE:scope}, {@code CITY_UNION}): who may now work the case and
 *                           reach its worker; null in events from before 2026-12-04
 * @param district           the case's district after the step (a transfer to another district moves it); null before
 */
@EventContract(type = "cn.unionhub.case.routed.v1", topic = Topics.CASE)
public record CaseRouted(String caseId, String caseNumber, String feedbackId, String organisationType,
        String organisationName, String rule, Instant firstResponseDueAt, Instant routedAt, String organisationId, String district)
        implements DomainEvent {

    /** As published before 2026-12-04, without who handles it now. */
    public CaseRouted(String caseId, String caseNumber, String feedbackId, String organisationType, String organisationName, String rule,
            Instant firstResponseDueAt, Instant routedAt) {
        this(caseId, caseNumber, feedbackId, organisationType, organisationName, rule, firstResponseDueAt, routedAt, null, null);
    }

    @Override
    public String subject() {
        return caseId;
    }
}
