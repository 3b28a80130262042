package cn.unionhub.membercard.ledger.domain;

import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import java.util.List;

/** The ledger's refusals, one kind per HTTP meaning; none of them moves money. */
public final class LedgerException {

    private LedgerException() {
    }

    /** A request no ledger could carry out as written (400): the field and why. */
    public static final class Invalid extends RuleViolationException {

        public static final String PROBLEM = "ledger-invalid-request";

        public Invalid(String field, String code, Object... arguments) {
            super(PROBLEM, List.of(new FieldViolation(field, code, arguments)));
        }
    }

    /** An account or transfer that does not exist, or that the caller may not know of (404). */
    public static final class NotFound extends NotFoundException {

        public NotFound(String code, Object... arguments) {
            super(code, arguments);
        }
    }

    /** A request the ledger's state refuses (409): a closed account, a key reused with another body, a hold already resolved. */
    public static final class Refused extends ConflictException {

        public Refused(String code, Object... arguments) {
            super(code, arguments);
        }

        /** The ledger refused a transfer (its reason, e.g. insufficient-funds): nothing moved. */
        public static Refused transfer(String reason, String transferId) {
            return new Refused("ledger-" + reason, transferId);
        }
    }
}
