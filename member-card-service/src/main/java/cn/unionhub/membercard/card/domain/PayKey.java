package cn.unionhub.membercard.card.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;

/**
 * A card's pay key and what it has been used for: the last step whose code a till redeemed with and
 * which merchant that was, and the wrong codes tried since the last right one. A step's code is
 * consent for one merchant: the same till may use it again within its 30 seconds (two purchases in
 * a row), any other merchant may not. Five wrong codes lock the key for 15 minutes, so guessing a
 * code (a million possibilities, three accepted at a time) is hopeless.
 *
 * @param lastStep the last step a code was redeemed with, -1 for none
 * @param lockedUntil when a lock after too many wrong codes ends; {@code null} when not locked
 */
public record PayKey(String cardNumber, byte[] secret, Instant issuedAt, long lastStep, String lastMerchant, int failures,
        Instant lockedUntil) {

    public static final int MAX_FAILURES = 5;
    public static final Duration LOCK = Duration.ofMinutes(15);

    /** What a code shown at a till amounts to. */
    public sealed interface Verdict {
    }

    /** The member consented; {@code fresh} when the step was not yet this merchant's, so it must be claimed. */
    public record Consent(long step, boolean fresh) implements Verdict {
    }

    public enum Refusal implements Verdict {
        /** Not a code of this key now. */
        WRONG,
        /** A code already redeemed at another merchant, or older than the last one redeemed. */
        USED,
        /** Too many wrong codes lately. */
        LOCKED
    }

    public static PayKey issue(String cardNumber, byte[] secret, Instant at) {
        return new PayKey(cardNumber, secret.clone(), at.truncatedTo(ChronoUnit.MILLIS), -1, null, 0, null);
    }

    public Verdict judge(String code, String merchantId, Instant now) {
        if (lockedUntil != null && now.isBefore(lockedUntil)) {
            return Refusal.LOCKED;
        }
        OptionalLong step = PayCodes.stepOf(secret, code, now);
        if (step.isEmpty()) {
            return Refusal.WRONG;
        }
        long s = step.getAsLong();
        if (s < lastStep || s == lastStep && !merchantId.equals(lastMerchant)) {
            return Refusal.USED;
        }
        return new Consent(s, s != lastStep);
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }
}
