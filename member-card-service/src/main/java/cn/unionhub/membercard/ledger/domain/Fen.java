package cn.unionhub.membercard.ledger.domain;

import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.math.BigDecimal;
import java.util.List;

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

    public static Long ofNullable(BigDecimal amount, String field, String problem) {
        return amount == null ? null : of(amount, field, problem);
    }

    public static long of(BigDecimal amount, String field) {
        return of(amount, field, LedgerException.Invalid.PROBLEM);
    }

    /**
     * The amount in fen, refused as the request's own {@code problem} (an application's, a rule book's): the ledger's
     * ("… no money moved") was answered to forms that move no money.
     */
    public static long of(BigDecimal amount, String field, String problem) {
        if (amount == null || amount.signum() <= 0) {
            throw invalid(problem, field, "ledger-amount-not-positive");
        }
        if (amount.stripTrailingZeros().scale() > 0) {
            throw invalid(problem, field, "ledger-amount-fraction");
        }
        if (amount.compareTo(MAX) > 0) {
            throw invalid(problem, field, "ledger-amount-too-large", MAX);
        }
        return amount.longValueExact();
    }

    private static RuleViolationException invalid(String problem, String field, String code, Object... arguments) {
        return LedgerException.Invalid.PROBLEM.equals(problem) ? new LedgerException.Invalid(field, code, arguments)
                : new RuleViolationException(problem, List.of(new FieldViolation(field, code, arguments)));
    }
}
