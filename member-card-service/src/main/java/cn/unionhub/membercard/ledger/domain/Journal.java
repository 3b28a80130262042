package cn.unionhub.membercard.ledger.domain;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Applies legs to account journals exactly once, with single-document writes only.
 *
 * <p>Each leg first <em>claims</em> the place it will take in its account's journal (a document
 * keyed by the leg id naming the line number). The line at that place is then written with the
 * totals that follow from the line before it: a function of that line and the leg, so two
 * instances driving the same transfer write the same line and the second insert is refused as a
 * duplicate. If another transfer's line took the place first, the claim moves on to the next free
 * place by compare-and-set; if the line before does not cover a debit, the claim turns into a
 * refusal by the same compare-and-set. Exactly one of "moved", "refused" and "written" wins for a
 * place, so a leg is never applied twice, never both refused and applied, and never applied
 * against a balance that did not cover it.
 *
 * <p>Within one instance writers of an account take turns (a striped lock), so concurrent
 * redemptions against one wallet do not race for the same place; across instances the claims
 * above keep it right.
 *
 * <p>Each instance remembers the last line it wrote or read per account (a bounded memory), and a
 * fresh claim starts after it instead of reading the head and probing for a newer line: two round
 * trips fewer per leg, under the lock that every redemption at one merchant waits for. Memory
 * that lags behind another instance's lines costs a retry, never a wrong line: the place after it
 * is then taken, so the insert of the line fails and the claim moves on as above. A refusal is
 * never decided on remembered balances; the journal itself is read first.
 */
public final class Journal {

    /** Where the journal lives; every method is one single-document read or atomic write. */
    public interface Store {

        Optional<Account> account(String accountId);

        /** The accounts of these ids that exist (heads as stored). */
        java.util.List<Account> accounts(java.util.Collection<String> accountIds);

        Optional<Claim> claim(String legId);

        /** Inserts the claim; false if the leg has one already. */
        boolean insertClaim(Claim claim);

        /** Moves the claim from one place to another if it is still at {@code from}. */
        boolean moveClaim(String legId, long from, long to);

        /** Turns the claim into a refusal if it is still at {@code at}. */
        boolean refuseClaim(String legId, long at, String reason);

        Optional<JournalEntry> entry(String accountId, long sequence);

        /** Inserts the line; false if its place is taken. */
        boolean insertEntry(JournalEntry entry);

        /** Moves the head to the line if it is behind it. */
        void advanceHead(String accountId, long sequence, Balances after);

        /** {@link #advanceHead} for several accounts (one command in a store that can). */
        default void advanceHeads(java.util.Collection<HeadMove> moves) {
            moves.forEach(m -> advanceHead(m.accountId(), m.sequence(), m.after()));
        }
    }

    /** An account's head to move to its line {@code sequence}, unless it is there already. */
    public record HeadMove(String accountId, long sequence, Balances after) {

        /** Of two moves of one account, the one to the later line. */
        static HeadMove further(HeadMove a, HeadMove b) {
            return a.sequence() >= b.sequence() ? a : b;
        }
    }

    /** A leg's place in its account's journal, or why it was refused. */
    public record Claim(String legId, String accountId, long sequence, String refusal) {

        public boolean refused() {
            return refusal != null;
        }
    }

    /** What became of a leg. */
    public sealed interface Outcome {
    }

    public record Applied(JournalEntry entry) implements Outcome {
    }

    public record Refused(String reason) implements Outcome {
    }

    /**
     * Writers of one account take turns under its stripe; so do writers of accounts that share it.
     * A merchant's receivable is busy (every redemption there credits it twice), and with 64 stripes
     * one coupon in 64 waited in that queue for an unrelated debit: in the tail of any burst. With
     * 4,096 (about 200 KB of locks) one in 4,096 does.
     */
    private static final int STRIPES = 4_096;
    private static final int ATTEMPTS = 1_000;
    /** Accounts whose last line is remembered: the busy ones (merchants, budgets) stay in it. */
    private static final int REMEMBERED = 10_000;

    /** An account's last line as this instance last saw it. */
    private record Head(long sequence, Balances balances) {
    }

