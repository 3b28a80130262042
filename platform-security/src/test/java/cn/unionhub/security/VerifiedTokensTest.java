package cn.unionhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/** A verified token is not verified again until it expires; anything else is always verified. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(30);

    private final List<String> verified = new ArrayList<>();
    private final MutableClock clock = new MutableClock(NOW);

    /** Stands in for the signature check: "good-*" tokens pass (expiring in 60 s), others fail. */
    private Jwt verify(String token) {
        verified.add(token);
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("u")
                .issuedAt(NOW).expiresAt(NOW.plusSeconds(60)).build();
    }

    @Test
    void theSameTokenIsCheckedOnceWhileItLives() {
        JwtDecoder decoder = VerifiedTokens.caching(this::verify, SKEW, clock);
        Jwt first = decoder.decode("good-1");
        assertThat(decoder.decode("good-1")).isSameAs(first);
        assertThat(decoder.decode("good-2").getTokenValue()).isEqualTo("good-2");
        assertThat(verified).containsExactly("good-1", "good-2");
    }

    @Test
    void aFailedTokenIsCheckedEveryTimeAndAnAlteredOneIsAnotherToken() {
        JwtDecoder decoder = VerifiedTokens.caching(this::verify, SKEW, clock);
        decoder.decode("good-1");
        assertThatThrownBy(() -> decoder.decode("forged-1")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged-1")).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("good-1", "forged-1", "forged-1");
    }

    @Test
    void anExpiredTokenIsCheckedAgainAsAFreshCheckWould() {
        JwtDecoder checkingExpiry = token -> {
            Jwt jwt = verify(token);
            if (!clock.instant().isBefore(jwt.getExpiresAt().plus(SKEW))) {
                throw new BadJwtException("expired");
            }
            return jwt;
        };
        JwtDecoder decoder = VerifiedTokens.caching(checkingExpiry, SKEW, clock);
        decoder.decode("good-1");
        clock.now = NOW.plusSeconds(60 + 29);
        decoder.decode("good-1"); // within the skew: still the remembered check
        assertThat(verified).containsExactly("good-1");
        clock.now = NOW.plusSeconds(60 + 30);
        assertThatThrownBy(() -> decoder.decode("good-1")).isInstanceOf(BadJwtException.class).hasMessage("expired");
        assertThat(verified).containsExactly("good-1", "good-1");
    }

    @Test
    void theReactiveDecoderRemembersOnlySuccesses() {
        ReactiveJwtDecoder decoder = VerifiedTokens.caching(
                (ReactiveJwtDecoder) token -> Mono.fromCallable(() -> verify(token)), SKEW, clock);
        assertThat(decoder.decode("good-1").block()).isNotNull();
        assertThat(decoder.decode("good-1").block()).isNotNull();
        assertThatThrownBy(() -> decoder.decode("bad").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("bad").block()).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("good-1", "bad", "bad");
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
