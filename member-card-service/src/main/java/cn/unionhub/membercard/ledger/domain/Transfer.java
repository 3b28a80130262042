package cn.unionhub.membercard.ledger.domain;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.membercard.TransferBatchPosted;
import cn.unionhub.events.membercard.TransferHeld;
import cn.unionhub.events.membercard.TransferPosted;
import cn.unionhub.events.membercard.TransferRejected;
import cn.unionhub.events.membercard.TransferVoided;
import cn.unionhub.platform.domain.HashChain;
import java.time.Instant;
import java.util.List;

/**
 * A transfer between two accounts, its idempotency key and its outcome. It is accepted (stored,
 * claiming its key) before any money moves; then its debit leg and its credit leg are applied, in
 * that order, and it ends POSTED, HELD, VOIDED or REJECTED. Only the debit leg of a TRANSFER or HOLD
 * can be refused, so a rejected transfer never moved anything, and a transfer whose debit leg
 * applied always ends with its credit leg applied too (whoever drives it next finishes it).
 *
 * <p>A HOLD stays HELD until one POST or VOID — or its expiry — <em>settles</em> it: the settling
 * transfer first takes the hold's {@link #settledBy} slot, once, so a hold is posted or released at
 * most once however many requests race for it.
 *
 * @param id          {@code T} + 25 Crockford characters of the key's hash; an expiry is the hold's id + {@code -X}
 * @param scope       whose key it is: a business reference is global, a client key belongs to its caller
 * @param fingerprint the request's canonical hash, to refuse a key reused with another body
 * @param amountFen   moved or held; for a POST what is posted, for a VOID zero
 * @param heldFen     for a POST or VOID: what the hold held (released from pending)
 * @param settledBy   for a HOLD: the transfer that posts or releases it, once taken
 */
