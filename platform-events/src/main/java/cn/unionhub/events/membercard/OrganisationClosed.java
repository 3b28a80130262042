package cn.unionhub.events.membercard;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * An organisation was closed (an enterprise deregistered, a union dissolved). It stays in the
 * register and in every copy, marked closed: old complaints and cases still name it, and a new
 * complaint about it is still accepted (a closed firm's unpaid wages are exactly what workers report).
 *
 * @param organisationId the register's id (see {@link OrganisationRegistered})
 * @param kind           the organisation's kind
 * @param district       its county-level division
 * @param reason         why, as the register recorded it
 * @param revision       the record's revision after closing
 * @param occurredAt     when it was closed
 */
@EventContract(type = "cn.unionhub.member-card.organisation-closed.v1", topic = Topics.MEMBER_CARD)
public record OrganisationClosed(String organisationId, String kind, String district, String reason, long revision,
        Instant occurredAt) implements DomainEvent {

    @Override
    public String subject() {
        return organisationId;
    }
}
