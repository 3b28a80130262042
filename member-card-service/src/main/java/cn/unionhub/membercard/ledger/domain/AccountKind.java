package cn.unionhub.membercard.ledger.domain;

/**
 * What an account is for. Every kind but {@link #SETTLEMENT} holds real money somebody has and may
 * never go below zero; the settlement account is the ledger's view of the bank: money paid in
 * from outside is debited there, so its balance is minus everything the ledger holds, and the sum
 * over all accounts stays zero.
 */
public enum AccountKind {
    /** A member's welfare account (会员福利账户): grants, coupons' value, prize money, wages. */
    MEMBER_WALLET("wallet"),
    /** A union's own funds (工会经费) that grants and prizes are paid from. */
    UNION_FUND("fund"),
    /** A campaign's budget: what its coupons may ever grant. */
    CAMPAIGN_BUDGET("budget"),
    /**
     * A member's coupon of one campaign ({@code coupon:<campaign>.<member id>}): value granted from the
     * campaign's budget, spendable at the campaign's merchants within its window, swept back after.
     */
    COUPON("coupon"),
    /** What the union owes a merchant for redemptions. */
    MERCHANT_RECEIVABLE("merchant"),
    /** An employer's escrow for a payroll batch (民工惠). */
    EMPLOYER_ESCROW("escrow"),
    /** Money that could not be placed (a payroll line for an unknown member), until someone does. */
    SUSPENSE("suspense"),
    /** The bank side: money entering and leaving the ledger. May be negative. */
    SETTLEMENT("settlement");

    private final String prefix;

    AccountKind(String prefix) {
        this.prefix = prefix;
    }

    /** The first part of the account ids of this kind, e.g. {@code wallet:M3302110000001}. */
    public String prefix() {
        return prefix;
    }

    public boolean mayOverdraw() {
        return this == SETTLEMENT;
    }

    public String accountId(String owner) {
        return prefix + ":" + owner;
    }

    public static AccountKind ofAccountId(String accountId) {
        int colon = accountId.indexOf(':');
        String prefix = colon < 0 ? accountId : accountId.substring(0, colon);
        for (AccountKind kind : values()) {
            if (kind.prefix.equals(prefix)) {
                return kind;
            }
        }
        throw new LedgerException.NotFound("ledger-account-not-found", accountId);
    }
}
