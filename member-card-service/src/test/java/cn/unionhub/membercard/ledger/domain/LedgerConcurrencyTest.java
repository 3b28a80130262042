package cn.unionhub.membercard.ledger.domain;

import static cn.unionhub.membercard.ledger.domain.LedgerFixture.BANK;
import static cn.unionhub.membercard.ledger.domain.LedgerFixture.FUND;
import static cn.unionhub.membercard.ledger.domain.LedgerFixture.MERCHANT;
import static cn.unionhub.membercard.ledger.domain.LedgerFixture.WALLET;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Races, with threads on two "instances" (two {@link Ledger}s on one store, so the in-process
 * lock does not serialise them) — and random operations interleaved on many threads, checking the
 * invariants after every run. Seeds are fixed so a failure can be replayed.
 */
class LedgerConcurrencyTest {

    @Test
    void sixtyFourRedemptionsEachSentTwiceSucceedExactlyAsOftenAsTheBalanceCovers() throws Exception {
        LedgerFixture f = new LedgerFixture().funded(1_000_000, 30_000);
        Ledger[] instances = {f.ledger, f.newInstance()};
        int requests = 64;
        long amount = 1_000;
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Transfer[]>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String key = "order-" + i;
            TransferRequest r = TransferRequest.transfer(WALLET, MERCHANT, amount, "redemption", "order:0001:" + i);
            answers.add(pool.submit(() -> {
                start.await();
                Transfer first = instances[0].submit("merchant-1", key, r, "merchant-1");
                Transfer again = instances[1].submit("merchant-1", key, r, "merchant-1");
                return new Transfer[] {first, again};
            }));
        }
        start.countDown();
        int posted = 0;
        for (Future<Transfer[]> answer : answers) {
            Transfer[] pair = answer.get(60, TimeUnit.SECONDS);
            assertThat(pair[1]).isEqualTo(pair[0]);
            posted += pair[0].status() == Transfer.Status.POSTED ? 1 : 0;
        }
        pool.shutdown();

        assertThat(posted).isEqualTo(30);
        assertThat(f.balances(WALLET).balance()).isZero();
        assertThat(f.store.journal(WALLET)).allSatisfy(line -> assertThat(line.after().available()).isNotNegative());
        assertThat(f.store.reconcile().clean()).isTrue();
        assertThat(f.store.reconcile().balanced()).isTrue();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
    void randomInterleavingsKeepEveryInvariant(long seed) throws Exception {
        LedgerFixture f = new LedgerFixture().funded(100_000, 0);
        List<String> wallets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Account w = Account.open(AccountKind.MEMBER_WALLET, "M00000000000" + i, "370212", "会员福利账户", f.clock.instant());
            f.store.open(w);
            wallets.add(w.id());
            f.ledger.submit("t", "seed-" + i, TransferRequest.transfer(FUND, w.id(), 5_000, "grant", null), "t");
        }
        List<String> accounts = new ArrayList<>(wallets);
        accounts.add(FUND);
        accounts.add(MERCHANT);
        // The third instance writes its heads later, as the service does, while the others read and write them.
        Journal headsLater = new Journal(f.store, f.clock, true);
        Ledger[] instances = {f.ledger, f.newInstance(), f.newInstance(headsLater)};
        java.util.concurrent.ScheduledExecutorService heads = Executors.newSingleThreadScheduledExecutor();
        heads.scheduleWithFixedDelay(headsLater::writeHeads, 1, 1, TimeUnit.MILLISECONDS);
        Random random = new Random(seed);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Transfer>> work = new ArrayList<>();
        List<String> holds = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 300; i++) {
            Ledger ledger = instances[random.nextInt(instances.length)];
            String debit = accounts.get(random.nextInt(accounts.size()));
            String credit = accounts.get(random.nextInt(accounts.size()));
            long amount = 1 + random.nextInt(3_000);
            int kind = random.nextInt(10);
            // Keys repeat now and then, so replays race with first requests.
            String key = "k" + random.nextInt(250);
            work.add(() -> {
                try {
                    if (kind < 2 && !holds.isEmpty()) {
                        String hold = holds.get(Math.floorMod(key.hashCode(), holds.size()));
                        return ledger.submit("r", key + "-s", kind == 0 ? TransferRequest.post(hold, null, null)
                                : TransferRequest.voiding(hold, null), "r");
                    }
                    if (debit.equals(credit)) {
                        return null;
                    }
                    if (kind < 5) {
                        Transfer h = ledger.submit("r", key + "-h", TransferRequest.hold(debit, credit, amount, "redemption", null,
                                Duration.ofMinutes(1)), "r");
                        holds.add(h.id());
                        return h;
                    }
                    return ledger.submit("r", key, TransferRequest.transfer(debit, credit, amount, "redemption", null), "r");
                } catch (cn.unionhub.platform.domain.DomainException refusedInput) {
                    return null; // a key reused with another body, a posting above its hold: refused, nothing moved
                }
            });
        }
        for (Future<Transfer> done : pool.invokeAll(work)) {
            done.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        heads.shutdown();
        assertThat(heads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        headsLater.writeHeads();
        f.clock.advance(Duration.ofMinutes(2));
        f.store.reminders.keySet().forEach(f.ledger::wake);

        Reconciliation.Report report = f.store.reconcile();
        assertThat(report.violations()).isEmpty();
        assertThat(report.balanced()).isTrue();
        assertThat(f.store.transfers()).allSatisfy(t -> assertThat(t.status()).isNotIn(Transfer.Status.ACCEPTED, Transfer.Status.HELD));
        // The balances are exactly what the finished transfers say moved.
        Map<String, Long> moved = new HashMap<>();
        for (Transfer t : f.store.transfers()) {
            if (t.status() == Transfer.Status.POSTED && t.kind() != Transfer.Kind.HOLD) {
                moved.merge(t.debitAccountId(), -t.amountFen(), Long::sum);
                moved.merge(t.creditAccountId(), t.amountFen(), Long::sum);
            }
        }
        for (String account : accounts) {
            assertThat(f.balances(account).balance()).as(account).isEqualTo(moved.getOrDefault(account, 0L));
            assertThat(f.balances(account).debitsPending()).as(account).isZero();
        }
        assertThat(f.balances(BANK).balance()).isEqualTo(-100_000);
    }
}
