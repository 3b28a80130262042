package cn.unionhub.membercard.ledger.domain;

import cn.unionhub.platform.domain.HashChain;
import java.time.Duration;
import java.util.List;

/**
 * What a caller asks the ledger to do, checked for what needs no stored state. Amounts are whole
 * fen, above zero; a posting may name less than was held (the rest is released) or nothing for the
 * whole hold.
 *
 * @param holdFor how long a HOLD waits to be posted before it is released
 */
public record TransferRequest(Transfer.Kind kind, String debitAccountId, String creditAccountId, Long amountFen,
        String holdId, String code, String reference, Duration holdFor, List<Transfer.Credit> credits) {

    /** The most credits one batch carries: a district's grant list, far below a document's size limit. */
    public static final int MAX_BATCH = 20_000;

    public TransferRequest(Transfer.Kind kind, String debitAccountId, String creditAccountId, Long amountFen, String holdId,
            String code, String reference, Duration holdFor) {
        this(kind, debitAccountId, creditAccountId, amountFen, holdId, code, reference, holdFor, null);
    }

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

    /** One debit paid out to many accounts; the amount is their sum. */
    public static TransferRequest batch(String debit, List<Transfer.Credit> credits, String code, String reference) {
        return new TransferRequest(Transfer.Kind.BATCH, debit, null, null, null, code, reference, null, credits);
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
        credits = credits == null ? List.of() : List.copyOf(credits);
        if (kind != Transfer.Kind.BATCH && !credits.isEmpty()) {
            throw new LedgerException.Invalid("credits", "ledger-credits-only-in-batch");
        }
        switch (kind) {
            case BATCH -> {
                if (debitAccountId == null) {
                    throw new LedgerException.Invalid("debitAccount", "ledger-account-required");
                }
                if (credits.isEmpty() || credits.size() > MAX_BATCH) {
                    throw new LedgerException.Invalid("credits", "ledger-batch-size", MAX_BATCH);
                }
                java.util.Set<String> seen = new java.util.HashSet<>();
                long total = 0;
                for (Transfer.Credit c : credits) {
                    if (c.accountId() == null || c.accountId().equals(debitAccountId) || !seen.add(c.accountId())) {
                        throw new LedgerException.Invalid("credits", "ledger-batch-accounts", c.accountId());
                    }
                    if (c.amountFen() <= 0) {
                        throw new LedgerException.Invalid("credits", "ledger-amount-not-positive");
                    }
                    total = Math.addExact(total, c.amountFen());
                }
                if (amountFen != null && amountFen != total) {
                    throw new LedgerException.Invalid("amountFen", "ledger-batch-total", total);
                }
                amountFen = total;
                if (code == null || !code.matches("[a-z][a-z0-9-]{0,39}")) {
                    throw new LedgerException.Invalid("code", "ledger-code-invalid");
                }
            }
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
                .add(holdFor == null ? null : Long.toString(holdFor.toSeconds())).add(creditsCanonical()).sha256();
    }

    private String creditsCanonical() {
        if (credits.isEmpty()) {
            return null;
        }
        HashChain.Fields fields = HashChain.fields();
        credits.forEach(c -> fields.add(c.accountId()).add(Long.toString(c.amountFen())));
        return fields.sha256();
    }
}
