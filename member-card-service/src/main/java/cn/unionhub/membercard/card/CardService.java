package cn.unionhub.membercard.card;

import cn.unionhub.membercard.card.domain.Card;
import cn.unionhub.membercard.card.domain.CardAccess;
import cn.unionhub.membercard.card.domain.CardNumbers;
import cn.unionhub.membercard.card.domain.CardRanges;
import cn.unionhub.membercard.card.domain.CardEligibility;
import cn.unionhub.membercard.card.domain.CardType;
import cn.unionhub.membercard.card.domain.Holder;
import cn.unionhub.membercard.card.domain.Holders;
import cn.unionhub.membercard.card.store.CardClaims;
import cn.unionhub.membercard.card.store.CardClaims.Claim;
import cn.unionhub.membercard.card.store.CardSequences;
import cn.unionhub.membercard.card.store.Cards;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Issuing member service cards and taking them through their life, for the staff who manage the
 * member and for the holder; to anyone else a card does not exist (404).
 *
 * <p><b>One current card per member and type, without transactions.</b> Writes go in this order:
 * <ol>
 *   <li>draw a number (the range's counter only grows, so an unused number is skipped, never reused);</li>
 *   <li>claim the member's place for it ({@link CardClaims}; a second claim collides: 409);</li>
 *   <li>insert the card with its {@code card-issued} event (one document write);</li>
 *   <li>for a replacement, mark the old card replaced with its {@code card-replaced} event.</li>
 * </ol>
 * A cancellation cancels the card first and frees the place after. What a crash leaves behind, and
 * who repairs it:
 * <ul>
 *   <li>after 2 — a place naming a number without a card: once the claim is older than any request
 *       can run (30 s; before that the answer is 409, someone is issuing it), the next issue or
 *       replacement for the member writes that card (and, if the place says so, finishes the
 *       replacement); the number is the card's {@code _id}, so it is written once whatever runs
 *       at the same time;</li>
 *   <li>after 3 — a new card and an old card still LOST: repeating the replacement of the old card
 *       finishes it with the new card instead of issuing another;</li>
 *   <li>between cancelling and freeing — a place naming a cancelled card: the next issue takes it over.</li>
 * </ul>
 * No state is ever left with two current cards in the place, and every repair is a repeat of the
 * request that was interrupted (or the next one for the member), so nothing needs a sweeper job.
 */
@Service
public class CardService {

    private static final Logger log = LoggerFactory.getLogger(CardService.class);
    private static final int ATTEMPTS = 5;
    /** A claimed number still without its card after this long was left by a request that stopped. */
    private static final Duration UNFINISHED_AFTER = Duration.ofSeconds(30);
    private static final Pattern MEMBER_ID = Pattern.compile("M[0-9A-HJKMNP-TV-Z]{12}");

    /** A card and what the caller is to it (which decides whether the number is shown in full). */
    public record Shown(Card card, CardAccess access) {
    }

    private final CardEligibility eligibility;
    private final Cards cards;
    private final CardClaims claims;
    private final CardSequences sequences;
    private final CardRanges ranges;
    private final Holders holders;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SecureRandom random = new SecureRandom();

    CardService(Cards cards, CardClaims claims, CardSequences sequences, CardRanges ranges, Holders holders, Clock clock,
            MeterRegistry meters, CardEligibility eligibility) {
        this.eligibility = eligibility;
        this.cards = cards;
        this.claims = claims;
        this.sequences = sequences;
        this.ranges = ranges;
        this.holders = holders;
        this.clock = clock;
        this.meters = meters;
    }

    // ---------------------------------------------------------------- reading

    /** A card by its number (checked first): a key look-up, then the holder's place in the register. */
    public Shown find(String number, Actor actor) {
        Card card = cards.byNumber(CardNumbers.requireValid("cardNumber", number)).orElseThrow(CardService::notFound);
        CardAccess access = accessTo(card, actor);
        if (!access.sees()) {
            throw notFound();
        }
        return new Shown(card, access);
    }

    /** The caller's own cards of every type, newest first, including replaced and cancelled ones. */
    public List<Shown> mine(Actor actor) {
        if (actor.subject() == null) {
            return List.of();
        }
        return holders.byAccount(actor.subject()).map(holder -> {
            List<String> numbers = claims.ofMember(holder.memberId()).stream().flatMap(c -> c.cards().stream()).toList();
            return cards.byNumbers(numbers).stream().filter(c -> c.memberId().equals(holder.memberId()))
                    .map(c -> new Shown(c, CardAccess.HOLDER)).toList();
        }).orElse(List.of());
    }

    // ---------------------------------------------------------------- issuing

    /** Issues a card to a member the caller manages; 409 while the member holds one of the type. */
    public Shown issue(String memberId, String cardType, Actor actor) {
        CardType type = validIssue(memberId, cardType);
        Holder holder = holders.find(memberId).filter(h -> CardAccess.of(actor, h) == CardAccess.MANAGER)
                .orElseThrow(() -> new NotFoundException("card-member-not-found", memberId));
        requireActive(holder);
        if (!eligibility.mayHold(memberId, type)) {
            throw new ConflictException("card-not-eligible", memberId, type.name());
        }
        String prefix = prefixFor(holder);
        Card.By by = new Card.By(Card.Party.STAFF, actor.subject());
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Claim> claim = claims.of(memberId, type);
            String current = claim.map(Claim::card).orElse(null);
            if (current == null) {
                String number = nextNumber(prefix);
                if (claims.claim(memberId, type, number, clock.instant())) {
                    return new Shown(write(number, type, memberId, null, by), CardAccess.MANAGER);
                }
                continue; // claimed by a concurrent request: look at what it holds
            }
            Optional<Card> held = cards.byNumber(current);
            if (held.isEmpty()) {
                return new Shown(finish(claim.get(), by), CardAccess.MANAGER);
            }
            if (!held.get().status().isFinal()) {
                throw new ConflictException("card-already-held", held.get().maskedNumber());
            }
            // The place outlived its card: a cancellation stopped before freeing it.
            String number = nextNumber(prefix);
            if (claims.move(memberId, type, current, number, null, clock.instant())) {
                log.warn("Card place of member {} still named cancelled card {}: taken over for a new card", memberId,
                        held.get().id());
                return new Shown(write(number, type, memberId, null, by), CardAccess.MANAGER);
            }
        }
        throw new OptimisticLockingFailureException("The card place of member " + memberId + " kept changing");
    }

    /**
     * Replaces a lost card with a new one for the same member (补卡), linked both ways, and returns
     * the new card. Repeating a replacement that was interrupted finishes it with the card it issued.
     */
    public Shown replace(String number, String reason, Actor actor) {
        String n = CardNumbers.requireValid("cardNumber", number);
        String why = Card.reason(reason);
        Card old = cards.byNumber(n).orElseThrow(CardService::notFound);
        Holder holder = holders.find(old.memberId()).orElse(null);
        if (CardAccess.of(actor, holder) != CardAccess.MANAGER) {
            throw notFound();
        }
        Card.By by = new Card.By(Card.Party.STAFF, actor.subject());
        Claim claim = claims.of(old.memberId(), old.type()).orElse(null);
        Card replacement;
        if (old.status() == Card.Status.LOST && claim != null && claim.card() != null && !n.equals(claim.card())
                && n.equals(claim.replaces())) {
            replacement = cards.byNumber(claim.card()).orElseGet(() -> {
                requireInterrupted(claim);
                log.warn("Finishing the interrupted replacement of card {}", old.id());
                return write(claim.card(), old.type(), old.memberId(), link(old), by);
            });
        } else {
            old.requireReplaceable();
            requireActive(holder);
            if (claim == null || !n.equals(claim.card())) {
                throw new ConflictException("card-not-current", old.maskedNumber());
            }
            String next = nextNumber(prefixFor(holder));
            if (!claims.move(old.memberId(), old.type(), n, next, n, clock.instant())) {
                throw new OptimisticLockingFailureException("Card " + old.id() + " was replaced or cancelled concurrently");
            }
            replacement = write(next, old.type(), old.memberId(), link(old), by);
        }
        completeReplacement(n, replacement, by, why);
        return new Shown(replacement, CardAccess.MANAGER);
    }

    // ---------------------------------------------------------------- steps of the life cycle

    public Shown activate(String number, String reason, Actor actor) {
        String why = Card.reason(reason);
        return step(number, actor, false, "activated", (card, by) -> card.activate(by, why, clock.instant()));
    }

    public Shown freeze(String number, String reason, Actor actor) {
        String why = Card.reason(reason);
        return step(number, actor, false, "frozen", (card, by) -> card.freeze(by, why, clock.instant()));
    }

    public Shown unfreeze(String number, String reason, Actor actor) {
        String why = Card.reason(reason);
        return step(number, actor, false, "unfrozen", (card, by) -> card.unfreeze(by, why, clock.instant()));
    }

    public Shown reportLost(String number, String reason, Actor actor) {
        String why = Card.reason(reason);
        return step(number, actor, false, "reported-lost", (card, by) -> card.reportLost(by, why, clock.instant()));
    }

    /** Cancels the card, then frees the member's place for a new one (in this order: see the class comment). */
    public Shown cancel(String number, String reason, Actor actor) {
        String why = Card.reason(reason);
        Shown cancelled = step(number, actor, true, "cancelled", (card, by) -> card.cancel(by, why, clock.instant()));
        Card card = cancelled.card();
        claims.release(card.memberId(), card.type(), card.number(), clock.instant());
        return cancelled;
    }

    // ---------------------------------------------------------------- internals

    private Shown step(String number, Actor actor, boolean staffOnly, String metric, BiFunction<Card, Card.By, Card.Changed> step) {
        String n = CardNumbers.requireValid("cardNumber", number);
        Card card = cards.byNumber(n).orElseThrow(CardService::notFound);
        CardAccess access = accessTo(card, actor);
        if (staffOnly ? access != CardAccess.MANAGER : !access.acts()) {
            throw notFound();
        }
        Card.By by = new Card.By(access.party(), actor.subject());
        Card changed = cards.change(n, current -> step.apply(current, by)).orElseThrow(CardService::notFound);
        count(metric);
        log.info("Card {} of member {}: {} by {}", changed.id(), changed.memberId(), metric, by.party());
        return new Shown(changed, access);
    }

    /** Writes the card of a claimed number; if someone wrote it first (the same claim), answers with theirs. */
    private Card write(String number, CardType type, String memberId, Card.Link replaces, Card.By by) {
        for (int attempt = 1; ; attempt++) {
            Card.Changed issued = Card.issue(Card.newId(random), number, type, memberId, replaces, by, clock.instant());
            try {
                cards.insert(issued);
                count("issued");
                log.info("Card {} issued to member {}{}", issued.card().id(), memberId,
                        replaces == null ? "" : " replacing card " + replaces.cardId());
                return issued.card();
            } catch (DuplicateKeyException duplicate) {
                Optional<Card> there = cards.byNumber(number);
                if (there.isPresent()) {
                    return there.get();
                }
                if (attempt == ATTEMPTS) {
                    throw duplicate; // not the number: the random id clashed, five times
                }
            }
        }
    }

    /** Finishes an issue or replacement that stopped after claiming a number (see the class comment). */
    private Card finish(Claim claim, Card.By by) {
        requireInterrupted(claim);
        Card.Link replaces = claim.replaces() == null ? null : cards.byNumber(claim.replaces()).map(CardService::link).orElse(null);
        Card card = write(claim.card(), claim.type(), claim.memberId(), replaces, by);
        log.warn("Card {} of member {} finished: a request had claimed its number and stopped", card.id(), claim.memberId());
        if (replaces != null) {
            try {
                completeReplacement(replaces.number(), card, by, null);
            } catch (ConflictException alreadyEnded) {
                log.warn("Card {} was not marked replaced by {}: it had ended otherwise", replaces.cardId(), card.id());
            }
        }
        return card;
    }

    /**
     * A claim whose card is missing is finished only once the request that claimed it must have
     * stopped; until then the caller is told someone is issuing the card right now (409).
     */
    private void requireInterrupted(Claim claim) {
        if (claim.claimedAt().isAfter(clock.instant().minus(UNFINISHED_AFTER))) {
            throw new OptimisticLockingFailureException("A card for member " + claim.memberId() + " is being issued right now");
        }
    }

    /** Marks the old card replaced by {@code replacement}; a no-op if it already is (a repeated request). */
    private void completeReplacement(String oldNumber, Card replacement, Card.By by, String reason) {
        AtomicBoolean announced = new AtomicBoolean();
        cards.change(oldNumber, old -> {
            boolean done = old.status() == Card.Status.REPLACED && old.replacedBy() != null
                    && replacement.id().equals(old.replacedBy().cardId());
            announced.set(!done);
            return done ? new Card.Changed(old, List.of()) : old.replaceWith(link(replacement), by, reason, clock.instant());
        });
        if (announced.get()) {
            count("replaced");
        }
    }

    private CardAccess accessTo(Card card, Actor actor) {
        if (actor.has(Role.ADMIN)) {
            return CardAccess.MANAGER; // no need to ask the register
        }
        return CardAccess.of(actor, holders.find(card.memberId()).orElse(null));
    }

    private String nextNumber(String prefix) {
        long sequence = sequences.next(prefix);
        if (sequence > CardNumbers.MAX_SEQUENCE) {
            throw new ConflictException("card-range-exhausted", prefix.substring(CardNumbers.ISSUER_DIGITS));
        }
        return CardNumbers.compose(prefix, sequence);
    }

    private String prefixFor(Holder holder) {
        return ranges.prefixFor(holder.district()).orElseThrow(() -> new ConflictException("card-no-range",
                CardRanges.regionOf(holder.district()).orElse(String.valueOf(holder.district()))));
    }

    private static void requireActive(Holder holder) {
        if (holder == null || !holder.active()) {
            throw new ConflictException("card-member-not-active", holder == null ? "" : holder.memberId());
        }
    }

    private static CardType validIssue(String memberId, String cardType) {
        List<FieldViolation> wrong = new ArrayList<>();
        if (memberId == null || memberId.isBlank()) {
            wrong.add(new FieldViolation("memberId", "required"));
        } else if (!MEMBER_ID.matcher(memberId).matches()) {
            wrong.add(new FieldViolation("memberId", "card-member-id-format"));
        }
        CardType type = null;
        if (cardType == null || cardType.isBlank()) {
            wrong.add(new FieldViolation("cardType", "required"));
        } else {
            try {
                type = CardType.valueOf(cardType);
                if (!Card.ISSUED_HERE.contains(type)) {
                    wrong.add(new FieldViolation("cardType", "card-type-not-issued"));
                }
            } catch (IllegalArgumentException unknown) {
                wrong.add(new FieldViolation("cardType", "card-type-unknown"));
            }
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-card-request", wrong);
        }
        return type;
    }

    private void count(String step) {
        meters.counter("unionhub.cards.steps", "step", step).increment();
    }

    private static Card.Link link(Card card) {
        return new Card.Link(card.id(), card.number());
    }

    private static NotFoundException notFound() {
        return new NotFoundException("card-not-found");
    }
}