    private final Store store;
    private final Clock clock;
    /** Whether head moves wait for {@link #writeHeads}; otherwise each is written when its line is. */
    private final boolean headsLater;
    /** Head moves not written yet, the furthest per account. */
    private final Map<String, HeadMove> unwritten = new java.util.concurrent.ConcurrentHashMap<>();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    /** How often the memory was dropped: a claim made from memory while it was dropped is placed again. */
    private final AtomicLong forgotten = new AtomicLong();
    private final Map<String, Head> remembered = Collections.synchronizedMap(new LinkedHashMap<String, Head>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Head> eldest) {
            return size() > REMEMBERED;
        }
    });

    public Journal(Store store, Clock clock) {
        this(store, clock, false);
    }

    /**
     * @param headsLater whether a head moves when {@link #writeHeads} is next called (every few
     *                   milliseconds) instead of with each line. Every redemption moves four heads, two
     *                   of them the merchant's receivable's: written together, a busy account's many
     *                   moves become one update, and a moment's moves of all accounts one command. A
     *                   head is a hint (readers find the lines after it), so a move lost with the
     *                   process costs a reader one more look, never a wrong balance.
     */
    public Journal(Store store, Clock clock, boolean headsLater) {
        this.store = store;
        this.clock = clock;
        this.headsLater = headsLater;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Forgets every remembered line. Call it when the store may have lost acknowledged writes: the
     * local run's embedded store keeps the last second in memory, so after it restarted the journal
     * may end before a line this instance remembers, and a claim after that line would leave a gap.
     */
    public void forgetHeads() {
        synchronized (remembered) {
            forgotten.incrementAndGet();
            remembered.clear();
        }
    }

    /**
     * Remembers a line read or written since {@code generation}, unless the memory was dropped since:
     * the store may have lost that line, and a claim after it would leave a gap.
     */
    private void remember(String accountId, Head head, long generation) {
        synchronized (remembered) {
            if (forgotten.get() == generation) {
                remembered.put(accountId, head);
            }
        }
    }

    /**
     * Applies the leg, or finds it applied or refused before; safe to call again for the same leg.
     *
     * <p>The head moves to the new line after the account's lock is released: the next writer in
     * this instance starts from the line it remembers, not from the head, and a head behind its
     * journal is a state every reader already handles ({@link #catchUp}), as after a crash between
     * the two writes. So writers of a busy account (a merchant's receivable, which every redemption
     * at that merchant credits twice) wait for two store round trips each instead of three.
     */
    public Outcome apply(Leg leg) {
        ReentrantLock lock = stripes[Math.floorMod(leg.accountId().hashCode(), STRIPES)];
        Outcome outcome;
        lock.lock();
        try {
            outcome = applyLocked(leg);
        } finally {
            lock.unlock();
        }
        if (outcome instanceof Applied applied) {
            JournalEntry line = applied.entry();
            moveHead(new HeadMove(line.accountId(), line.sequence(), line.after()));
        }
        return outcome;
    }

    private void moveHead(HeadMove move) {
        if (!headsLater) {
            store.advanceHead(move.accountId(), move.sequence(), move.after());
            return;
        }
        unwritten.merge(move.accountId(), move, HeadMove::further);
    }

    /**
     * Writes the head moves waiting (see {@link #Journal(Store, Clock, boolean)}) in one command; a
     * move that fails to be written waits for the next call.
     */
    public void writeHeads() {
        if (unwritten.isEmpty()) {
            return;
        }
        List<HeadMove> moves = new java.util.ArrayList<>(unwritten.size());
        for (String account : unwritten.keySet()) {
            HeadMove move = unwritten.remove(account);
            if (move != null) {
                moves.add(move);
            }
        }
        try {
            store.advanceHeads(moves);
        } catch (RuntimeException failed) {
            moves.forEach(m -> unwritten.merge(m.accountId(), m, HeadMove::further));
            throw failed;
        }
    }

    private Outcome applyLocked(Leg leg) {
        // The kind (so whether it may be overdrawn) is in the id; acceptance checked that the account exists.
        boolean mayOverdraw = AccountKind.ofAccountId(leg.accountId()).mayOverdraw();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // The first round does not read the claim: a leg applied for the first time has none, and
            // inserting one says whether another driver of the same transfer made it first.
            Optional<Claim> found = attempt == 0 ? Optional.empty() : store.claim(leg.id());
            Claim claim;
            Balances before = null;
            boolean fromMemory = false;
            if (found.isEmpty()) {
                long generation = forgotten.get();
                Head head = attempt == 0 ? remembered.get(leg.accountId()) : null;
                fromMemory = head != null;
                if (head == null) {
                    Account read = catchUp(leg.accountId());
                    head = new Head(read.sequence(), read.balances());
                }
                Claim fresh = new Claim(leg.id(), leg.accountId(), head.sequence() + 1, null);
                if (!store.insertClaim(fresh)) {
                    continue; // claimed by another driver of the same transfer a moment ago: read theirs
                }
                if (fromMemory && forgotten.get() != generation) {
                    // The driver reconnected while the claim was made (a write retried on a new
                    // connection succeeds), so the store may have come back without the line
                    // remembered: place the claim after the journal's real end and start again.
                    Account read = catchUp(leg.accountId());
                    store.moveClaim(leg.id(), fresh.sequence(), read.sequence() + 1);
                    continue;
                }
                // A claim just made sits right after the head: the line before it is the head's.
                claim = fresh;
                before = head.balances();
            } else {
                claim = found.get();
            }
            if (claim.refused()) {
                return new Refused(claim.refusal());
            }
            long place = claim.sequence();
            if (before == null) {
                Optional<JournalEntry> there = store.entry(leg.accountId(), place);
                if (there.isPresent()) {
                    JournalEntry line = there.get();
                    if (line.legId().equals(leg.id())) {
                        return new Applied(line);
                    }
                    Account head = catchUp(leg.accountId());
                    store.moveClaim(leg.id(), place, Math.max(head.sequence(), place) + 1);
                    continue;
                }
                before = place == 1 ? Balances.ZERO : store.entry(leg.accountId(), place - 1)
                        .orElseThrow(() -> new IllegalStateException("journal of " + leg.accountId() + " has a gap before " + place))
                        .after();
            }
            Leg.Decision decision;
            try {
                decision = leg.decide(before, mayOverdraw);
            } catch (IllegalStateException impossible) {
                if (!fromMemory) {
                    throw impossible;
                }
                // Remembered balances behind the journal (the hold this settles came after them): read it.
                remembered.remove(leg.accountId());
                continue;
            }
            if (decision instanceof Leg.Refuse refuse) {
                if (fromMemory) {
                    // Another instance may have paid in since: the next round reads the line before the claim.
                    remembered.remove(leg.accountId());
                    continue;
                }
                store.refuseClaim(leg.id(), place, refuse.reason());
                continue;
            }
            JournalEntry line = JournalEntry.of(leg, place, ((Leg.Apply) decision).after(),
                    clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            long generation = forgotten.get();
            if (store.insertEntry(line)) {
                remember(line.accountId(), new Head(line.sequence(), line.after()), generation);
                return new Applied(line);
            }
            // The place was taken by another transfer's line: the next round finds it and moves the claim on.
            remembered.remove(leg.accountId());
        }
        throw new IllegalStateException("leg " + leg.id() + " found no place in " + ATTEMPTS + " attempts");
    }

    /** Refuses unless every one of the accounts exists and is open: one read for all of them. */
    public void requireOpen(java.util.Collection<String> accountIds) {
        java.util.Map<String, Account> found = new java.util.HashMap<>();
        store.accounts(accountIds).forEach(a -> found.put(a.id(), a));
        for (String id : accountIds) {
            Account a = found.get(id);
            if (a == null) {
                throw new LedgerException.NotFound("ledger-account-not-found", id);
            }
            if (!a.isOpen()) {
                throw new LedgerException.Refused("ledger-account-closed", id);
            }
        }
    }

    /** The account with its head moved past every line written after it (a writer that stopped between the two writes). */
    public Account catchUp(String accountId) {
        long generation = forgotten.get();
        Account head = store.account(accountId).orElseThrow(() -> new LedgerException.NotFound("ledger-account-not-found", accountId));
        // A line this instance wrote or read is a line of the journal: look on from there when the
        // stored head is behind it (its move not written yet), not from the head line by line.
        Head known = remembered.get(accountId);
        boolean fromMemory = known != null && known.sequence() > head.sequence();
        long sequence = fromMemory ? known.sequence() : head.sequence();
        Balances balances = fromMemory ? known.balances() : head.balances();
        for (Optional<JournalEntry> next = store.entry(accountId, sequence + 1); next.isPresent();
                next = store.entry(accountId, sequence + 1)) {
            sequence = next.get().sequence();
            balances = next.get().after();
        }
        if (fromMemory && forgotten.get() != generation) {
            return catchUp(accountId); // the memory was dropped meanwhile (the store reconnected): from the stored head
        }
        if (sequence > head.sequence()) {
            moveHead(new HeadMove(accountId, sequence, balances));
        }
        remember(accountId, new Head(sequence, balances), generation);
        return head.at(sequence, balances);
    }
}
