package cn.unionhub.contest.judging.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.contest.fixtures.Contests;
import cn.unionhub.contest.fixtures.LedgerBook;
import cn.unionhub.contest.fixtures.People;
import cn.unionhub.contest.judging.domain.LedgerHead;
import cn.unionhub.contest.judging.domain.ScoreEntry;
import cn.unionhub.contest.registration.domain.Registration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kept lines of a ledger: read once, then only what is new, and never trusted past the head's hash. */
class KnownLinesTest {

    /** A store over a book's lines that counts what it is asked for. */
    private static final class CountingStore implements KnownLines.Store {
        List<ScoreEntry> lines;
        final List<int[]> asked = new ArrayList<>();

        CountingStore(List<ScoreEntry> lines) {
            this.lines = lines;
        }

        @Override
        public List<ScoreEntry> read(String eventId, int from, int to) {
            asked.add(new int[] {from, to});
            return lines.stream().filter(l -> l.sequence() >= from && l.sequence() <= to).toList();
        }
    }

    private static LedgerBook scored(int competitors, int offset) {
        LedgerBook book = LedgerBook.countyWelding();
        for (int i = 0; i < competitors; i++) {
            scoreFully(book, i + offset, 6000 + i);
        }
        return book;
    }

    private static void scoreFully(LedgerBook book, int n, long theory) {
        Registration r = Contests.registered(Contests.COUNTY_WELDING + "-R" + n, People.employee(n, People.ENTERPRISES.get(0)));
        book.scoreFully(r, theory, new long[] {2000, 2000, 2000}, 3000, 1500, new long[] {800, 800, 800}, 6000);
    }

    @Test
    void aKeptLedgerIsExtendedByTheLinesWrittenSinceAndNothingElseIsRead() {
        LedgerBook book = scored(3, 0);
        CountingStore store = new CountingStore(book.entries());
        KnownLines known = new KnownLines(1000);

        assertThat(known.upTo(book.head(), store)).isEqualTo(book.entries());
        assertThat(known.upTo(book.head(), store)).isEqualTo(book.entries());
        assertThat(store.asked).as("the second read asks the store for nothing").hasSize(1);

        int before = book.head().sequence();
        scoreFully(book, 7, 6100);
        store.lines = book.entries();
        assertThat(known.upTo(book.head(), store)).isEqualTo(book.entries());
        assertThat(store.asked.get(1)).containsExactly(before + 1, book.head().sequence());
    }

    @Test
    void aLedgerRewrittenUnderTheServiceIsReadAgainFromItsStart() {
        LedgerBook first = scored(2, 0);
        KnownLines known = new KnownLines(1000);
        known.upTo(first.head(), new CountingStore(first.entries()));

        // The store restored from another ledger of the same event, longer, with other lines: the first new line does not link.
        LedgerBook other = scored(3, 10);
        CountingStore store = new CountingStore(other.entries());
        assertThat(known.upTo(other.head(), store)).isEqualTo(other.entries());
        assertThat(store.asked).hasSize(2);
        assertThat(store.asked.get(1)).as("read again from line 1").containsExactly(1, other.head().sequence());

        // The same length, other lines: the head's hash tells them apart.
        LedgerBook same = scored(3, 20);
        assertThat(same.head().sequence()).isEqualTo(other.head().sequence());
        assertThat(known.upTo(same.head(), new CountingStore(same.entries()))).isEqualTo(same.entries());
    }

    @Test
    void aLedgerWithALineMissingIsAnsweredAsReadAndNotKept() {
        LedgerBook book = scored(2, 0);
        List<ScoreEntry> holed = new ArrayList<>(book.entries());
        holed.remove(3);
        CountingStore store = new CountingStore(holed);
        KnownLines known = new KnownLines(1000);

        assertThat(known.upTo(book.head(), store)).isEqualTo(holed);
        assertThat(known.kept()).isZero();
        known.upTo(book.head(), store);
        assertThat(store.asked).as("read from the store every time").hasSize(4);
    }

    @Test
    void theLinesKeptStayWithinTheirAllowanceTheLeastRecentlyReadLedgerGoingFirst() {
        LedgerBook a = scored(2, 0);
        int size = a.entries().size();
        KnownLines known = new KnownLines(size + size / 2);
        known.upTo(a.head(), new CountingStore(a.entries()));
        LedgerBook b = scored(2, 5);
        LedgerHead bHead = new LedgerHead("another-event", b.head().sequence(), b.head().hash(), null);
        known.upTo(bHead, new CountingStore(b.entries()));
        assertThat(known.kept()).isEqualTo(size);

        CountingStore again = new CountingStore(a.entries());
        known.upTo(a.head(), again);
        assertThat(again.asked).as("the first ledger went when the second came").hasSize(1);
    }
}
