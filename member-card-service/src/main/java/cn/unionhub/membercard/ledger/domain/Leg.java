package cn.unionhub.membercard.ledger.domain;

/**
 * One side of a transfer on one account: how it changes that account's held and posted totals.
 * A transfer has a debit leg and a credit leg of the same amounts; settling a hold takes the held
 * amount off the pending totals and puts what is posted (all, part or nothing) on the posted ones.
 *
 * @param id            {@code <transfer id>:D}, {@code :C} (or {@code :C<n>} in a batch), applied at most once
 * @param pendingChange signed change of the side's pending total
 * @param postedChange  change of the side's posted total (never negative)
 */
public record Leg(String id, String transferId, String accountId, Side side, long pendingChange, long postedChange) {

    public enum Side {
        DEBIT, CREDIT
    }

    /** What the account's history says about this leg at the place it would take. */
    public sealed interface Decision {
    }

    public record Apply(Balances after) implements Decision {
    }

    public record Refuse(String reason) implements Decision {
    }

    public static final String INSUFFICIENT_FUNDS = "insufficient-funds";

    public Leg {
        if (postedChange < 0) {
            throw new IllegalArgumentException("a leg never takes posted money back; a refund is a transfer the other way");
        }
    }

    static Leg debit(String transferId, String accountId, long pendingChange, long postedChange) {
        return new Leg(transferId + ":D", transferId, accountId, Side.DEBIT, pendingChange, postedChange);
    }

    static Leg credit(String transferId, String accountId, long pendingChange, long postedChange) {
        return new Leg(transferId + ":C", transferId, accountId, Side.CREDIT, pendingChange, postedChange);
    }

    /** The {@code n}-th credit of a batch. */
    static Leg credit(String transferId, int n, String accountId, long postedChange) {
        return new Leg(transferId + ":C" + n, transferId, accountId, Side.CREDIT, 0, postedChange);
    }

    /**
     * Decides the leg after the balances {@code before}. A function of the two only (and of the
     * account's kind, which never changes), so whoever applies the leg at that place decides the
     * same: a debit that adds to what the account owes is refused when its available balance does
     * not cover it, unless the account may be overdrawn.
     */
    public Decision decide(Balances before, boolean mayOverdraw) {
        if (side == Side.CREDIT) {
            return new Apply(before.plus(0, 0, pendingChange, postedChange));
        }
        long added = pendingChange + postedChange;
        if (added > 0 && !mayOverdraw && before.available() < added) {
            return new Refuse(INSUFFICIENT_FUNDS);
        }
        return new Apply(before.plus(pendingChange, postedChange, 0, 0));
    }
}
