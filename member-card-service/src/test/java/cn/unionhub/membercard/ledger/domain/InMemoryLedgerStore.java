package cn.unionhub.membercard.ledger.domain;

import cn.unionhub.events.DomainEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ledger's three stores in memory, each method one atomic step as on MongoDB, and a switch
 * that makes the n-th write fail before it happens: the process "dies" there, and what was written
 * before stays. Shared by several {@link Ledger}s it stands for several instances on one database.
 */
final class InMemoryLedgerStore implements Journal.Store, Ledger.Transfers, Ledger.Reminders {

    /** The simulated crash. */
    static final class Crash extends RuntimeException {

        Crash(int write) {
            super("crashed before write " + write, null, false, false);
        }
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Journal.Claim> claims = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<String, JournalEntry> entries = new ConcurrentSkipListMap<>();
    private final Map<String, Transfer> transfers = new ConcurrentHashMap<>();
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    final List<DomainEvent> events = Collections.synchronizedList(new ArrayList<>());
    /** Every reminder set, by transfer. */
    final Map<String, java.util.NavigableSet<Instant>> reminders = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile int crashAt = Integer.MAX_VALUE;

    /** The write with this number (counting from the next one, 1 based) fails; 0 turns crashing off. */
    void crashAtWrite(int n) {
        writes.set(0);
        crashAt = n == 0 ? Integer.MAX_VALUE : n;
    }

    int writesSoFar() {
        return writes.get();
    }

    private void write() {
        int n = writes.incrementAndGet();
        if (n == crashAt) {
            throw new Crash(n);
        }
    }

    void open(Account account) {
        accounts.put(account.id(), account);
    }

    @Override
    public Optional<Account> account(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    @Override
    public List<Account> accounts(java.util.Collection<String> accountIds) {
        return accountIds.stream().map(accounts::get).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public Optional<Journal.Claim> claim(String legId) {
        return Optional.ofNullable(claims.get(legId));
    }

    private volatile Runnable duringNextClaim;

    /** Runs {@code what} inside the next claim's insert: what the driver's listeners do when it reconnects there. */
    void duringNextClaim(Runnable what) {
        duringNextClaim = what;
    }

    @Override
    public boolean insertClaim(Journal.Claim claim) {
        Runnable during = duringNextClaim;
        if (during != null) {
            duringNextClaim = null;
            during.run();
        }
        write();
        return claims.putIfAbsent(claim.legId(), claim) == null;
    }

    @Override
    public boolean moveClaim(String legId, long from, long to) {
        write();
        Journal.Claim[] done = new Journal.Claim[1];
        claims.computeIfPresent(legId, (k, c) -> {
            if (c.refusal() == null && c.sequence() == from) {
                done[0] = new Journal.Claim(k, c.accountId(), to, null);
                return done[0];
            }
            return c;
        });
        return done[0] != null;
    }

    @Override
    public boolean refuseClaim(String legId, long at, String reason) {
        write();
        Journal.Claim[] done = new Journal.Claim[1];
        claims.computeIfPresent(legId, (k, c) -> {
            if (c.refusal() == null && c.sequence() == at) {
                done[0] = new Journal.Claim(k, c.accountId(), at, reason);
                return done[0];
            }
            return c;
        });
        return done[0] != null;
    }

    @Override
    public Optional<JournalEntry> entry(String accountId, long sequence) {
        return Optional.ofNullable(entries.get(key(accountId, sequence)));
    }

    @Override
    public boolean insertEntry(JournalEntry entry) {
        write();
        return entries.putIfAbsent(key(entry.accountId(), entry.sequence()), entry) == null;
    }

    @Override
    public void advanceHead(String accountId, long sequence, Balances after) {
        write();
        accounts.computeIfPresent(accountId, (k, a) -> a.sequence() < sequence ? a.at(sequence, after) : a);
    }

    @Override
    public Optional<Transfer> find(String id) {
        return Optional.ofNullable(transfers.get(id));
    }

    @Override
    public boolean insert(Transfer transfer) {
        write();
        return transfers.putIfAbsent(transfer.id(), transfer) == null;
    }

    @Override
    public Optional<Ledger.Versioned> read(String id) {
        synchronized (transfers) {
            Transfer t = transfers.get(id);
            return t == null ? Optional.empty() : Optional.of(new Ledger.Versioned(t, versions.getOrDefault(id, 0L)));
        }
    }

    @Override
    public boolean replace(Ledger.Versioned read, Transfer.Change change) {
        write();
        // Compare-and-set on the version read, as the store's version check does; the events go with the write.
        synchronized (transfers) {
            String id = read.transfer().id();
            if (!transfers.containsKey(id) || versions.getOrDefault(id, 0L) != read.version()) {
                return false;
            }
            transfers.put(id, change.transfer());
            versions.put(id, read.version() + 1);
            events.addAll(change.events());
            return true;
        }
    }

    @Override
    public void remind(String transferId, Instant at) {
        write();
        reminders.computeIfAbsent(transferId, id -> new java.util.concurrent.ConcurrentSkipListSet<>()).add(at);
    }

    List<Transfer> transfers() {
        return List.copyOf(transfers.values());
    }

    /**
     * What a store that restarted without its last second of writes shows: the account's newest line,
     * its claim and the head's move to it are gone.
     */
    void loseNewestLine(String accountId) {
        JournalEntry newest = journal(accountId).get(journal(accountId).size() - 1);
        entries.values().remove(newest);
        claims.remove(newest.legId());
        accounts.computeIfPresent(accountId, (id, a) -> newest.sequence() == 1 ? a.at(0, Balances.ZERO)
                : a.at(newest.sequence() - 1, journal(accountId).get(journal(accountId).size() - 1).after()));
    }

    List<JournalEntry> journal(String accountId) {
        return List.copyOf(entries.subMap(accountId + "!", accountId + "\"").values());
    }

    Reconciliation.Report reconcile() {
        Iterator<Account> a = accounts.values().stream().sorted(Comparator.comparing(Account::id)).iterator();
        return Reconciliation.check(a, entries.values().iterator());
    }

    private static String key(String accountId, long sequence) {
        return JournalEntry.key(accountId, sequence);
    }
}
