package cn.unionhub.membercard.ledger.domain;

import cn.unionhub.test.SettableClock;
import java.time.Instant;

/** A ledger on the in-memory store with a clock the test moves, and the accounts the tests use. */
final class LedgerFixture {

    static final String BANK = "settlement:city";
    static final String FUND = "fund:370212";
    static final String WALLET = "wallet:M0000000000A1";
    static final String MERCHANT = "merchant:370212-0001";

    final InMemoryLedgerStore store = new InMemoryLedgerStore();
    final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T02:00:00Z"));
    final Ledger ledger = newInstance();

    LedgerFixture() {
        store.open(Account.open(AccountKind.SETTLEMENT, "city", null, "银行结算", clock.instant()));
        store.open(Account.open(AccountKind.UNION_FUND, "370212", "370212", "崂山区总工会经费", clock.instant()));
        store.open(Account.open(AccountKind.MEMBER_WALLET, "M0000000000A1", "370212", "会员福利账户", clock.instant()));
        store.open(Account.open(AccountKind.MERCHANT_RECEIVABLE, "370212-0001", "370212", "商户应收", clock.instant()));
    }

    /** Another instance of the service on the same database. */
    Ledger newInstance() {
        return new Ledger(new Journal(store, clock), store, store, clock);
    }

    /** Another instance, on this journal (e.g. one that writes its heads later). */
    Ledger newInstance(Journal journal) {
        return new Ledger(journal, store, store, clock);
    }

    /** Pays {@code fen} from the bank into the fund, then {@code walletFen} of it into the wallet. */
    LedgerFixture funded(long fen, long walletFen) {
        ledger.submit("test", "fund-in", TransferRequest.transfer(BANK, FUND, fen, "funding", null), "finance");
        if (walletFen > 0) {
            ledger.submit("test", "grant", TransferRequest.transfer(FUND, WALLET, walletFen, "grant", null), "finance");
        }
        return this;
    }

    Balances balances(String account) {
        return ledger.account(account).balances();
    }
}
