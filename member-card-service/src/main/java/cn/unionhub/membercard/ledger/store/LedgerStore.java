package cn.unionhub.membercard.ledger.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.unionhub.membercard.ledger.domain.Account;
import cn.unionhub.membercard.ledger.domain.AccountKind;
import cn.unionhub.membercard.ledger.domain.Balances;
import cn.unionhub.membercard.ledger.domain.Journal;
import cn.unionhub.membercard.ledger.domain.JournalEntry;
import cn.unionhub.membercard.ledger.domain.Leg;
import cn.unionhub.membercard.ledger.domain.Ledger;
import cn.unionhub.membercard.ledger.domain.Transfer;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.DueTimers;
import cn.unionhub.platform.store.Filters;
import cn.unionhub.platform.store.UniqueInserts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The ledger in MongoDB, every write one document: accounts with their journal heads
 * ({@value #ACCOUNTS}), leg claims ({@value #CLAIMS}, keyed by leg id), journal lines
 * ({@value #ENTRIES}, keyed {@code <account>!<12-digit number>}) and transfers ({@value #TRANSFERS},
 * with their events in the same write through {@link AggregateStore}). Every read on the way of a
 * transfer is a key lookup; the reminders are {@link DueTimers} (key lookups too), so neither a
 * transfer nor the idle ledger reads more as the journal grows.
 */
@Repository
public class LedgerStore implements Journal.Store, Ledger.Transfers, Ledger.Reminders {

    static final String ACCOUNTS = "ledger_accounts";
    static final String CLAIMS = "ledger_claims";
    static final String ENTRIES = "ledger_entries";
    static final String TRANSFERS = "ledger_transfers";

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final DueTimers reminders;

    LedgerStore(MongoTemplate mongo, AggregateStore store, Clock clock) {
        this.mongo = mongo;
        this.store = store;
        this.reminders = new DueTimers(mongo, "ledger-transfers", Duration.ofSeconds(5), Duration.ofMinutes(1), clock);
    }

    // --- accounts ---

    /** Opens the account; false if it exists (opening is idempotent by id). */
    public boolean open(Account account) {
        try {
            mongo.insert(toDocument(account), ACCOUNTS);
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    /** Opens the accounts that are not open yet, in one unordered bulk insert (a campaign's coupons). */
    public void openAll(List<Account> accounts) {
        if (accounts.isEmpty()) {
            return;
        }
        UniqueInserts.insertUnlessTaken(mongo.getCollection(ACCOUNTS), accounts.stream().map(LedgerStore::toDocument).toList());
    }

    /** Closes the account if it is still at the head it was read at (nothing moved in between). */
    public boolean close(Account read, Account closed) {
        Query unchanged = new Query(where("_id").is(read.id()).and("sequence").is(read.sequence()).and("status").is("OPEN"));
        return mongo.updateFirst(unchanged, new Update().set("status", closed.status().name()), ACCOUNTS).getModifiedCount() == 1;
    }

    @Override
    public Optional<Account> account(String accountId) {
        return Optional.ofNullable(mongo.findById(accountId, Document.class, ACCOUNTS)).map(LedgerStore::toAccount);
    }

    @Override
    public List<Account> accounts(Collection<String> accountIds) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        return mongo.find(new Query(where("_id").in(accountIds)), Document.class, ACCOUNTS).stream().map(LedgerStore::toAccount).toList();
    }

    @Override
    public void advanceHead(String accountId, long sequence, Balances after) {
        Query behind = new Query(where("_id").is(accountId).and("sequence").lt(sequence));
        mongo.updateFirst(behind, balances(new Update().set("sequence", sequence), after), ACCOUNTS);
    }

    /** One unordered bulk for all the moves; each moves its head only forward. */
    @Override
    public void advanceHeads(Collection<Journal.HeadMove> moves) {
        if (moves.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ACCOUNTS);
        moves.forEach(m -> bulk.updateOne(new Query(where("_id").is(m.accountId()).and("sequence").lt(m.sequence())),
                balances(new Update().set("sequence", m.sequence()), m.after())));
        bulk.execute();
    }

    // --- claims ---

    @Override
    public Optional<Journal.Claim> claim(String legId) {
        return Optional.ofNullable(mongo.findById(legId, Document.class, CLAIMS))
                .map(d -> new Journal.Claim(legId, d.getString("account"), number(d, "sequence"), d.getString("refusal")));
    }

    @Override
    public boolean insertClaim(Journal.Claim claim) {
        try {
            mongo.insert(new Document("_id", claim.legId()).append("account", claim.accountId()).append("sequence", claim.sequence()),
                    CLAIMS);
            return true;
        } catch (DuplicateKeyException claimed) {
            return false;
        }
    }

    @Override
    public boolean moveClaim(String legId, long from, long to) {
        return mongo.updateFirst(openClaimAt(legId, from), new Update().set("sequence", to), CLAIMS).getModifiedCount() == 1;
    }

    @Override
    public boolean refuseClaim(String legId, long at, String reason) {
        return mongo.updateFirst(openClaimAt(legId, at), new Update().set("refusal", reason), CLAIMS).getModifiedCount() == 1;
    }

    private static Query openClaimAt(String legId, long sequence) {
        return new Query(where("_id").is(legId).and("sequence").is(sequence).and("refusal").exists(false));
    }

    // --- journal ---

    @Override
    public Optional<JournalEntry> entry(String accountId, long sequence) {
        return Optional.ofNullable(mongo.findById(JournalEntry.key(accountId, sequence), Document.class, ENTRIES))
                .map(LedgerStore::toEntry);
    }

    @Override
    public boolean insertEntry(JournalEntry entry) {
        try {
            mongo.insert(toDocument(entry), ENTRIES);
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /** An account's lines from {@code after + 1} on, oldest first: key lookups by number, at most {@code limit}. */
    public List<JournalEntry> lines(String accountId, long after, long upTo, int limit) {
        List<String> ids = Stream.iterate(after + 1, s -> s + 1).limit(Math.max(0, Math.min(limit, upTo - after)))
                .map(s -> JournalEntry.key(accountId, s)).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongo.find(new Query(where("_id").in(ids)), Document.class, ENTRIES).stream().map(LedgerStore::toEntry)
                .sorted(java.util.Comparator.comparingLong(JournalEntry::sequence)).toList();
    }

    /** Every account in id order, streamed a batch at a time (the reconciliation's one pass). */
    public Stream<Account> allAccounts() {
        return mongo.stream(Filters.inBatches(new Query().with(Sort.by("_id"))), Document.class, ACCOUNTS)
                .map(LedgerStore::toAccount);
    }

    /** Every journal line in key order (accounts in id order, each journal in number order), streamed a batch at a time. */
    public Stream<JournalEntry> allEntries() {
        return mongo.stream(Filters.inBatches(new Query().with(Sort.by("_id"))), Document.class, ENTRIES)
                .map(LedgerStore::toEntry);
    }

    // --- transfers ---

    @Override
    public Optional<Transfer> find(String id) {
        return Optional.ofNullable(mongo.findById(id, TransferDocument.class)).map(d -> d.transfer);
    }

    @Override
    public boolean insert(Transfer transfer) {
        TransferDocument d = new TransferDocument();
        d.id = transfer.id();
        d.transfer = transfer;
        return store.insertOnce(d, List.of());
    }

    @Override
    public Optional<Ledger.Versioned> read(String id) {
        return Optional.ofNullable(mongo.findById(id, TransferDocument.class)).map(d -> new Ledger.Versioned(d.transfer, d.version));
    }

    /** One {@code _id $in} read for all of them (a run of reminders). */
    @Override
    public Map<String, Ledger.Versioned> readAll(Collection<String> ids) {
        Map<String, Ledger.Versioned> found = new HashMap<>();
        if (!ids.isEmpty()) {
            mongo.find(new Query(where("_id").in(ids)), TransferDocument.class)
                    .forEach(d -> found.put(d.id, new Ledger.Versioned(d.transfer, d.version)));
        }
        return found;
    }

    /** One conditional write on the version read: no second read of the record before it. */
    @Override
    public boolean replace(Ledger.Versioned read, Transfer.Change change) {
        TransferDocument changed = new TransferDocument();
        changed.id = read.transfer().id();
        changed.version = read.version();
        changed.transfer = change.transfer();
        try {
            store.update(changed, change.events());
            return true;
        } catch (OptimisticLockingFailureException changedMeanwhile) {
            return false;
        }
    }

    @Override
    public void remind(String transferId, Instant at) {
        reminders.schedule(transferId, at);
    }

    /**
     * Hands the transfers whose reminders are due to {@code wake}, a bucket of them at a time; it
     * answers the ids it looked at, whose reminders then go. How many.
     */
    public int wakeDue(Instant now, Function<List<String>, Collection<String>> wake) {
        return reminders.fireAll(now, due -> {
            Set<String> looked = new HashSet<>(wake.apply(due.stream().map(DueTimers.Due::id).toList()));
            return due.stream().filter(d -> looked.contains(d.id())).toList();
        }, null);
    }

    // --- mapping ---

    private static Document toDocument(Account a) {
        Document d = new Document("_id", a.id()).append("kind", a.kind().name()).append("owner", a.owner())
                .append("district", a.district()).append("label", a.label()).append("status", a.status().name())
                .append("sequence", a.sequence()).append("openedAt", Date.from(a.openedAt()));
        putBalances(d, a.balances());
        return d;
    }

    private static Account toAccount(Document d) {
        return new Account(d.getString("_id"), AccountKind.valueOf(d.getString("kind")), d.getString("owner"), d.getString("district"),
                d.getString("label"), Account.Status.valueOf(d.getString("status")), number(d, "sequence"), balancesOf(d),
                d.getDate("openedAt").toInstant());
    }

    private static Document toDocument(JournalEntry e) {
        Document d = new Document("_id", JournalEntry.key(e.accountId(), e.sequence())).append("account", e.accountId())
                .append("sequence", e.sequence()).append("leg", e.legId()).append("transfer", e.transferId())
                .append("side", e.side().name()).append("pendingChange", e.pendingChange()).append("postedChange", e.postedChange())
                .append("at", Date.from(e.at()));
        putBalances(d, e.after());
        return d;
    }

    private static JournalEntry toEntry(Document d) {
        return new JournalEntry(d.getString("account"), number(d, "sequence"), d.getString("leg"), d.getString("transfer"),
                Leg.Side.valueOf(d.getString("side")), number(d, "pendingChange"), number(d, "postedChange"), balancesOf(d),
                d.getDate("at").toInstant());
    }

    private static void putBalances(Document d, Balances b) {
        d.append("debitsPending", b.debitsPending()).append("debitsPosted", b.debitsPosted())
                .append("creditsPending", b.creditsPending()).append("creditsPosted", b.creditsPosted());
    }

    private static Update balances(Update u, Balances b) {
        return u.set("debitsPending", b.debitsPending()).set("debitsPosted", b.debitsPosted())
                .set("creditsPending", b.creditsPending()).set("creditsPosted", b.creditsPosted());
    }

    private static Balances balancesOf(Document d) {
        return new Balances(number(d, "debitsPending"), number(d, "debitsPosted"), number(d, "creditsPending"),
                number(d, "creditsPosted"));
    }

    /** A stored number as long: the embedded store may hand back an int for a small long. */
    private static long number(Document d, String field) {
        return ((Number) d.get(field)).longValue();
    }
}
