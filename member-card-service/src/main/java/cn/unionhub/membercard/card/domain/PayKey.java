package cn.unionhub.membercard.card.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A card's pay key and what its codes have been used for: which order claimed each recent step's
 * code, and the wrong codes tried since the last right one. A step's code is consent for one order
 * of one merchant, as a bank's payment code is: the first redemption with it claims it for its order
 * (the till's order number), and that order's retries may use it again; any other order, of this
 * till or another, may not, so a cashier cannot add purchases of their own after the member's. Five
 * wrong codes lock the key for 15 minutes, so guessing a code (a million possibilities, three
 * accepted at a time) is hopeless.
 *
 * @param claims the order (a redemption's id, {@code merchant:orderNo}) that claimed each step, for the steps still within the window
 * @param failures the tries taken since the last right code: wrong codes, and codes still being judged
 * @param lockedUntil when a lock after too many wrong codes ends; {@code null} when not locked
 */
public record PayKey(String cardNumber, byte[] secret, Instant issuedAt, Map<Long, String> claims, int failures, Instant lockedUntil) {

    public static final int MAX_FAILURES = 5;
    public static final Duration LOCK = Duration.ofMinutes(15);

    /** What a code shown at a till amounts to. */
    public sealed interface Verdict {
    }

    /** The member consented; {@code fresh} when nobody claimed the step yet, so this order must claim it. */
    public record Consent(long step, boolean fresh) implements Verdict {
    }

    public enum Refusal implements Verdict {
        /** Not a code of this key now. */
        WRONG,
        /** A code already redeemed with for another order. */
        USED,
        /** Too many wrong codes lately. */
        LOCKED
    }

    public PayKey {
        claims = Map.copyOf(claims);
    }

    public static PayKey issue(String cardNumber, byte[] secret, Instant at) {
        return new PayKey(cardNumber, secret.clone(), at.truncatedTo(ChronoUnit.MILLIS), Map.of(), 0, null);
    }

    /**
     * What the code amounts to for this order; {@code order} null for a look that claims nothing (a
     * quote), which a code already used is refused too, since the purchase would need another code.
     */
    public Verdict judge(String code, String order, Instant now) {
        if (lockedUntil != null && now.isBefore(lockedUntil)) {
            return Refusal.LOCKED;
        }
        OptionalLong step = PayCodes.stepOf(secret, code, now);
        if (step.isEmpty()) {
            return Refusal.WRONG;
        }
        long s = step.getAsLong();
        String claimedBy = claims.get(s);
        if (claimedBy == null) {
            return new Consent(s, true);
        }
        return claimedBy.equals(order) ? new Consent(s, false) : Refusal.USED;
    }

    /** Claimed steps whose codes no longer count at {@code now}: dropped with the next claim. */
    public List<Long> staleClaims(Instant now) {
        long oldest = PayCodes.stepAt(now) - PayCodes.WINDOW_STEPS;
        return claims.keySet().stream().filter(step -> step < oldest).sorted().toList();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }
}
