package cn.unionhub.membercard.card;

import cn.unionhub.membercard.card.domain.Card;
import cn.unionhub.membercard.card.domain.CardAccess;
import cn.unionhub.membercard.card.domain.CardNumbers;
import cn.unionhub.membercard.card.domain.PayCodes;
import cn.unionhub.membercard.card.domain.PayKey;
import cn.unionhub.membercard.card.store.Cards;
import cn.unionhub.membercard.card.store.PayKeys;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Actor;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Consent at the till. The holder fetches their card's pay key once into the worker app, which then
 * shows a new six-digit code every 30 seconds ({@link PayCodes}); a till sends the card number with
 * the code the member shows. Without the code a till learns nothing about a card and moves no money.
 * Wrong codes are counted per card (five lock the key for 15 minutes; each code takes its try before
 * it is judged, so codes sent in parallel get no more tries than codes sent one after another) and
 * per till (twenty in an hour stop that till's redemptions until the hour since the first of them
 * has passed: a till guessing across many cards).
 */
@Service
public class PayCodeService {

    /** How long a code waits for one of its card's five tries while five others are being judged; then 409 busy. */
    static final Duration BUSY_WAIT = Duration.ofSeconds(2);
    private static final long BUSY_STEP_MS = 20;

    /** Wrong codes one till may send in an hour, counted by each replica on its own. */
    static final int TILL_FAILURES_PER_HOUR = 20;
    private static final Logger log = LoggerFactory.getLogger(PayCodeService.class);

    /** What the worker app needs to show codes: RFC 6238 with these parameters, and an otpauth URI of them. */
    public record Issued(String maskedNumber, String secret, String algorithm, int digits, long periodSeconds, String uri, Instant issuedAt) {
    }

    private final CardService cards;
    private final Cards store;
    private final PayKeys keys;
    /**
     * Real time, not the service's business clock: the member's phone shows codes of the real time,
     * also when a rehearsal moves the business clock (unionhub.clock.adjustable).
     */
    private final Clock clock = Clock.systemUTC();
    private final MeterRegistry meters;
    private final SecureRandom random = new SecureRandom();
    /** Per till: the times of its last wrong codes, at most {@link #TILL_FAILURES_PER_HOUR}, oldest first. */
    private final ConcurrentHashMap<String, Deque<Instant>> tillFailures = new ConcurrentHashMap<>();

    PayCodeService(CardService cards, Cards store, PayKeys keys, MeterRegistry meters) {
        this.cards = cards;
        this.store = store;
        this.keys = keys;
        this.meters = meters;
    }

    /**
     * A new pay key for the caller's own active card, replacing any earlier one (a new phone, or the
     * old one lost): only the holder, never their union, since the code stands for the member's consent.
     */
    public Issued issueKey(String number, Actor actor) {
        CardService.Shown shown = cards.find(number, actor);
        Card card = shown.card();
        if (shown.access() != CardAccess.HOLDER) {
            throw new ForbiddenException("card-pay-key-holder-only", card.maskedNumber());
        }
        if (card.status() != Card.Status.ACTIVE) {
            throw new ConflictException("card-pay-key-card-not-active", card.maskedNumber(), card.status().name());
        }
        PayKey key = PayKey.issue(card.number(), PayCodes.newSecret(random), clock.instant());
        keys.replace(key);
        String secret = PayCodes.base32(key.secret());
        String uri = "otpauth://totp/UnionHub:" + card.maskedNumber().replace(" ", "") + "?secret=" + secret
                + "&issuer=UnionHub&algorithm=" + PayCodes.ALGORITHM + "&digits=" + PayCodes.DIGITS + "&period=" + PayCodes.PERIOD_SECONDS;
        return new Issued(card.maskedNumber(), secret, PayCodes.ALGORITHM, PayCodes.DIGITS, PayCodes.PERIOD_SECONDS, uri, key.issuedAt());
    }

