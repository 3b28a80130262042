package cn.unionhub.membercard.ledger.domain;

import static cn.unionhub.membercard.ledger.domain.LedgerFixture.BANK;
import static cn.unionhub.membercard.ledger.domain.LedgerFixture.FUND;
import static cn.unionhub.membercard.ledger.domain.LedgerFixture.MERCHANT;
import static cn.unionhub.membercard.ledger.domain.LedgerFixture.WALLET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.events.membercard.TransferHeld;
import cn.unionhub.events.membercard.TransferPosted;
import cn.unionhub.events.membercard.TransferRejected;
import cn.unionhub.events.membercard.TransferVoided;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LedgerTest {

    private final LedgerFixture f = new LedgerFixture().funded(1_000_000, 30_000);
    private final Ledger ledger = f.ledger;

    @Test
    void aTransferMovesTheAmountFromOneAccountToTheOtherAndSaysSo() {
        Transfer t = ledger.submit("merchant-1", "order-1", TransferRequest.transfer(WALLET, MERCHANT, 12_000, "redemption",
                "order:0001:1"), "merchant-1");

        assertThat(t.status()).isEqualTo(Transfer.Status.POSTED);
        assertThat(f.balances(WALLET).balance()).isEqualTo(18_000);
        assertThat(f.balances(MERCHANT).balance()).isEqualTo(12_000);
        assertThat(f.store.journal(WALLET)).extracting(JournalEntry::sequence).containsExactly(1L, 2L);
        assertThat(f.store.events).last().isEqualTo(new TransferPosted(t.id(), "TRANSFER", "redemption", "order:0001:1", WALLET,
                MERCHANT, 12_000, null, t.finishedAt()));
        assertThat(f.store.reconcile().clean()).isTrue();
    }

    @Test
    void aDebitTheBalanceDoesNotCoverIsRejectedAndMovesNothing() {
        Transfer t = ledger.submit("m", "k", TransferRequest.transfer(WALLET, MERCHANT, 30_001, "redemption", null), "m");

        assertThat(t.status()).isEqualTo(Transfer.Status.REJECTED);
        assertThat(t.reason()).isEqualTo(Leg.INSUFFICIENT_FUNDS);
        assertThat(f.balances(WALLET).balance()).isEqualTo(30_000);
        assertThat(f.balances(MERCHANT)).isEqualTo(Balances.ZERO);
        assertThat(f.store.journal(MERCHANT)).isEmpty();
        assertThat(f.store.events).last().isInstanceOf(TransferRejected.class);
    }

    @Test
    void theSettlementAccountMayGoBelowZeroAndNoOtherMay() {
        assertThat(f.balances(BANK).balance()).isEqualTo(-1_000_000);
        Transfer t = ledger.submit("t", "overdraw-fund", TransferRequest.transfer(FUND, BANK, 1_000_001, "refund", null), "t");
        assertThat(t.reason()).isEqualTo(Leg.INSUFFICIENT_FUNDS);
    }

    @Test
    void theSameKeyAndBodyAnswersWithTheFirstOutcomeEvenWhenTheBalanceChangedSince() {
        TransferRequest tooMuch = TransferRequest.transfer(WALLET, MERCHANT, 40_000, "redemption", null);
        Transfer first = ledger.submit("m", "k", tooMuch, "m");
        ledger.submit("t", "top-up", TransferRequest.transfer(FUND, WALLET, 50_000, "grant", null), "t");

        Transfer again = ledger.submit("m", "k", tooMuch, "m");

        assertThat(again).isEqualTo(first);
        assertThat(again.status()).isEqualTo(Transfer.Status.REJECTED);
        assertThat(f.balances(WALLET).balance()).isEqualTo(80_000);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        ledger.submit("m", "k", TransferRequest.transfer(WALLET, MERCHANT, 100, "redemption", null), "m");

        assertThatThrownBy(() -> ledger.submit("m", "k", TransferRequest.transfer(WALLET, MERCHANT, 101, "redemption", null), "m"))
                .isInstanceOf(LedgerException.Refused.class).hasMessageContaining("ledger-key-reused");
        assertThat(f.balances(MERCHANT).balance()).isEqualTo(100);
    }

    @Test
    void keysOfDifferentCallersNeverMeet() {
        TransferRequest r = TransferRequest.transfer(WALLET, MERCHANT, 100, "redemption", null);
        Transfer a = ledger.submit("merchant-a", "1", r, "a");
        Transfer b = ledger.submit("merchant-b", "1", r, "b");
        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(f.balances(MERCHANT).balance()).isEqualTo(200);
    }

    @Test
    void aHoldReservesTheMoneyAndAPartialPostingReleasesTheRest() {
        Transfer hold = ledger.submit("m", "h", TransferRequest.hold(WALLET, MERCHANT, 10_000, "redemption", null,
                Duration.ofMinutes(5)), "m");
        assertThat(hold.status()).isEqualTo(Transfer.Status.HELD);
        assertThat(f.balances(WALLET).available()).isEqualTo(20_000);
        assertThat(f.balances(WALLET).balance()).isEqualTo(30_000);
        assertThatSpendingIsLimitedTo(20_000);

        Transfer post = ledger.submit("m", "p", TransferRequest.post(hold.id(), 8_000L, null), "m");

        assertThat(post.status()).isEqualTo(Transfer.Status.POSTED);
        assertThat(f.balances(WALLET)).isEqualTo(new Balances(0, 8_000, 0, 30_000));
        assertThat(f.balances(MERCHANT)).isEqualTo(new Balances(0, 0, 0, 8_000));
        assertThat(f.store.find(hold.id()).orElseThrow().status()).isEqualTo(Transfer.Status.POSTED);
        assertThat(f.store.events).hasAtLeastOneElementOfType(TransferHeld.class);
        assertThat(f.store.reconcile().clean()).isTrue();
    }

    private void assertThatSpendingIsLimitedTo(long available) {
        Transfer over = ledger.submit("m", "over", TransferRequest.transfer(WALLET, MERCHANT, available + 1, "redemption", null), "m");
        assertThat(over.reason()).isEqualTo(Leg.INSUFFICIENT_FUNDS);
    }

    @Test
    void aHoldIsSettledOnceWhateverRacesForIt() {
        Transfer hold = ledger.submit("m", "h", TransferRequest.hold(WALLET, MERCHANT, 10_000, "redemption", null,
                Duration.ofMinutes(5)), "m");
        Transfer post = ledger.submit("m", "p1", TransferRequest.post(hold.id(), null, null), "m");
        Transfer second = ledger.submit("m", "p2", TransferRequest.post(hold.id(), null, null), "m");
        Transfer voiding = ledger.submit("m", "v", TransferRequest.voiding(hold.id(), null), "m");

        assertThat(post.status()).isEqualTo(Transfer.Status.POSTED);
        assertThat(second.reason()).isEqualTo(Transfer.HOLD_ALREADY_SETTLED);
        assertThat(voiding.reason()).isEqualTo(Transfer.HOLD_ALREADY_SETTLED);
        assertThat(f.balances(MERCHANT).balance()).isEqualTo(10_000);
    }

    @Test
    void aPostingAboveTheHoldIsBadInputAndChangesNothing() {
        Transfer hold = ledger.submit("m", "h", TransferRequest.hold(WALLET, MERCHANT, 10_000, "redemption", null,
                Duration.ofMinutes(5)), "m");
        assertThatThrownBy(() -> ledger.submit("m", "p", TransferRequest.post(hold.id(), 10_001L, null), "m"))
                .isInstanceOf(LedgerException.Invalid.class);
        assertThat(f.store.find(Transfer.idFor("m", "p"))).isEmpty();
        assertThat(f.store.find(hold.id()).orElseThrow().settledBy()).isNull();
    }

    @Test
    void aVoidReleasesTheHoldAndMovesNothing() {
        Transfer hold = ledger.submit("m", "h", TransferRequest.hold(WALLET, MERCHANT, 10_000, "redemption", null,
                Duration.ofMinutes(5)), "m");
        Transfer voided = ledger.submit("m", "v", TransferRequest.voiding(hold.id(), null), "m");

        assertThat(voided.status()).isEqualTo(Transfer.Status.VOIDED);
        assertThat(f.balances(WALLET)).isEqualTo(new Balances(0, 0, 0, 30_000));
        assertThat(f.balances(MERCHANT)).isEqualTo(Balances.ZERO);
        assertThat(f.store.find(hold.id()).orElseThrow().status()).isEqualTo(Transfer.Status.VOIDED);
    }

    @Test
    void anExpiredHoldIsReleasedByItsReminderAndCanNoLongerBePosted() {
        Transfer hold = ledger.submit("m", "h", TransferRequest.hold(WALLET, MERCHANT, 10_000, "redemption", null,
                Duration.ofMinutes(5)), "m");
        assertThat(f.store.reminders.get(hold.id())).as("one reminder, to finish it after a crash")
                .containsExactly(f.clock.instant().plus(Ledger.RECOVERY_DELAY));
        f.clock.advance(Duration.ofMinutes(5));

        Transfer posting = ledger.submit("m", "late", TransferRequest.post(hold.id(), null, null), "m");

        assertThat(posting.reason()).isEqualTo(Transfer.HOLD_EXPIRED);
        assertThat(f.store.find(hold.id()).orElseThrow().status()).isEqualTo(Transfer.Status.EXPIRED);
        assertThat(f.balances(WALLET)).isEqualTo(new Balances(0, 0, 0, 30_000));
        assertThat(f.store.events).filteredOn(TransferVoided.class::isInstance).singleElement()
                .extracting(e -> ((TransferVoided) e).reason()).isEqualTo(Transfer.HOLD_EXPIRED);
        assertThat(ledger.wake(hold.id()).status()).isEqualTo(Transfer.Status.EXPIRED);
        assertThat(f.store.reconcile().clean()).isTrue();
    }

    @Test
    void theReminderOfAnExpiredHoldReleasesIt() {
        Transfer hold = ledger.submit("m", "h", TransferRequest.hold(WALLET, MERCHANT, 10_000, "redemption", null,
                Duration.ofSeconds(30)), "m");
        assertThat(ledger.wake(hold.id()).status()).isEqualTo(Transfer.Status.HELD);
        assertThat(f.store.reminders.get(hold.id())).as("the reminder of a hold still held sets the one for its expiry")
                .contains(hold.expiresAt());
        f.clock.advance(Duration.ofSeconds(30));

        assertThat(ledger.wake(hold.id()).status()).isEqualTo(Transfer.Status.EXPIRED);
        assertThat(f.balances(WALLET).available()).isEqualTo(30_000);
    }

    @Test
    void aTransferToAClosedAccountIsRefusedBeforeAnythingIsStored() {
        f.store.open(Account.open(AccountKind.SUSPENSE, "old", null, "旧挂账", f.clock.instant()).close());
        assertThatThrownBy(() -> ledger.submit("t", "x", TransferRequest.transfer(FUND, "suspense:old", 1, "grant", null), "t"))
                .isInstanceOf(LedgerException.Refused.class).hasMessageContaining("ledger-account-closed");
        assertThat(f.store.find(Transfer.idFor("t", "x"))).isEmpty();
    }

    @Test
    void aBatchPaysEveryCreditOrNothing() {
        java.util.List<Transfer.Credit> members = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Account w = Account.open(AccountKind.MEMBER_WALLET, "M00000000B" + String.format("%03d", i), "370212", "会员福利账户",
                    f.clock.instant());
            f.store.open(w);
            members.add(new Transfer.Credit(w.id(), 30_000));
        }
        Ledger parallel = new Ledger(new Journal(f.store, f.clock), f.store, f.store, f.clock,
                java.util.concurrent.ForkJoinPool.commonPool());

        Transfer tooMuch = parallel.submit("t", "b1", TransferRequest.batch(FUND, members.subList(0, 34), "coupon-grant", null), "t");
        assertThat(tooMuch.reason()).isEqualTo(Leg.INSUFFICIENT_FUNDS);
        assertThat(f.balances(members.get(0).accountId())).isEqualTo(Balances.ZERO);

        Transfer paid = parallel.submit("t", "b2", TransferRequest.batch(FUND, members.subList(0, 32), "coupon-grant", null), "t");
        assertThat(paid.status()).isEqualTo(Transfer.Status.POSTED);
        assertThat(paid.amountFen()).isEqualTo(960_000);
        assertThat(members.subList(0, 32)).allSatisfy(c -> assertThat(f.balances(c.accountId()).balance()).isEqualTo(30_000));
        assertThat(f.balances(members.get(32).accountId())).isEqualTo(Balances.ZERO);
        assertThat(f.balances(FUND).balance()).isEqualTo(1_000_000 - 30_000 - 960_000);
        assertThat(f.store.events).last().isInstanceOf(cn.unionhub.events.membercard.TransferBatchPosted.class);
        assertThat(f.store.reconcile().clean()).isTrue();
        assertThat(f.store.reconcile().balanced()).isTrue();
    }

    @Test
    void badRequestsAreRefusedByWhatTheySay() {
        assertThatThrownBy(() -> TransferRequest.transfer(FUND, WALLET, 0, "grant", null)).isInstanceOf(LedgerException.Invalid.class);
        assertThatThrownBy(() -> TransferRequest.transfer(FUND, FUND, 1, "grant", null)).isInstanceOf(LedgerException.Invalid.class);
        assertThatThrownBy(() -> TransferRequest.transfer(FUND, WALLET, 1, "Grant!", null)).isInstanceOf(LedgerException.Invalid.class);
        assertThatThrownBy(() -> TransferRequest.hold(FUND, WALLET, 1, "grant", null, Duration.ofDays(8)))
                .isInstanceOf(LedgerException.Invalid.class);
        assertThatThrownBy(() -> ledger.submit("t", "y", TransferRequest.transfer(FUND, "wallet:nobody", 1, "grant", null), "t"))
                .isInstanceOf(LedgerException.NotFound.class);
        assertThatThrownBy(() -> TransferRequest.batch(FUND, java.util.List.of(new Transfer.Credit(WALLET, 1),
                new Transfer.Credit(WALLET, 2)), "grant", null)).as("an account twice").isInstanceOf(LedgerException.Invalid.class);
        assertThatThrownBy(() -> TransferRequest.batch(FUND, java.util.List.of(new Transfer.Credit(FUND, 1)), "grant", null))
                .as("paying itself").isInstanceOf(LedgerException.Invalid.class);
    }
}
