package cn.unionhub.membercard.ledger.domain;

import java.time.Instant;

/**
 * A ledger account and the head of its journal: the last line's number and the totals after it.
 * The head is a cache of the journal (a crash may leave it behind its last line; the next writer
 * moves it on first), so the journal, not the head, is the record.
 *
 * @param owner    whose money it is: a member id, an organisation's district code, a campaign,
 *                 merchant or employer id
 * @param district the district whose union may move the money (null: only the city union)
 * @param label    a name for statements, e.g. 崂山区总工会经费
 */
public record Account(String id, AccountKind kind, String owner, String district, String label, Status status,
        long sequence, Balances balances, Instant openedAt) {

    public enum Status {
        OPEN, CLOSED
    }

    /** What an account's owner part may hold: letters, digits, {@code . _ -} (so journal keys sort, see {@link JournalEntry#key}). */
    public static final java.util.regex.Pattern OWNER = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,80}");

    public static Account open(AccountKind kind, String owner, String district, String label, Instant at) {
        if (owner == null || !OWNER.matcher(owner).matches()) {
            throw new LedgerException.Invalid("owner", "ledger-owner-invalid");
        }
        return new Account(kind.accountId(owner), kind, owner, district, label, Status.OPEN, 0, Balances.ZERO, at);
    }

    public boolean isOpen() {
        return status == Status.OPEN;
    }

    public Account at(long sequence, Balances balances) {
        return new Account(id, kind, owner, district, label, status, sequence, balances, openedAt);
    }

    /** Closing takes no more transfers; only an account with nothing on it and nothing held may close. */
    public Account close() {
        if (!isOpen()) {
            throw new LedgerException.Refused("ledger-account-closed", id);
        }
        if (balances.balance() != 0 || balances.debitsPending() != 0 || balances.creditsPending() != 0) {
            throw new LedgerException.Refused("ledger-account-not-empty", id, balances.balance());
        }
        return new Account(id, kind, owner, district, label, Status.CLOSED, sequence, balances, openedAt);
    }
}
