package cn.unionhub.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Tokens this process has verified, by their exact text, so a client's next requests with the same
 * token skip the RSA signature check.
 *
 * <p>Why: every request is checked twice (gateway, then service), and under load the signature
 * check was the largest single cost in the gateway's profile (a quarter of its CPU at 150 lookups
 * a second). Envoy's JWT filter caches verified tokens the same way.
 *
 * <p>What it does not weaken: only a token that passed every check is kept, under its whole text
 * (a token differing in any character, e.g. a forged signature, is a different entry and fully
 * checked); a kept token is refused once {@code exp} (plus the usual clock skew) has passed, as a
 * fresh check would; and nothing is kept longer than {@link #MAX_AGE}, which bounds how long a
 * token signed by a key the issuer has since withdrawn is still accepted. Failures are not kept.
 */
public final class VerifiedTokens {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 4_096;

    private final Cache<String, Jwt> verified =
            Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(MAX_AGE).build();
    private final Duration clockSkew;
    private final Clock clock;

    VerifiedTokens(Duration clockSkew, Clock clock) {
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    static JwtDecoder caching(JwtDecoder decoder, Duration clockSkew, Clock clock) {
        VerifiedTokens tokens = new VerifiedTokens(clockSkew, clock);
        return token -> {
            Jwt known = tokens.get(token);
            return known != null ? known : tokens.remember(token, decoder.decode(token));
        };
    }

    static ReactiveJwtDecoder caching(ReactiveJwtDecoder decoder, Duration clockSkew, Clock clock) {
        VerifiedTokens tokens = new VerifiedTokens(clockSkew, clock);
        return token -> {
            Jwt known = tokens.get(token);
            return known != null ? Mono.just(known) : decoder.decode(token).map(jwt -> tokens.remember(token, jwt));
        };
    }

    private Jwt get(String token) {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt == null) {
            return null;
        }
        Instant expires = jwt.getExpiresAt();
        if (expires != null && !clock.instant().isBefore(expires.plus(clockSkew))) {
            verified.invalidate(token);
            return null;
        }
        return jwt;
    }

    private Jwt remember(String token, Jwt jwt) {
        verified.put(token, jwt);
        return jwt;
    }
}
