package cn.unionhub.events.membercard;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A merchant's till got a new sign-in secret from its district union, or lost it (the secret was revoked, or the
 * merchant closed): the identity server signs the till in as machine client {@code clientId} with exactly this secret
 * from now on, or not at all. Only the secret's SHA-256 travels: the secret is 32 random bytes shown once to the union
 * that issued it, so the digest cannot be turned back into it.
 *
 * @param clientId     {@code merchant-<merchant id>}, the till's OAuth2 client id
 * @param merchantId   the merchant the till redeems for
 * @param district     the district the merchant serves (the token's {@code district} claim)
 * @param active       whether the till may sign in
 * @param secretSha256 the lower-case hex SHA-256 of the secret's UTF-8 text while active; null once revoked
 * @param generation   1 for the first secret, one more for every change: a newer generation replaces an older one
 * @param changedAt    when the union issued or revoked it
 */
@EventContract(type = "cn.unionhub.member-card.till-client-changed.v1", topic = Topics.TILL_CLIENTS)
public record TillClientChanged(String clientId, String merchantId, String district, boolean active, String secretSha256,
        long generation, Instant changedAt) implements DomainEvent {

    @Override
    public String subject() {
        return clientId;
    }
}