    /**
     * The member whose card and code a till shows, when the code is right, unused by any other order,
     * and the card usable. {@code order}: the redemption (its id) the code is being used for, which then
     * claims it; null for a quote, which only looks.
     */
    public String consentingMember(String cardNumber, String code, String merchantId, String order) {
        requireCardNumber(cardNumber);
        if (!PayCodes.wellFormed(code)) {
            throw new RuleViolationException("ledger-invalid-request", List.of(new FieldViolation("payCode", "coupon-pay-code-format")));
        }
        Instant now = clock.instant();
        if (tillBarred(merchantId, now)) {
            throw new ForbiddenException("coupon-till-barred", merchantId);
        }
        PayKeys.Attempt attempt = keys.attempt(cardNumber, now);
        // Five codes of this card are being judged right now: wait for a turn (each takes milliseconds) rather
        // than refuse. A till sending several orders for one card at once, or retrying, then gets answers, not
        // a transient 409; guesses sent all at once still get their five tries in turn and then meet the lock.
        for (long waited = 0; attempt == PayKeys.Attempt.Refused.BUSY && waited < BUSY_WAIT.toMillis(); waited += BUSY_STEP_MS) {
            pause();
            attempt = keys.attempt(cardNumber, clock.instant());
        }
        if (attempt == PayKeys.Attempt.Refused.LOCKED) {
            throw new ForbiddenException("coupon-pay-code-locked");
        }
        if (attempt == PayKeys.Attempt.Refused.BUSY) {
            // Five codes for this card are being judged at once: a burst of guesses, or a till's frantic retries.
            throw new ConflictException("coupon-pay-code-busy");
        }
        // No key and a wrong code answer alike: a till must not learn which cards have a key.
        PayKey key = attempt instanceof PayKeys.Attempt.Tried tried ? tried.key() : null;
        PayKey.Verdict verdict = key == null ? PayKey.Refusal.WRONG : key.judge(code, order, now);
        if (verdict == PayKey.Refusal.WRONG) {
            if (key != null && key.failures() >= PayKey.MAX_FAILURES) {
                keys.lock(key, now);
            }
            tillFailed(merchantId, now);
            throw new ForbiddenException("coupon-pay-code-wrong");
        }
        if (verdict == PayKey.Refusal.LOCKED) {
            throw new ForbiddenException("coupon-pay-code-locked");
        }
        if (verdict == PayKey.Refusal.USED) {
            // A used code is a right code, not a guess: its try goes back, or a till asking again with it for another
            // order five times would leave the card's tries all taken, every code "busy", for a minute.
            keys.succeeded(key);
            throw new ConflictException("coupon-pay-code-used");
        }
        PayKey.Consent consent = (PayKey.Consent) verdict;
        // Another order may have claimed the step since it was read: the claim is the conditional write that decides.
        if (order != null && consent.fresh()) {
            if (!keys.claim(key, consent.step(), order, now)) {
                throw new ConflictException("coupon-pay-code-used");
            }
        } else {
            keys.succeeded(key);
        }
        return usable(cardNumber).orElseThrow(() -> new ConflictException("coupon-card-not-usable")).memberId();
    }

    /**
     * The member of the active card with this number, if there is one: for a till asking again about
     * an order it already has, with no code, so it must tell that till nothing about other cards.
     */
    public Optional<String> memberOfUsableCard(String cardNumber) {
        requireCardNumber(cardNumber);
        return usable(cardNumber).map(Card::memberId);
    }

    private Optional<Card> usable(String cardNumber) {
        return store.byNumber(cardNumber).filter(c -> c.status() == Card.Status.ACTIVE);
    }

    private static void requireCardNumber(String cardNumber) {
        if (cardNumber == null || !CardNumbers.luhnValid(cardNumber)) {
            throw new RuleViolationException("ledger-invalid-request", List.of(new FieldViolation("card", "coupon-card-number")));
        }
    }

    /** Whether the till sent {@link #TILL_FAILURES_PER_HOUR} wrong codes within the last hour (a rolling hour). */
    private boolean tillBarred(String merchantId, Instant now) {
        Deque<Instant> failures = tillFailures.get(merchantId);
        if (failures == null) {
            return false;
        }
        synchronized (failures) {
            return failures.size() >= TILL_FAILURES_PER_HOUR && failures.peekFirst().isAfter(now.minus(Duration.ofHours(1)));
        }
    }

    private void tillFailed(String merchantId, Instant now) {
        Deque<Instant> failures = tillFailures.computeIfAbsent(merchantId, m -> new ArrayDeque<>());
        boolean barredNow;
        synchronized (failures) {
            failures.addLast(now);
            while (failures.size() > TILL_FAILURES_PER_HOUR) {
                failures.removeFirst();
            }
            barredNow = failures.size() == TILL_FAILURES_PER_HOUR && failures.peekFirst().isAfter(now.minus(Duration.ofHours(1)));
        }
        meters.counter("unionhub.membercard.pay_code.wrong").increment();
        if (barredNow) {
            log.warn("Till of merchant {} sent {} wrong pay codes within an hour; its redemptions are refused until an hour after the first of them",
                    merchantId, TILL_FAILURES_PER_HOUR);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(BUSY_STEP_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a pay-code try", e);
        }
    }
}
