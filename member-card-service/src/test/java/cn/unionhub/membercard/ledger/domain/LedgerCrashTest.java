package cn.unionhub.membercard.ledger.domain;

import static cn.unionhub.membercard.ledger.domain.LedgerFixture.FUND;
import static cn.unionhub.membercard.ledger.domain.LedgerFixture.MERCHANT;
import static cn.unionhub.membercard.ledger.domain.LedgerFixture.WALLET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.events.membercard.TransferBatchPosted;
import cn.unionhub.events.membercard.TransferEvent;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The process dies before each write of an operation in turn (every crash point there is), then
 * the operation is finished by the caller retrying or by the reminder, and the outcome must be
 * exactly that of an uninterrupted run: every amount moved once, one event, a clean reconciliation.
 */
class LedgerCrashTest {

    /**
     * An operation on a funded ledger (30,000 fen in the wallet), the key of the transfer that says
     * what happened, its status after an uninterrupted run and an hour more (in which a hold left
     * standing expires), and the balances when it moved money.
     */
    record Operation(String name, Function<LedgerFixture, Transfer> run, String key, Transfer.Status status, Balances wallet,
            Balances merchant) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Balances UNTOUCHED = new Balances(0, 0, 0, 30_000);

    static Stream<Operation> operations() {
        return Stream.of(
                new Operation("transfer", f -> f.ledger.submit("m", "t", TransferRequest.transfer(WALLET, MERCHANT, 12_000,
                        "redemption", null), "m"), "t", Transfer.Status.POSTED, new Balances(0, 12_000, 0, 30_000), new Balances(0, 0, 0, 12_000)),
                new Operation("refused transfer", f -> f.ledger.submit("m", "t", TransferRequest.transfer(WALLET, MERCHANT, 30_001,
                        "redemption", null), "m"), "t", Transfer.Status.REJECTED, UNTOUCHED, Balances.ZERO),
                new Operation("batch", f -> f.ledger.submit("m", "b", TransferRequest.batch(FUND, List.of(new Transfer.Credit(WALLET, 5_000),
                        new Transfer.Credit(MERCHANT, 7_000)), "grant", null), "m"), "b", Transfer.Status.POSTED,
                        new Balances(0, 0, 0, 35_000), new Balances(0, 0, 0, 7_000)),
                new Operation("hold", LedgerCrashTest::hold, "h", Transfer.Status.EXPIRED, UNTOUCHED, Balances.ZERO),
                new Operation("partial posting", f -> f.ledger.submit("m", "p", TransferRequest.post(hold(f).id(), 7_000L, null), "m"),
                        "p", Transfer.Status.POSTED, new Balances(0, 7_000, 0, 30_000), new Balances(0, 0, 0, 7_000)),
                new Operation("void", f -> f.ledger.submit("m", "v", TransferRequest.voiding(hold(f).id(), null), "m"), "v",
                        Transfer.Status.VOIDED, UNTOUCHED, Balances.ZERO),
                new Operation("expiry", f -> {
                    Transfer h = hold(f);
                    f.clock.advance(Duration.ofMinutes(10));
                    return f.ledger.wake(h.id());
                }, "h", Transfer.Status.EXPIRED, UNTOUCHED, Balances.ZERO));
    }

    private static Transfer hold(LedgerFixture f) {
        return f.ledger.submit("m", "h", TransferRequest.hold(WALLET, MERCHANT, 10_000, "redemption", null, Duration.ofMinutes(5)), "m");
    }

    static Stream<Arguments> crashPoints() {
        return operations().flatMap(op -> {
            LedgerFixture clean = new LedgerFixture().funded(1_000_000, 30_000);
            clean.store.crashAtWrite(0);
            op.run().apply(clean);
            int writes = clean.store.writesSoFar();
            return IntStream.rangeClosed(1, writes).boxed().flatMap(k -> Stream.of(Arguments.of(op, k, true, true),
                    Arguments.of(op, k, false, true), Arguments.of(op, k, false, false)));
        });
    }

    @ParameterizedTest(name = "{0}: crash before write {1}, finished by the caller retrying: {2}, reminders run together: {3}")
    @MethodSource("crashPoints")
    void aCrashAtAnyPointIsFinishedExactlyOnce(Operation op, int crashAt, boolean callerRetries, boolean remindersTogether) {
        LedgerFixture f = new LedgerFixture().funded(1_000_000, 30_000);
        int eventsBefore = f.store.events.size();
        f.store.crashAtWrite(crashAt);
        assertThatThrownBy(() -> op.run().apply(f)).isInstanceOf(InMemoryLedgerStore.Crash.class);
        f.store.crashAtWrite(0);

        Ledger restarted = f.newInstance();
        if (callerRetries) {
            op.run().apply(f);
        }
        // The reminders run later, past every hold's expiry too: together, as the timer job hands
        // them over (one read for all), or one by one, as a reader's look at a transfer wakes it.
        f.clock.advance(Duration.ofHours(1));
        if (remindersTogether) {
            List<String> due = List.copyOf(f.store.reminders.keySet());
            assertThat(restarted.wakeAll(due, (id, e) -> { throw e; })).containsExactlyInAnyOrderElementsOf(due);
        } else {
            f.store.reminders.keySet().forEach(restarted::wake);
        }

        assertThat(f.balances(WALLET)).isEqualTo(expected(op, f, op.wallet(), UNTOUCHED, callerRetries));
        assertThat(f.balances(MERCHANT)).isEqualTo(expected(op, f, op.merchant(), Balances.ZERO, callerRetries));
        assertThat(f.store.reconcile().violations()).isEmpty();
        assertThat(f.store.reconcile().balanced()).isTrue();
        assertThat(f.store.transfers()).allSatisfy(t -> assertThat(t.status()).isNotEqualTo(Transfer.Status.ACCEPTED));
        // One event per finished transfer, never two.
        assertThat(f.store.events.subList(eventsBefore, f.store.events.size()).stream()
                .map(e -> e instanceof TransferEvent t ? t.transferId() : ((TransferBatchPosted) e).transferId()))
                .doesNotHaveDuplicates();
    }

    /**
     * The balances must be what the ledger says happened. A caller who retried must get the outcome
     * of an uninterrupted run; without a retry the operation may also not have happened (the crash
     * came before it was stored), or a posting stored but cut off may lose its hold to the expiry
     * that the hour brings — an outcome an uninterrupted but slow posting can have too.
     */
    private static Balances expected(Operation op, LedgerFixture f, Balances ifPosted, Balances otherwise, boolean callerRetried) {
        Transfer.Status status = f.store.find(Transfer.idFor("m", op.key())).map(Transfer::status).orElse(null);
        if (callerRetried) {
            assertThat(status).isEqualTo(op.status());
        }
        return status == Transfer.Status.POSTED ? ifPosted : otherwise;
    }
}
