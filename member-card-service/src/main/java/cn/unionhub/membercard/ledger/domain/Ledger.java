package cn.unionhub.membercard.ledger.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Carries transfers through: accept (claiming the key), apply the legs, finish; or find the earlier
 * result when the key was used before. Every step is a single-document write that may be repeated,
 * so a crash between any two of them is finished by whoever drives the transfer next: the caller
 * retrying, or the reminder set for every transfer before it was accepted.
 */
public final class Ledger {

    /** Where transfers live; one document each, changed by compare-and-set. */
    public interface Transfers {

        Optional<Transfer> find(String id);

        /** The transfer with the store's version of it, for a compare-and-set that needs no second read. */
        Optional<Versioned> read(String id);

        /** {@link #read} for many: those of the ids that exist, by id (one read in a store that can). */
        default Map<String, Versioned> readAll(Collection<String> ids) {
            Map<String, Versioned> found = new HashMap<>();
            ids.forEach(id -> read(id).ifPresent(v -> found.put(id, v)));
            return found;
        }

        /** Inserts the accepted transfer; false if its id exists. */
        boolean insert(Transfer transfer);

        /** Writes the change (and its events) if the transfer is still at the version read; false if it changed in between. */
        boolean replace(Versioned read, Transfer.Change change);
    }

    /** A transfer as read and the version the store had of it. */
    public record Versioned(Transfer transfer, long version) {
    }

    /** Looks at a transfer again at a time: to finish one a crash left, or to release an expired hold. */
    public interface Reminders {

        void remind(String transferId, Instant at);
    }

    /** How long a transfer may take before its reminder finishes it. */
    public static final Duration RECOVERY_DELAY = Duration.ofSeconds(15);
    private static final int ATTEMPTS = 20;
    /** The version a transfer has when inserted. */
    private static final long INSERTED = 0;

    private final Journal journal;
    private final Transfers transfers;
    private final Reminders reminders;
    private final Clock clock;
    private final Executor fanOut;

    public Ledger(Journal journal, Transfers transfers, Reminders reminders, Clock clock) {
        this(journal, transfers, reminders, clock, Runnable::run);
    }

    /** @param fanOut where a batch's credits are applied side by side (each on its own account) */
    public Ledger(Journal journal, Transfers transfers, Reminders reminders, Clock clock, Executor fanOut) {
        this.journal = journal;
        this.transfers = transfers;
        this.reminders = reminders;
        this.clock = clock;
        this.fanOut = fanOut;
    }

    /**
     * Carries out a request under a key, once. The same key with the same request returns the
     * first outcome (finishing it if it was cut off); with another request it is refused.
     *
     * @param scope whose key it is (see {@link Transfer#scope()})
     */
    public Transfer submit(String scope, String key, TransferRequest request, String requestedBy) {
        String id = Transfer.idFor(scope, key);
        // A posting or release reads the hold it settles with the look for an earlier one: one read.
        boolean settles = request.kind() == Transfer.Kind.POST || request.kind() == Transfer.Kind.VOID;
        Map<String, Versioned> read = settles ? transfers.readAll(List.of(id, request.holdId())) : Map.of();
        Optional<Versioned> earlier = settles ? Optional.ofNullable(read.get(id)) : transfers.read(id);
        if (earlier.isPresent()) {
            return replay(earlier.get(), request);
        }
        Instant now = now();
        Versioned hold = null;
        Transfer accepted = switch (request.kind()) {
            case TRANSFER, HOLD -> {
                journal.requireOpen(List.of(request.debitAccountId(), request.creditAccountId()));
                yield Transfer.accept(scope, key, request, requestedBy, now);
            }
            case BATCH -> {
                List<String> accounts = new java.util.ArrayList<>(request.credits().size() + 1);
                accounts.add(request.debitAccountId());
                request.credits().forEach(c -> accounts.add(c.accountId()));
                journal.requireOpen(accounts);
                yield Transfer.accept(scope, key, request, requestedBy, now);
            }
            case POST, VOID -> {
                hold = Optional.ofNullable(read.get(request.holdId()))
                        .orElseThrow(() -> new LedgerException.NotFound("ledger-transfer-not-found", request.holdId()));
                yield Transfer.acceptSettlement(scope, key, request, hold.transfer(), requestedBy, now);
            }
        };
        // The reminder goes first: a crash after the insert then always has someone to finish it. One
        // per transfer: a hold still held when it fires sets the one for its expiry (see wake), and
        // most holds are settled long before, so they never need a second.
        Instant recovery = now.plus(RECOVERY_DELAY);
        reminders.remind(id, accepted.expiresAt() != null && accepted.expiresAt().isBefore(recovery) ? accepted.expiresAt() : recovery);
        if (!transfers.insert(accepted)) {
            return replay(transfers.read(id).orElseThrow(), request);
        }
        // What was just inserted and the hold read to accept it are the states to write on next:
        // read again only when a write finds them changed (see change).
        return drive(new Versioned(accepted, INSERTED), hold).transfer();
    }

