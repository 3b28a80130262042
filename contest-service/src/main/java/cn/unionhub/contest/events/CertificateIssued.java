package cn.unionhub.contest.events;

import cn.unionhub.events.DomainEvent;
import java.time.Instant;

/**
 * A certificate was issued (never its verification code).
 *
 * @param awardedFor the registration or craftsman nomination it was issued for
 */
public record CertificateIssued(String number, String awardedFor, String title, Instant issuedAt) implements DomainEvent {

    @Override
    public String subject() {
        return number;
    }
}
