package cn.unionhub.membercard.card.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayCodesTest {

    /** RFC 6238 appendix B's SHA-1 key; its eight-digit codes end in the six digits we show. */
    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:10Z");

    @Test
    void codesAreThoseOfRfc6238() {
        assertThat(PayCodes.code(RFC_KEY, PayCodes.stepAt(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(PayCodes.code(RFC_KEY, PayCodes.stepAt(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
        assertThat(PayCodes.code(RFC_KEY, PayCodes.stepAt(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
    }

    @Test
    void aCodeCountsForItsStepAndOneEitherSideOfNowOnly() {
        long now = PayCodes.stepAt(NOW);
        for (long step = now - 1; step <= now + 1; step++) {
            assertThat(PayCodes.stepOf(RFC_KEY, PayCodes.code(RFC_KEY, step), NOW)).hasValue(step);
        }
        assertThat(PayCodes.stepOf(RFC_KEY, PayCodes.code(RFC_KEY, now - 2), NOW)).isEmpty();
        assertThat(PayCodes.stepOf(RFC_KEY, PayCodes.code(RFC_KEY, now + 2), NOW)).isEmpty();
        assertThat(PayCodes.stepOf("another key, 20 byte".getBytes(StandardCharsets.US_ASCII), PayCodes.code(RFC_KEY, now), NOW)).isEmpty();
        assertThat(PayCodes.stepOf(RFC_KEY, "12345", NOW)).isEmpty();
        assertThat(PayCodes.stepOf(RFC_KEY, "12345a", NOW)).isEmpty();
        assertThat(PayCodes.stepOf(RFC_KEY, null, NOW)).isEmpty();
    }

    @Test
    void theKeyIsWrittenInBase32AsAuthenticatorAppsReadIt() {
        // RFC 4648 §10's test vectors, without padding.
        assertThat(PayCodes.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(PayCodes.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(PayCodes.base32(RFC_KEY)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    @Test
    void aStepsCodeIsConsentToOneOrder() {
        long now = PayCodes.stepAt(NOW);
        PayKey fresh = PayKey.issue("6228480000000000000", RFC_KEY, NOW);
        String code = PayCodes.code(RFC_KEY, now);
        assertThat(fresh.judge(code, "370212-0001:A1", NOW)).isEqualTo(new PayKey.Consent(now, true));
        assertThat(fresh.judge(code, null, NOW)).as("a quote looks at an unused code").isEqualTo(new PayKey.Consent(now, true));
        PayKey used = new PayKey(fresh.cardNumber(), RFC_KEY, fresh.issuedAt(), Map.of(now, "370212-0001:A1"), 0, null);
        assertThat(used.judge(code, "370212-0001:A1", NOW)).as("the same order again").isEqualTo(new PayKey.Consent(now, false));
        assertThat(used.judge(code, "370212-0001:A2", NOW)).as("another order of the same till").isEqualTo(PayKey.Refusal.USED);
        assertThat(used.judge(code, "370212-0002:A1", NOW)).as("another merchant").isEqualTo(PayKey.Refusal.USED);
        assertThat(used.judge(code, null, NOW)).as("a quote with a used code").isEqualTo(PayKey.Refusal.USED);
        assertThat(used.judge(PayCodes.code(RFC_KEY, now - 1), "370212-0001:A2", NOW)).as("an earlier code nobody claimed, sent late")
                .isEqualTo(new PayKey.Consent(now - 1, true));
        assertThat(used.judge(PayCodes.code(RFC_KEY, now + 1), "370212-0001:A2", NOW)).as("the next code, for a second purchase at once")
                .isEqualTo(new PayKey.Consent(now + 1, true));
        PayKey locked = new PayKey(fresh.cardNumber(), RFC_KEY, fresh.issuedAt(), Map.of(), 0, NOW.plusSeconds(1));
        assertThat(locked.judge(code, "370212-0001:A1", NOW)).isEqualTo(PayKey.Refusal.LOCKED);
        assertThat(locked.judge(code, "370212-0001:A1", NOW.plusSeconds(1))).isEqualTo(new PayKey.Consent(now, true));
    }

    @Test
    void claimsOutsideTheWindowAreDroppedWithTheNextClaim() {
        long now = PayCodes.stepAt(NOW);
        PayKey key = new PayKey("6228480000000000000", RFC_KEY, NOW, Map.of(now - 3, "a", now - 2, "b", now - 1, "c", now, "d"), 0, null);
        assertThat(key.staleClaims(NOW)).containsExactly(now - 3, now - 2);
    }
}
