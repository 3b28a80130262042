package cn.unionhub.events.membercard;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The city union revoked a 特困职工证: its concessions end now. The reason stays with the record in
 * member-card-service; it may speak of the household's circumstances.
 */
@EventContract(type = "cn.unionhub.member-card.hardship-certificate-revoked.v1", topic = Topics.MEMBER_CARD)
public record HardshipCertificateRevoked(String certificateNumber, String memberId, String district, Instant occurredAt)
        implements DomainEvent {

    @Override
    public String subject() {
        return certificateNumber;
    }
}