public record Transfer(String id, String scope, String key, String fingerprint, Kind kind, String debitAccountId,
        String creditAccountId, long amountFen, String holdId, long heldFen, String code, String reference,
        String requestedBy, Instant createdAt, Instant expiresAt, Status status, String reason, Instant finishedAt,
        String settledBy, List<Credit> credits) {

    /**
     * TRANSFER, HOLD, POST and VOID move money between two accounts; BATCH pays one debit to many
     * accounts at once (a grant to 2,725 members is one transfer: its debit is refused or applied
     * whole, and its credits follow, resumable after a crash).
     */
    public enum Kind {
        TRANSFER, HOLD, POST, VOID, BATCH
    }

    /** One credit of a BATCH. */
    public record Credit(String accountId, long amountFen) {
    }

    public Transfer {
        credits = credits == null ? List.of() : List.copyOf(credits);
    }

    public enum Status {
        ACCEPTED, POSTED, HELD, VOIDED, EXPIRED, REJECTED;

        public boolean finished() {
            return this != ACCEPTED;
        }
    }

    /** The reason of a hold released because nobody posted it in time. */
    public static final String HOLD_EXPIRED = "hold-expired";
    public static final String HOLD_ALREADY_SETTLED = "hold-already-settled";
    public static final String HOLD_NOT_HELD = "hold-not-held";
    private static final String EXPIRY_SUFFIX = "-X";

    /** A change of a transfer and the events it causes, written together. */
    public record Change(Transfer transfer, List<DomainEvent> events) {
    }

    /** The id a key stands for: the same key from the same scope always names the same transfer. */
    public static String idFor(String scope, String key) {
        String hex = HashChain.fields().add(scope).add(key).sha256();
        return "T" + crockford(hex, 25);
    }

    public static String expiryIdOf(String holdId) {
        return holdId + EXPIRY_SUFFIX;
    }

    /** A TRANSFER or HOLD, accepted: nothing has moved yet. */
    public static Transfer accept(String scope, String key, TransferRequest request, String requestedBy, Instant now) {
        Instant expires = request.kind() == Kind.HOLD ? now.plus(request.holdFor()) : null;
        return new Transfer(idFor(scope, key), scope, key, request.fingerprint(), request.kind(), request.debitAccountId(),
                request.creditAccountId(), request.amountFen(), null, 0, request.code(), request.reference(), requestedBy, now,
                expires, Status.ACCEPTED, null, null, null, request.credits());
    }

    /** A POST or VOID of {@code hold}, accepted; a POST without an amount posts all that was held. */
    public static Transfer acceptSettlement(String scope, String key, TransferRequest request, Transfer hold, String requestedBy,
            Instant now) {
        if (hold.kind != Kind.HOLD) {
            throw new LedgerException.Invalid("holdId", "ledger-not-a-hold", hold.id);
        }
        long posted = request.kind() == Kind.VOID ? 0 : request.amountFen() == null ? hold.amountFen : request.amountFen();
        if (posted > hold.amountFen) {
            throw new LedgerException.Invalid("amountFen", "ledger-post-above-hold", hold.amountFen);
        }
        return new Transfer(idFor(scope, key), scope, key, request.fingerprint(), request.kind(), hold.debitAccountId,
                hold.creditAccountId, posted, hold.id, hold.amountFen, hold.code, request.reference(), requestedBy, now, null,
                Status.ACCEPTED, null, null, null, null);
    }

    /** The release of a hold nobody posted in time; its id follows from the hold's, so it happens once. */
    public static Transfer expiryOf(Transfer hold, Instant now) {
        return new Transfer(expiryIdOf(hold.id), "ledger", expiryIdOf(hold.id), "", Kind.VOID, hold.debitAccountId,
                hold.creditAccountId, 0, hold.id, hold.amountFen, hold.code, hold.reference, "ledger", now, null,
                Status.ACCEPTED, null, null, null, null);
    }

    public boolean isExpiry() {
        return id.endsWith(EXPIRY_SUFFIX);
    }

    /** The legs, the debit first: only a debit can be refused, so a refusal comes before anything moved. */
    public List<Leg> legs() {
        return switch (kind) {
            case TRANSFER -> List.of(Leg.debit(id, debitAccountId, 0, amountFen), Leg.credit(id, creditAccountId, 0, amountFen));
            case HOLD -> List.of(Leg.debit(id, debitAccountId, amountFen, 0), Leg.credit(id, creditAccountId, amountFen, 0));
            case POST, VOID -> List.of(Leg.debit(id, debitAccountId, -heldFen, amountFen),
                    Leg.credit(id, creditAccountId, -heldFen, amountFen));
            case BATCH -> {
                List<Leg> legs = new java.util.ArrayList<>(credits.size() + 1);
                legs.add(Leg.debit(id, debitAccountId, 0, amountFen));
                for (int i = 0; i < credits.size(); i++) {
                    legs.add(Leg.credit(id, i, credits.get(i).accountId(), credits.get(i).amountFen()));
                }
                yield legs;
            }
        };
    }

    /** Both legs applied. */
    public Change complete(Instant at) {
        requireAccepted();
        return switch (kind) {
            case TRANSFER, POST -> new Change(finish(Status.POSTED, null, at), List.of(new TransferPosted(id, kind.name(), code,
                    reference, debitAccountId, creditAccountId, amountFen, holdId, at)));
            case BATCH -> new Change(finish(Status.POSTED, null, at), List.of(new TransferBatchPosted(id, code, reference,
                    debitAccountId, credits.size(), amountFen, at)));
            case HOLD -> new Change(finish(Status.HELD, null, at), List.of(new TransferHeld(id, kind.name(), code, reference,
                    debitAccountId, creditAccountId, amountFen, null, at)));
            case VOID -> {
                String why = isExpiry() ? HOLD_EXPIRED : "voided";
                yield new Change(finish(Status.VOIDED, why, at), List.of(new TransferVoided(id, kind.name(), code, reference,
                        debitAccountId, creditAccountId, heldFen, holdId, why, at)));
            }
        };
    }

    /** Refused before anything moved. */
    public Change reject(String why, Instant at) {
        requireAccepted();
        return new Change(finish(Status.REJECTED, why, at), List.of(new TransferRejected(id, kind.name(), code, reference,
                debitAccountId, creditAccountId, amountFen, holdId, why, at)));
    }

    /** This HOLD is taken by the transfer that settles it; taking it again for the same one changes nothing. */
    public Transfer settleBy(String settlementId) {
        if (kind != Kind.HOLD || status != Status.HELD) {
            throw new IllegalStateException("only a held hold can be settled: " + id + " is " + kind + " " + status);
        }
        if (settledBy != null && !settledBy.equals(settlementId)) {
            throw new IllegalStateException(id + " is settled by " + settledBy + " already");
        }
        return new Transfer(id, scope, key, fingerprint, kind, debitAccountId, creditAccountId, amountFen, holdId, heldFen, code,
                reference, requestedBy, createdAt, expiresAt, status, reason, finishedAt, settlementId, credits);
    }

    /** This HOLD after its settlement finished: POSTED, VOIDED or EXPIRED. */
    public Transfer settled(Transfer settlement) {
        Status end = settlement.kind == Kind.POST ? Status.POSTED : settlement.isExpiry() ? Status.EXPIRED : Status.VOIDED;
        return new Transfer(id, scope, key, fingerprint, kind, debitAccountId, creditAccountId, amountFen, holdId, heldFen, code,
                reference, requestedBy, createdAt, expiresAt, end, reason, settlement.finishedAt, settledBy, credits);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    private Transfer finish(Status end, String why, Instant at) {
        return new Transfer(id, scope, key, fingerprint, kind, debitAccountId, creditAccountId, amountFen, holdId, heldFen, code,
                reference, requestedBy, createdAt, expiresAt, end, why, at, settledBy, credits);
    }

    private void requireAccepted() {
        if (status != Status.ACCEPTED) {
            throw new IllegalStateException("transfer " + id + " is " + status + " already");
        }
    }

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static String crockford(String hex, int length) {
        java.math.BigInteger value = new java.math.BigInteger(hex, 16);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(CROCKFORD.charAt(value.intValue() & 31));
            value = value.shiftRight(5);
        }
        return out.toString();
    }
}
