package cn.unionhub.contest.judging.domain;

import static cn.unionhub.contest.fixtures.Contests.LIU_GUOQING;
import static cn.unionhub.contest.fixtures.Contests.ZHANG_LEI;
import static cn.unionhub.contest.fixtures.Contests.registered;
import static cn.unionhub.contest.fixtures.People.CRRC_SHIJIAZHUANG;
import static cn.unionhub.contest.fixtures.People.CSPC;
import static cn.unionhub.contest.fixtures.People.employee;
import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.contest.fixtures.Contests;
import cn.unionhub.contest.fixtures.LedgerBook;
import cn.unionhub.contest.judging.domain.ScoreEntry.Item;
import cn.unionhub.contest.judging.domain.ScoreEntry.Kind;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.platform.domain.HashChain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreLedgerTest {

    private static final Registration LI_ZHIQIANG = registered("reg-002", employee(1, CSPC));
    private static final Registration ZHANG_WEI = registered("reg-003", employee(2, CRRC_SHIJIAZHUANG));

    /** Two welders fully scored, then a correction of 李志强's 射线探伤 after an objection: 21 lines. */
    private static List<ScoreEntry> ledger() {
        LedgerBook book = LedgerBook.countyWelding();
        book.scoreFully(LI_ZHIQIANG, 8550, new long[] {2600, 2650, 2700}, 3850, 1800, new long[] {900, 950, 1000}, 7200);
        book.scoreFully(ZHANG_WEI, 9000, new long[] {2700, 2750, 2800}, 3700, 1900, new long[] {950, 950, 900}, 6900);
        book.correct(LI_ZHIQIANG, LIU_GUOQING, 5, 3750, "异议成立：射线底片复核，存在一处未熔合缺陷");
        return book.entries();
    }

    private static ScoreEntry withValue(ScoreEntry e, long value) {
        return new ScoreEntry(e.sequence(), e.eventId(), e.registrationId(), e.kind(), e.item(), e.aspect(), e.judge(), value,
                e.supersedes(), e.reason(), e.recordedBy(), e.at(), e.previousHash(), e.hash());
    }

    @Test
    void anUntouchedLedgerVerifies() {
        List<ScoreEntry> ledger = ledger();

        assertThat(ledger).hasSize(21);
        assertThat(ledger.get(0).previousHash()).isEqualTo(HashChain.GENESIS);
        assertThat(ScoreLedger.verify(ledger)).isEqualTo(HashChain.Verification.intact(21));
    }

    @Test
    void aCorrectionIsANewLineAndTheScoreItReplacesStaysAsItWas() {
        List<ScoreEntry> ledger = ledger();

        ScoreEntry original = ledger.get(4);
        ScoreEntry correction = ledger.get(20);
        assertThat(original.kind()).isEqualTo(Kind.SCORE);
        assertThat(original.value()).isEqualTo(3850L);
        assertThat(correction.kind()).isEqualTo(Kind.CORRECTION);
        assertThat(correction.supersedes()).isEqualTo(5);
        assertThat(correction.reason()).startsWith("异议成立");
        assertThat(new Scoresheet(Contests.COUNTY_WELDING, "reg-002", ledger.stream()
                .filter(e -> e.registrationId().equals("reg-002")).toList()).supersededBy(5)).contains(correction);
    }

    @Test
    void aScoreChangedInTheStoreIsFoundAtItsLine() {
        List<ScoreEntry> ledger = new ArrayList<>(ledger());
        ledger.set(4, withValue(ledger.get(4), 4000));

        HashChain.Verification result = ScoreLedger.verify(ledger);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(5);
        assertThat(result.problem()).isEqualTo("content does not match its hash");
    }

    @Test
    void aScoreChangedAndResealedBreaksTheLinkToTheNextLine() {
        List<ScoreEntry> ledger = new ArrayList<>(ledger());
        ScoreEntry forged = withValue(ledger.get(4), 4000);
        ledger.set(4, new ScoreEntry(forged.sequence(), forged.eventId(), forged.registrationId(), forged.kind(), forged.item(),
                forged.aspect(), forged.judge(), forged.value(), forged.supersedes(), forged.reason(), forged.recordedBy(), forged.at(),
                forged.previousHash(), ScoreEntry.hashOf(forged)));

        assertThat(ScoreLedger.verify(ledger).firstBrokenSequence()).isEqualTo(6);
    }

    @Test
    void aLineRemovedOrMovedIsFound() {
        List<ScoreEntry> removed = new ArrayList<>(ledger());
        removed.remove(20 - 1);
        assertThat(ScoreLedger.verify(removed).firstBrokenSequence()).isEqualTo(20);

        List<ScoreEntry> swapped = new ArrayList<>(ledger());
        ScoreEntry third = swapped.get(2);
        swapped.set(2, swapped.get(3));
        swapped.set(3, third);
        assertThat(ScoreLedger.verify(swapped).firstBrokenSequence()).isEqualTo(3);
    }

    @Test
    void everyFieldOfALineIsSealed() {
        ScoreEntry line = new ScoreEntry(1, Contests.COUNTY_WELDING, "reg-002", Kind.SCORE, Item.ASPECT, "A2", ZHANG_LEI.id(), 3850L,
                null, null, ZHANG_LEI.id(), Instant.parse("2025-09-20T00:31:00Z"), HashChain.GENESIS, null);

        // Pinned (and reproduced outside Java): ledgers are stored with their hashes, so this encoding may never change.
        assertThat(ScoreEntry.hashOf(line)).isEqualTo("7319ff8e8b2a5d057d43b62192012829892aaaaee466735d33467f169ad9952f");
    }
}
