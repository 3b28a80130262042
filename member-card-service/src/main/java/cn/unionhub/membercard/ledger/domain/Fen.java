package cn.unionhub.membercard.ledger.domain;

import java.math.BigDecimal;

/** Amounts as requests carry them: whole fen above zero. 12.5 is refused, never rounded. */
public final class Fen {

    /** The largest amount one request may carry: 10 billion yuan, far above any grant, far below overflow. */
    public static final BigDecimal MAX = BigDecimal.valueOf(1_000_000_000_000L);

    private Fen() {
    }

    /** The amount in fen, or null when none was given. */
    public static Long ofNullable(BigDecimal amount, String field) {
        return amount == null ? null : of(amount, field);
    }

    public static long of(BigDecimal amount, String field) {
        if (amount == null || amount.signum() <= 0) {
            throw new LedgerException.Invalid(field, "ledger-amount-not-positive");
        }
        if (amount.stripTrailingZeros().scale() > 0) {
            throw new LedgerException.Invalid(field, "ledger-amount-fraction");
        }
        if (amount.compareTo(MAX) > 0) {
            throw new LedgerException.Invalid(field, "ledger-amount-too-large", MAX);
        }
        return amount.longValueExact();
    }
}