    /**
     * {@link #submit} for a request its caller may ask again after a refusal (a grant the fund was short for, a refund the
     * merchant's receivable did not cover): under {@code key}, then {@code key:attempt-2}, {@code key:attempt-3}… An
     * attempt refused before moved nothing, so the next one tries again — under one key the first refusal was the answer
     * for ever; this call's own refusal answers, as does an attempt not refused (the same request again: its outcome).
     * Attempts are tried in order, so two callers meet at the same next key: one transfer.
     *
     * @param request the request under an attempt's key (its reference names the attempt)
     * @return empty when {@code attempts} attempts were all refused before
     */
    public Optional<Transfer> submitAgainAfterRefusals(String scope, String key, Function<String, TransferRequest> request,
            String requestedBy, int attempts) {
        return submitAgainAfterRefusals(scope, key, request, requestedBy, attempts, () -> {
        });
    }

    /**
     * As above; {@code beforeNewAttempt} runs before an attempt not made yet is submitted, and may refuse it (a receivable
     * that cannot cover it yet): a try bound to be refused then takes none of the attempts.
     */
    public Optional<Transfer> submitAgainAfterRefusals(String scope, String key, Function<String, TransferRequest> request,
            String requestedBy, int attempts, Runnable beforeNewAttempt) {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            String reference = attempt == 1 ? key : key + ":attempt-" + attempt;
            Transfer earlier = wake(Transfer.idFor(scope, reference));
            if (earlier == null) {
                beforeNewAttempt.run();
            }
            if (earlier == null || earlier.status() != Transfer.Status.REJECTED) {
                return Optional.of(submit(scope, reference, request.apply(reference), requestedBy));
            }
        }
        return Optional.empty();
    }

    private Transfer replay(Versioned earlier, TransferRequest request) {
        if (!earlier.transfer().fingerprint().equals(request.fingerprint())) {
            throw new LedgerException.Refused("ledger-key-reused", earlier.transfer().id());
        }
        return drive(earlier, null).transfer();
    }

    /** Finishes the transfer if it is not finished; for a hold, releases it if it expired. Safe to repeat. */
    public Transfer wake(String transferId) {
        Optional<Versioned> found = transfers.read(transferId);
        return found.isEmpty() ? null : wake(found.get());
    }

    /**
     * {@link #wake} for many transfers (reminders due together): one read for all of them and one
     * for the holds their settlements took. Almost every reminder finds its transfer long finished
     * (it was set in case the transfer were cut off), and then it costs nothing more than its share
     * of those two reads; the rest are woken one by one as before.
     *
     * @param failed told of each transfer whose wake failed (the store away); it is not in the answer
     * @return the ids looked at, for their reminders to go
     */
    public List<String> wakeAll(Collection<String> transferIds, BiConsumer<String, RuntimeException> failed) {
        Map<String, Versioned> found = transfers.readAll(transferIds);
        List<String> done = new ArrayList<>(transferIds.size());
        Map<String, Transfer> settlements = new LinkedHashMap<>();
        for (String id : transferIds) {
            Versioned read = found.get(id);
            Transfer t = read == null ? null : read.transfer();
            if (t == null) {
                done.add(id); // its reminder was set before a crash stopped the insert: nothing to finish
            } else if (!t.status().finished() || t.kind() == Transfer.Kind.HOLD && t.status() == Transfer.Status.HELD) {
                try {
                    wake(read);
                    done.add(id);
                } catch (RuntimeException e) {
                    failed.accept(id, e);
                }
            } else if (t.holdId() != null && t.status() != Transfer.Status.REJECTED) {
                settlements.put(id, t); // finished; whether its hold says so is read below, for all at once
            } else {
                done.add(id);
            }
        }
        if (!settlements.isEmpty()) {
            Map<String, Versioned> holds = transfers.readAll(settlements.values().stream().map(Transfer::holdId).distinct().toList());
            settlements.forEach((id, settlement) -> {
                try {
                    Versioned hold = holds.get(settlement.holdId());
                    if (hold != null && hold.transfer().status() == Transfer.Status.HELD) {
                        markHoldSettled(settlement, hold); // a crash came between the settlement and its hold
                    }
                    done.add(id);
                } catch (RuntimeException e) {
                    failed.accept(id, e);
                }
            });
        }
        return done;
    }

    private Transfer wake(Versioned found) {
        String transferId = found.transfer().id();
        Versioned driven = drive(found, null);
        Transfer t = driven.transfer();
        if (t.kind() == Transfer.Kind.HOLD && t.status() == Transfer.Status.HELD) {
            if (t.settledBy() != null) {
                transfers.read(t.settledBy()).ifPresent(settlement -> drive(settlement, null));
            } else if (t.expiredAt(now())) {
                expire(driven);
            } else {
                reminders.remind(t.id(), t.expiresAt());
            }
            t = transfers.find(transferId).orElseThrow();
        }
        return t;
    }

    /**
     * @param read the transfer as last read or written
     * @param hold for a settlement, its hold as last read, or null to read it
     */
    private Versioned drive(Versioned read, Versioned hold) {
        Transfer transfer = read.transfer();
        if (transfer.status().finished()) {
            markHoldSettled(transfer, null);
            return read;
        }
        if (transfer.kind() == Transfer.Kind.POST || transfer.kind() == Transfer.Kind.VOID) {
            Taken taken = takeHold(transfer, hold);
            if (taken.lost() != null) {
                return finish(read, t -> t.reject(taken.lost(), now()));
            }
            hold = taken.hold();
        }
        List<Leg> legs = transfer.legs();
        if (journal.apply(legs.get(0)) instanceof Journal.Refused refused) {
            return finish(read, t -> t.reject(refused.reason(), now()));
        }
        applyCredits(legs.subList(1, legs.size()));
        Versioned done = finish(read, t -> t.complete(now()));
        markHoldSettled(done.transfer(), hold);
        return done;
    }

    /** A settlement's hold after trying to take it, and why it was not taken (null: taken). */
    private record Taken(Versioned hold, String lost) {
    }

    /**
     * Applies credit legs (never refused); a batch's side by side, each on its own account. A leg
     * that fails (the store away) fails the call after the others ran; whoever drives the transfer
     * next applies what is missing.
     */
    private void applyCredits(List<Leg> credits) {
        if (credits.size() == 1) {
            journal.apply(credits.get(0));
            return;
        }
        List<CompletableFuture<Journal.Outcome>> applying = credits.stream()
                .map(leg -> CompletableFuture.supplyAsync(() -> journal.apply(leg), fanOut)).toList();
        try {
            CompletableFuture.allOf(applying.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    /** After a posting or release finished, its hold says so (again, if a crash came in between). */
    private void markHoldSettled(Transfer done, Versioned hold) {
        if (done.holdId() == null || done.status() == Transfer.Status.REJECTED) {
            return;
        }
        change(done.holdId(), hold, h -> h.status() == Transfer.Status.HELD && done.id().equals(h.settledBy())
                ? new Transfer.Change(h.settled(done), List.of()) : null);
    }

    /**
     * Takes the hold for this settlement; null when taken (now or before), else why not. A hold
     * found expired is taken for its release instead, which then runs, and the posting is refused.
     */
    private Taken takeHold(Transfer settlement, Versioned known) {
        Versioned read = drive(known != null ? known : transfers.read(settlement.holdId()).orElseThrow(), null);
        Transfer hold = read.transfer();
        if (hold.status() == Transfer.Status.REJECTED) {
            return new Taken(read, Transfer.HOLD_NOT_HELD);
        }
        // Judged at the settlement's acceptance, not at whoever drives it: a posting accepted in time
        // that a crash delayed still takes the hold, unless the release took it first.
        boolean expired = !settlement.isExpiry() && hold.expiredAt(settlement.createdAt());
        String taker = expired ? Transfer.expiryIdOf(hold.id()) : settlement.id();
        Versioned taken = change(hold.id(), read, h -> h.settledBy() == null && h.status() == Transfer.Status.HELD
                ? new Transfer.Change(h.settleBy(taker), List.of()) : null);
        if (settlement.id().equals(taken.transfer().settledBy())) {
            return new Taken(taken, null);
        }
        if (taken.transfer().settledBy() != null && taken.transfer().settledBy().equals(Transfer.expiryIdOf(hold.id()))) {
            expire(taken);
            return new Taken(taken, Transfer.HOLD_EXPIRED);
        }
        return new Taken(taken, Transfer.HOLD_ALREADY_SETTLED);
    }

    /** Releases an expired hold through its expiry transfer (created once, by id). */
    private void expire(Versioned hold) {
        String expiryId = Transfer.expiryIdOf(hold.transfer().id());
        Optional<Versioned> existing = transfers.read(expiryId);
        Versioned expiry = existing.orElseGet(() -> {
            Instant now = now();
            Transfer release = Transfer.expiryOf(hold.transfer(), now);
            reminders.remind(expiryId, now.plus(RECOVERY_DELAY));
            transfers.insert(release);
            return transfers.read(expiryId).orElseThrow();
        });
        drive(expiry, hold);
    }

    /** Finishes an accepted transfer; if someone finished it first, theirs stands. */
    private Versioned finish(Versioned transfer, Function<Transfer, Transfer.Change> how) {
        return change(transfer.transfer().id(), transfer, t -> t.status() == Transfer.Status.ACCEPTED ? how.apply(t) : null);
    }

    /**
     * Applies a change by compare-and-set, reading again after a lost race; a null change means
     * nothing to do. The first attempt writes on {@code known} (what this driver last read or wrote,
     * or null) instead of reading it again: a state read earlier is only ever used to attempt a
     * write, which the version guards. Deciding there is nothing to do is left to a fresh read.
     */
    private Versioned change(String id, Versioned known, Function<Transfer, Transfer.Change> how) {
        Versioned current = known;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            boolean fresh = current == null;
            if (fresh) {
                current = transfers.read(id).orElseThrow();
            }
            Transfer.Change change = how.apply(current.transfer());
            if (change == null) {
                if (fresh) {
                    return current;
                }
                current = null;
                continue;
            }
            if (transfers.replace(current, change)) {
                return new Versioned(change.transfer(), current.version() + 1);
            }
            current = null;
        }
        throw new IllegalStateException("transfer " + id + " kept changing under " + ATTEMPTS + " attempts");
    }

    /**
     * Now, to the millisecond: what the store keeps, so a transfer answered now and the same one
     * read back later are equal (a replay answers exactly the first answer).
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** An account with its head caught up to its journal. */
    public Account account(String accountId) {
        return journal.catchUp(accountId);
    }
}
