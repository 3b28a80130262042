package cn.unionhub.membercard.ledger.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Proves the ledger's invariants from its records in one streaming pass over the accounts and the
 * journal, both in account-id order (the journal's lines in number order within an account):
 * <ul>
 * <li>{@code journal-gap}: each journal is numbered 1, 2, 3… without a gap or a repeat;</li>
 * <li>{@code line-mismatch}: each line's totals are the line before's plus the line's change;</li>
 * <li>{@code balance-mismatch} / {@code head-ahead}: the account's head equals its journal at the head's line;</li>
 * <li>{@code overdrawn}: no account that may not be overdrawn ever had a negative available balance;</li>
 * <li>{@code unknown-account}: no line belongs to an account that does not exist;</li>
 * <li>{@code unbalanced}: debits equal credits over all accounts, posted and held — every transfer
 * has both its legs. Checked without remembering every transfer: each leg adds a 64-bit hash of
 * its transfer id (a debit) or takes it away (a credit), so the sum is zero when they pair up. A
 * transfer cut off between its legs makes this fail until it is finished, so a run finishes
 * what is due first and looks again before calling it broken.</li>
 * </ul>
 * Memory stays constant however large the ledger is; the pass reads every line once.
 */
public final class Reconciliation {

    /** The outcome: counts and each broken invariant as {@code <rule> <account or ledger>}. */
    public record Report(long accounts, long entries, boolean balanced, List<String> violations) {

        public boolean clean() {
            return violations.isEmpty();
        }
    }

    private static final int MAX_VIOLATIONS = 1_000;

    private Reconciliation() {
    }

    public static Report check(Iterator<Account> accounts, Iterator<JournalEntry> entries) {
        List<String> violations = new ArrayList<>();
        long accountCount = 0;
        long entryCount = 0;
        long postedSum = 0;
        long pendingSum = 0;
        long pairing = 0;
        JournalEntry line = entries.hasNext() ? entries.next() : null;
        while (accounts.hasNext()) {
            Account account = accounts.next();
            accountCount++;
            while (line != null && line.accountId().compareTo(account.id()) < 0) {
                note(violations, "unknown-account " + line.accountId());
                entryCount++;
                line = entries.hasNext() ? entries.next() : null;
            }
            Balances folded = Balances.ZERO;
            long expected = 1;
            boolean headSeen = account.sequence() == 0;
            boolean overdrawn = false;
            while (line != null && line.accountId().equals(account.id())) {
                entryCount++;
                if (line.sequence() != expected) {
                    note(violations, "journal-gap " + account.id() + " at " + expected);
                }
                Balances replayed;
                try {
                    replayed = line.replay(folded);
                } catch (IllegalStateException | ArithmeticException impossible) {
                    replayed = null;
                }
                if (!Objects.equals(replayed, line.after())) {
                    note(violations, "line-mismatch " + account.id() + " at " + line.sequence());
                }
                folded = line.after();
                if (!account.kind().mayOverdraw() && folded.available() < 0) {
                    overdrawn = true;
                }
                pairing += (line.side() == Leg.Side.DEBIT ? 1 : -1) * hash(line.transferId()) * weight(line);
                long sign = line.side() == Leg.Side.DEBIT ? -1 : 1;
                postedSum += sign * line.postedChange();
                pendingSum += sign * line.pendingChange();
                if (line.sequence() == account.sequence()) {
                    headSeen = true;
                    if (!line.after().equals(account.balances())) {
                        note(violations, "balance-mismatch " + account.id());
                    }
                }
                expected = line.sequence() + 1;
                line = entries.hasNext() ? entries.next() : null;
            }
            if (!headSeen) {
                note(violations, "head-ahead " + account.id());
            }
            if (overdrawn) {
                note(violations, "overdrawn " + account.id());
            }
        }
        while (line != null) {
            note(violations, "unknown-account " + line.accountId());
            entryCount++;
            line = entries.hasNext() ? entries.next() : null;
        }
        boolean balanced = postedSum == 0 && pendingSum == 0 && pairing == 0;
        return new Report(accountCount, entryCount, balanced, violations);
    }

    /** The report with the "debits equal credits" rule applied: call after a second look still found legs unpaired. */
    public static Report withBalance(Report report) {
        if (report.balanced()) {
            return report;
        }
        List<String> violations = new ArrayList<>(report.violations());
        violations.add("unbalanced ledger");
        return new Report(report.accounts(), report.entries(), false, violations);
    }

    private static void note(List<String> violations, String violation) {
        if (violations.size() < MAX_VIOLATIONS) {
            violations.add(violation);
        }
    }

    /** The line's amounts as one number; a transfer's debit lines and its credit lines weigh the same. */
    private static long weight(JournalEntry line) {
        return line.postedChange() + 0x9E3779B97F4A7C15L * line.pendingChange();
    }

    /** FNV-1a, 64 bits: stable across runs and instances (unlike {@link String#hashCode()}, too narrow anyway). */
    static long hash(String transferId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : transferId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
