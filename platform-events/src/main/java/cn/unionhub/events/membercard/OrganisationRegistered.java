package cn.unionhub.events.membercard;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * An organisation entered the register: an administrative division, an enterprise, or a union of
 * any level. The event carries the whole record (state transfer), so a consumer keeps its copy by
 * upserting and needs nothing else; {@code revision} grows with every change of the record, so a
 * copy never goes back to an older state.
 *
 * @param organisationId the register's id: a division's administrative code, an enterprise's unified
 *                       social credit code, a union's id ({@code GH-…}, {@code LH-…}, {@code ZGH-…})
 * @param kind           DIVISION, ENTERPRISE, CITY_UNION, DISTRICT_UNION, STREET_UNION, GRASSROOTS_UNION or JOINT_UNION
 * @param name           registered name, e.g. 宁波富德能源有限公司, 镇海区总工会
 * @param district       the county-level division (6 digits) it belongs to, for routing and scoping;
 *                       a city-level division or union names its own code
 * @param parent         the organisation above it: the division above a division, the union above a
 *                       union (a grassroots union's is its street's or district's union: its enterprise is in
 *                       its id, {@code GH-<uscc>}); {@code null} at the top
 * @param industry       GB/T 4754 section (A–T) of an enterprise, or the trade a joint union covers; else {@code null}
 * @param sizeBand       MICRO, SMALL, MEDIUM or LARGE for enterprises; else {@code null}
 * @param level          CITY, DISTRICT or STREET for divisions and their unions; else {@code null}
 * @param status         ACTIVE or CLOSED
 * @param revision       1 on registration, one more for every later change
 * @param occurredAt     when the register recorded it
 */
@EventContract(type = "cn.unionhub.member-card.organisation-registered.v1", topic = Topics.MEMBER_CARD)
public record OrganisationRegistered(String organisationId, String kind, String name, String district, String parent,
        String industry, String sizeBand, String level, String status, long revision, Instant occurredAt)
        implements DomainEvent {

    @Override
    public String subject() {
        return organisationId;
    }
}
