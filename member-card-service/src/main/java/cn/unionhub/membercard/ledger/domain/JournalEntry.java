package cn.unionhub.membercard.ledger.domain;

import java.time.Instant;

/**
 * A line of an account's journal: the leg applied at its numbered place and the running totals
 * after it. Lines are numbered 1, 2, 3… per account with no gaps and are never changed or removed;
 * the account's balances are the fold of its lines.
 */
public record JournalEntry(String accountId, long sequence, String legId, String transferId, Leg.Side side,
        long pendingChange, long postedChange, Balances after, Instant at) {

    static JournalEntry of(Leg leg, long sequence, Balances after, Instant at) {
        return new JournalEntry(leg.accountId(), sequence, leg.id(), leg.transferId(), leg.side(), leg.pendingChange(),
                leg.postedChange(), after, at);
    }

    /**
     * The line's key: account id, {@code !}, the number in 12 digits. {@code !} sorts before every
     * character an account id may hold, so the keys of all journals in order are the accounts in id
     * order, each journal in number order — what the reconciliation's single pass needs.
     */
    public static String key(String accountId, long sequence) {
        return accountId + "!" + String.format("%012d", sequence);
    }

    /** The totals this line leads to from the totals of the line before it. */
    public Balances replay(Balances before) {
        return side == Leg.Side.DEBIT ? before.plus(pendingChange, postedChange, 0, 0)
                : before.plus(0, 0, pendingChange, postedChange);
    }
}
