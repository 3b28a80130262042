package cn.unionhub.membercard.ledger.domain;

import cn.unionhub.platform.domain.HashChain;
import java.time.Duration;

/**
 * What a caller asks the ledger to do, checked for what needs no stored state. Amounts are whole
 * fen, above zero; a posting may name less than was held (the rest is released) or nothing for the
 * whole hold.
 *
 * @param holdFor how long a HOLD waits to be posted before it is released
 */
public record TransferRequest(Transfer.Kind kind, String debitAccountId, String creditAccountId, Long amountFen,
        String holdId, String code, String reference, Duration holdFor) {

    public static final Duration LONGEST_HOLD = Duration.ofDays(7);
    public static final Duration SHORTEST_HOLD = Duration.ofSeconds(30);

    public static TransferRequest transfer(String debit, String credit, long amountFen, String code, String reference) {
        return new TransferRequest(Transfer.Kind.TRANSFER, debit, credit, amountFen, null, code, reference, null);
    }

    public static TransferRequest hold(String debit, String credit, long amountFen, String code, String reference, Duration holdFor) {
        return new TransferRequest(Transfer.Kind.HOLD, debit, credit, amountFen, null, code, reference, holdFor);
    }

    /** Posts a hold: all of it when {@code amountFen} is null. */
    public static TransferRequest post(String holdId, Long amountFen, String reference) {
        return new TransferRequest(Transfer.Kind.POST, null, null, amountFen, holdId, null, reference, null);
    }

    public static TransferRequest voiding(String holdId, String reference) {
        return new TransferRequest(Transfer.Kind.VOID, null, null, null, holdId, null, reference, null);
    }

    public TransferRequest {
        if (kind == null) {
            throw new LedgerException.Invalid("kind", "ledger-kind-required");
        }
        if (amountFen != null && amountFen <= 0) {
            throw new LedgerException.Invalid("amountFen", "ledger-amount-not-positive");
        }
        if (reference != null && (reference.isBlank() || reference.length() > 200)) {
            throw new LedgerException.Invalid("reference", "ledger-reference-invalid");
        }
        switch (kind) {
            case TRANSFER, HOLD -> {
                if (debitAccountId == null || creditAccountId == null) {
                    throw new LedgerException.Invalid(debitAccountId == null ? "debitAccount" : "creditAccount", "ledger-account-required");
                }
                if (debitAccountId.equals(creditAccountId)) {
                    throw new LedgerException.Invalid("creditAccount", "ledger-same-account");
                }
                if (amountFen == null) {
                    throw new LedgerException.Invalid("amountFen", "ledger-amount-not-positive");
                }
                if (code == null || !code.matches("[a-z][a-z0-9-]{0,39}")) {
                    throw new LedgerException.Invalid("code", "ledger-code-invalid");
                }
                if (kind == Transfer.Kind.HOLD && (holdFor == null || holdFor.compareTo(SHORTEST_HOLD) < 0
                        || holdFor.compareTo(LONGEST_HOLD) > 0)) {
                    throw new LedgerException.Invalid("holdSeconds", "ledger-hold-duration", SHORTEST_HOLD.toSeconds(),
                            LONGEST_HOLD.toSeconds());
                }
            }
            case POST, VOID -> {
                if (holdId == null) {
                    throw new LedgerException.Invalid("holdId", "ledger-hold-required");
                }
                if (kind == Transfer.Kind.VOID && amountFen != null) {
                    throw new LedgerException.Invalid("amountFen", "ledger-void-amount");
                }
            }
        }
    }

    /**
     * The request in canonical form, hashed: a replay with the same key must carry the same
     * fingerprint, or it is refused rather than answered with another request's result.
     */
    public String fingerprint() {
        return HashChain.fields().add(kind.name()).add(debitAccountId).add(creditAccountId)
                .add(amountFen == null ? null : amountFen.toString()).add(holdId).add(code).add(reference)
                .add(holdFor == null ? null : Long.toString(holdFor.toSeconds())).sha256();
    }
}
