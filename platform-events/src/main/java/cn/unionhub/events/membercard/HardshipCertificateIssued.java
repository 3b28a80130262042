package cn.unionhub.events.membercard;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The city union issued a 特困职工证, or renewed it at the annual review: the concessions it lists
 * apply until {@code validUntil}. Who the member is stays in member-card-service (the member id only);
 * why they qualified — income, illness, a disaster — is never in an event.
 *
 * @param validUntil the last day it holds (Asia/Shanghai), {@code yyyy-MM-dd}
 * @param renewal    true when an annual review extended a certificate already held
 */
@EventContract(type = "cn.unionhub.member-card.hardship-certificate-issued.v1", topic = Topics.MEMBER_CARD)
public record HardshipCertificateIssued(String certificateNumber, String memberId, String district, String validUntil,
        boolean renewal, Instant occurredAt) implements DomainEvent {

    @Override
    public String subject() {
        return certificateNumber;
    }
}
