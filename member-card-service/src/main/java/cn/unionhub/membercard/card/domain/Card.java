package cn.unionhub.membercard.card.domain;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.membercard.CardActivated;
import cn.unionhub.events.membercard.CardCancelled;
import cn.unionhub.events.membercard.CardFrozen;
import cn.unionhub.events.membercard.CardIssued;
import cn.unionhub.events.membercard.CardReplaced;
import cn.unionhub.events.membercard.CardReportedLost;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A member service card (工会会员服务卡) with every step of its life:
 *
 * <pre>
 *   ISSUED ──activate──▶ ACTIVE ◀──unfreeze── FROZEN
 *                          │ └────freeze────────▲ │
 *                          └──report lost──▶ LOST ◀┘ ──replace──▶ REPLACED (a new card replaces it)
 *   ISSUED | ACTIVE | FROZEN | LOST ──cancel──▶ CANCELLED
 * </pre>
 *
 * REPLACED and CANCELLED are final. A holder may unfreeze only a card they froze themselves; a card
 * the union froze (also one the holder had frozen first) stays frozen until the union unfreezes it. Anything else answers
 * {@code card-illegal-transition} (409). Every step returns the changed card and the events to
 * publish; nothing is modified in place. Events carry the number masked, never in full.
 */
public record Card(String id, String number, CardType type, String memberId, Status status, boolean frozenByHolder,
        Link replaces, Link replacedBy, List<Step> history) {

    public static final int MAX_REASON = 200;
    /** Card types numbered from the unified range and announced with the card events. */
    public static final Set<CardType> ISSUED_HERE = EnumSet.of(CardType.MEMBER_SERVICE_CARD, CardType.MODEL_WORKER_CARD);

    private static final String ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int ID_LENGTH = 12;

    public enum Status {
        ISSUED, ACTIVE, FROZEN, LOST, REPLACED, CANCELLED;

        /** A card in a final status no longer counts as the member's card of its type. */
        public boolean isFinal() {
            return this == REPLACED || this == CANCELLED;
        }
    }

    /** Who took a step: the card's holder or union staff (including administrators). */
    public enum Party {
        HOLDER, STAFF
    }

    /** @param account the caller's sign-in account (token subject) */
    public record By(Party party, String account) {
    }

    /** Another card this one replaces or is replaced by. */
    public record Link(String cardId, String number) {
    }

    /** One step of the card's life, with the reason given for it, if any. */
    public record Step(String action, Status status, Instant at, Party party, String account, String reason) {
    }

    /** The card after a step and the events announcing it. */
    public record Changed(Card card, List<DomainEvent> events) {
    }

    public Card {
        history = List.copyOf(history);
    }

    /** A register id for a new card: {@code C} and 12 Crockford base32 characters (60 random bits). */
    public static String newId(RandomGenerator random) {
        StringBuilder id = new StringBuilder("C");
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** A new card, not yet usable (ISSUED); {@code replaces} names the card it replaces, if any. */
    public static Changed issue(String id, String number, CardType type, String memberId, Link replaces, By by, Instant at) {
        if (!ISSUED_HERE.contains(type)) {
            throw new RuleViolationException("invalid-card-request", List.of(new FieldViolation("cardType", "card-type-not-issued")));
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Card card = new Card(id, number, type, memberId, Status.ISSUED, false, replaces, null,
                List.of(new Step("ISSUED", Status.ISSUED, now, by.party(), by.account(), null)));
        return new Changed(card, List.of(new CardIssued(id, card.maskedNumber(), card.eventCardType(), memberId,
                Status.ISSUED.name(), now)));
    }

    public Changed activate(By by, String reason, Instant at) {
        require("ACTIVATE", Status.ISSUED);
        Card next = next(Status.ACTIVE, false, replacedBy, "ACTIVATED", by, reason, at);
        return new Changed(next, List.of(new CardActivated(id, maskedNumber(), eventCardType(), memberId, next.status.name(),
                next.lastStepAt())));
    }

    public Changed freeze(By by, String reason, Instant at) {
        if (status == Status.FROZEN && frozenByHolder && by.party() == Party.STAFF) {
            // The holder froze it; the union freezes it too (suspected fraud): from now on only the union unfreezes it. It
            // answered 409, so the union had to unfreeze the card — usable for a moment — to freeze it (exploratory test).
            Card next = next(Status.FROZEN, false, replacedBy, "FROZEN", by, reason, at);
            return new Changed(next, List.of(new CardFrozen(id, maskedNumber(), eventCardType(), memberId, next.status.name(),
                    next.lastStepAt())));
        }
        require("FREEZE", Status.ACTIVE);
        Card next = next(Status.FROZEN, by.party() == Party.HOLDER, replacedBy, "FROZEN", by, reason, at);
        return new Changed(next, List.of(new CardFrozen(id, maskedNumber(), eventCardType(), memberId, next.status.name(),
                next.lastStepAt())));
    }

    /** Usable again; announced as activated, as the event contract says. */
    public Changed unfreeze(By by, String reason, Instant at) {
        require("UNFREEZE", Status.FROZEN);
        if (by.party() == Party.HOLDER && !frozenByHolder) {
            throw new ConflictException("card-frozen-by-union", maskedNumber());
        }
        Card next = next(Status.ACTIVE, false, replacedBy, "UNFROZEN", by, reason, at);
        return new Changed(next, List.of(new CardActivated(id, maskedNumber(), eventCardType(), memberId, next.status.name(),
                next.lastStepAt())));
    }

    /** Reported lost (挂失): blocked at once for good; only a replacement or cancellation follows. */
    public Changed reportLost(By by, String reason, Instant at) {
        require("REPORT_LOST", Status.ACTIVE, Status.FROZEN);
        Card next = next(Status.LOST, false, replacedBy, "REPORTED_LOST", by, reason, at);
        return new Changed(next, List.of(new CardReportedLost(id, maskedNumber(), eventCardType(), memberId,
                next.status.name(), next.lastStepAt())));
    }

    /** Checks, before a replacement card is numbered, that this card can be replaced. */
    public void requireReplaceable() {
        require("REPLACE", Status.LOST);
    }

    /** Replaced (补卡) by {@code replacement}, a new card issued to the same member. */
    public Changed replaceWith(Link replacement, By by, String reason, Instant at) {
        requireReplaceable();
        Card next = next(Status.REPLACED, false, replacement, "REPLACED", by, reason, at);
        return new Changed(next, List.of(new CardReplaced(id, maskedNumber(), eventCardType(), memberId, next.status.name(),
                replacement.cardId(), next.lastStepAt())));
    }

    /** Cancelled (注销), e.g. the member left the union; possible in any status that is not final. */
    public Changed cancel(By by, String reason, Instant at) {
        require("CANCEL", Status.ISSUED, Status.ACTIVE, Status.FROZEN, Status.LOST);
        Card next = next(Status.CANCELLED, false, replacedBy, "CANCELLED", by, reason, at);
        return new Changed(next, List.of(new CardCancelled(id, maskedNumber(), eventCardType(), memberId, next.status.name(),
                next.lastStepAt())));
    }

    public String maskedNumber() {
        return CardNumbers.mask(number);
    }

    public Instant issuedAt() {
        return history.get(0).at();
    }

    /** The card type as the event contracts name it. */
    String eventCardType() {
        return switch (type) {
            case MEMBER_SERVICE_CARD -> "MEMBER_SERVICE";
            case MODEL_WORKER_CARD -> "MODEL_WORKER";
            default -> throw new IllegalStateException(type + " cards are not issued from the card range");
        };
    }

    /** A reason given for a step: trimmed, empty as none, and not longer than {@link #MAX_REASON}. */
    public static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String trimmed = reason.strip();
        if (trimmed.length() > MAX_REASON) {
            throw new RuleViolationException("invalid-card-request", List.of(new FieldViolation("reason", "card-too-long", MAX_REASON)));
        }
        return trimmed;
    }

    private Instant lastStepAt() {
        return history.get(history.size() - 1).at();
    }

    private void require(String action, Status... allowed) {
        for (Status s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw new ConflictException("card-illegal-transition", maskedNumber(), status.name(), action);
    }

    private Card next(Status to, boolean frozenByHolderNow, Link replacedByNow, String action, By by, String reason, Instant at) {
        List<Step> steps = new ArrayList<>(history);
        steps.add(new Step(action, to, at.truncatedTo(ChronoUnit.MILLIS), by.party(), by.account(), reason(reason)));
        return new Card(id, number, type, memberId, to, frozenByHolderNow, replaces, replacedByNow, steps);
    }
}
