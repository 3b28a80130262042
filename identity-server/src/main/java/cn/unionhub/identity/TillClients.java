package cn.unionhub.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The merchant tills a district union has given a secret (member-card-service, {@code identity.till-clients}): what this
 * server knows of each, newest generation first. A till it knows as revoked signs in no more, even if this server's
 * configuration also lists a client of that id (the union's word is the newer one); a till it has never heard of is
 * left to the configuration.
 */
class TillClients {

    /** What is known of one till client. {@code secretSha256} is null once revoked. */
    record Till(String clientId, String district, boolean active, String secretSha256, long generation, Instant changedAt) {
    }

    /** Spring Security's id for {@link TillSecrets}, the encoding of a till's secret. */
    static final String SECRET_ID = "{sha256}";
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);

    private final Map<String, Till> tills = new ConcurrentHashMap<>();

    /** Takes a till's new state, unless a newer generation is known already (a record read twice changes nothing). */
    void apply(Till till) {
        tills.merge(till.clientId(), till, (known, arriving) -> arriving.generation() >= known.generation() ? arriving : known);
    }

    /** A record about the till could not be read: it signs in no more until a newer one can. */
    void revokeUnreadable(String clientId) {
        tills.compute(clientId, (id, known) -> new Till(id, null, false, null, known == null ? 0 : known.generation(), Instant.EPOCH));
    }

    boolean knows(String clientId) {
        return tills.containsKey(clientId);
    }

    int size() {
        return tills.size();
    }

    /** Which of the union's secrets the till signs in with (its generation), while it may sign in. */
    Optional<Long> generation(String clientId) {
        return Optional.ofNullable(tills.get(clientId)).filter(Till::active).map(Till::generation);
    }

    Optional<String> district(String clientId) {
        return Optional.ofNullable(tills.get(clientId)).filter(Till::active).map(Till::district);
    }

    /** The till as a registered client while it may sign in; empty when revoked or unknown. */
    Optional<RegisteredClient> client(String clientId) {
        Till till = tills.get(clientId);
        if (till == null || !till.active() || till.secretSha256() == null) {
            return Optional.empty();
        }
        return Optional.of(RegisteredClient.withId(clientId).clientId(clientId).clientIdIssuedAt(till.changedAt())
                .clientSecret(SECRET_ID + till.secretSha256())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).scope("unionhub.redeem")
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(TOKEN_LIFETIME).build()).build());
    }
}
