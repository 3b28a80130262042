package cn.unionhub.events.contest;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A certificate was issued (never its verification code).
 *
 * @param awardedFor the registration or craftsman nomination it was issued for
 */
@EventContract(type = "cn.unionhub.contest.certificate-issued.v1", topic = Topics.CONTEST)
public record CertificateIssued(String number, String awardedFor, String title, Instant issuedAt) implements DomainEvent {

    @Override
    public String subject() {
        return number;
    }
}
