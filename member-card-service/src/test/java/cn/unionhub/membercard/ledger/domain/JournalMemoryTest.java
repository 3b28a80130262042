package cn.unionhub.membercard.ledger.domain;

import static cn.unionhub.membercard.ledger.domain.LedgerFixture.WALLET;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Each instance remembers every account's last line so a fresh claim need not read the head. What
 * it remembers may be behind another instance's lines, or ahead of a store that lost its last
 * writes: neither may write a line twice, leave a gap, or refuse on balances that are not the journal's.
 */
class JournalMemoryTest {

    private final LedgerFixture f = new LedgerFixture();
    private final Journal one = new Journal(f.store, f.clock);
    private final Journal other = new Journal(f.store, f.clock);
    private int legs;

    @Test
    void linesAnotherInstanceWroteSinceAreNeitherOverwrittenNorSkipped() {
        assertThat(one.apply(credit(1_000))).isInstanceOf(Journal.Applied.class);
        assertThat(other.apply(credit(2_000))).isInstanceOf(Journal.Applied.class);
        assertThat(other.apply(credit(3_000))).isInstanceOf(Journal.Applied.class);

        Journal.Outcome late = one.apply(credit(4_000));       // remembers line 1 only

        assertThat(late).isInstanceOf(Journal.Applied.class);
        assertThat(((Journal.Applied) late).entry().sequence()).isEqualTo(4);
        assertThat(f.store.journal(WALLET)).extracting(JournalEntry::sequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(f.store.journal(WALLET).get(3).after().balance()).isEqualTo(10_000);
    }

    @Test
    void aDebitIsNotRefusedOnRememberedBalancesWhenAnotherInstancePaidInSince() {
        assertThat(one.apply(credit(500))).isInstanceOf(Journal.Applied.class);
        assertThat(one.apply(debit(500))).isInstanceOf(Journal.Applied.class);      // remembers a balance of 0
        assertThat(other.apply(credit(1_000))).isInstanceOf(Journal.Applied.class);

        Journal.Outcome spend = one.apply(debit(800));

        assertThat(spend).as("the journal holds 1,000").isInstanceOf(Journal.Applied.class);
        assertThat(f.store.journal(WALLET)).extracting(line -> line.after().balance()).containsExactly(500L, 0L, 1_000L, 200L);
    }

    @Test
    void aDebitTheJournalDoesNotCoverIsStillRefused() {
        assertThat(one.apply(credit(500))).isInstanceOf(Journal.Applied.class);

        assertThat(one.apply(debit(800))).isEqualTo(new Journal.Refused(Leg.INSUFFICIENT_FUNDS));
        assertThat(f.store.journal(WALLET)).hasSize(1);
    }

    @Test
    void afterTheStoreLostItsLastWritesTheForgottenMemoryLeavesNoGap() {
        assertThat(one.apply(credit(1_000))).isInstanceOf(Journal.Applied.class);
        assertThat(one.apply(credit(2_000))).isInstanceOf(Journal.Applied.class);
        f.store.loseNewestLine(WALLET);

        one.forgetHeads();
        one.apply(credit(3_000));

        assertThat(f.store.journal(WALLET)).extracting(JournalEntry::sequence).containsExactly(1L, 2L);
        assertThat(f.store.journal(WALLET).get(1).after().balance()).isEqualTo(4_000);
    }

    @Test
    void aClaimMadeWhileTheDriverReconnectedIsPlacedAfterTheJournalsRealEnd() {
        assertThat(one.apply(credit(1_000))).isInstanceOf(Journal.Applied.class);
        assertThat(one.apply(credit(2_000))).isInstanceOf(Journal.Applied.class);
        f.store.loseNewestLine(WALLET);
        // The claim's insert meets a dead connection, the pool is cleared, the write is retried and succeeds.
        f.store.duringNextClaim(one::forgetHeads);

        one.apply(credit(3_000));

        assertThat(f.store.journal(WALLET)).extracting(JournalEntry::sequence).containsExactly(1L, 2L);
        assertThat(f.store.journal(WALLET).get(1).after().balance()).isEqualTo(4_000);
    }

    /**
     * With heads written later (as the service runs it), a head stays where it was until the next
     * write of the waiting moves, and nobody reads a stale balance meanwhile: this instance looks on
     * from the line it remembers, another from the stored head, line by line.
     */
    @Test
    void headsWrittenLaterMoveTogetherAndNoReaderSeesLess() {
        Journal later = new Journal(f.store, f.clock, true);
        long stored = f.store.account(WALLET).orElseThrow().sequence();
        assertThat(later.apply(credit(1_000))).isInstanceOf(Journal.Applied.class);
        assertThat(later.apply(credit(2_000))).isInstanceOf(Journal.Applied.class);
        assertThat(later.apply(debit(500))).isInstanceOf(Journal.Applied.class);

        assertThat(f.store.account(WALLET).orElseThrow().sequence()).as("not written yet").isEqualTo(stored);
        assertThat(later.catchUp(WALLET).sequence()).isEqualTo(stored + 3);
        assertThat(later.catchUp(WALLET).balances().balance()).isEqualTo(2_500);
        assertThat(other.catchUp(WALLET).balances().balance()).isEqualTo(2_500);
        assertThat(other.apply(debit(2_500))).as("the other instance sees every line").isInstanceOf(Journal.Applied.class);

        later.writeHeads();
        Account head = f.store.account(WALLET).orElseThrow();
        assertThat(head.sequence()).as("moved only forward, to the furthest line").isEqualTo(stored + 4);
        assertThat(head.balances().balance()).isZero();
        later.writeHeads();                                    // nothing waiting: nothing written
        assertThat(f.store.account(WALLET).orElseThrow().sequence()).isEqualTo(stored + 4);
    }

    private Leg credit(long fen) {
        String transfer = "t" + (++legs);
        return new Leg(transfer + ":C", transfer, WALLET, Leg.Side.CREDIT, 0, fen);
    }

    private Leg debit(long fen) {
        String transfer = "t" + (++legs);
        return new Leg(transfer + ":D", transfer, WALLET, Leg.Side.DEBIT, 0, fen);
    }
}
