package cn.unionhub.contest.judging.store;

import cn.unionhub.contest.common.store.RecentlyRead;
import cn.unionhub.contest.judging.domain.LedgerHead;
import cn.unionhub.contest.judging.domain.ScoreEntry;
import cn.unionhub.platform.domain.HashChain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The parsed lines of recently read ledgers, so that a ranking request reads from the store only
 * the lines written since the last one (reading and parsing a 100,000-line ledger takes about ten
 * seconds on the local store; a ranking must take one).
 *
 * <p>Why this is exact and not a guess: lines are never updated and each place is taken once, so a
 * prefix read once stays true; on every use the kept prefix is checked against the head just read —
 * the first new line must link to the kept last hash, and the result must end at the head's sequence
 * and hash. A ledger rewritten in the store under the service (a restore, a test dropping its data)
 * breaks a link and is read again from the start; a ledger whose lines do not end at its head (a
 * line missing) is answered as read and not kept. The tamper check of a ledger
 * ({@code verification}) never uses this: it reads the store.
 */
final class KnownLines {

    /** Reads lines {@code from} to {@code to} (both included) of an event's ledger, in sequence order. */
    interface Store {
        List<ScoreEntry> read(String eventId, int from, int to);
    }

    private final RecentlyRead<List<ScoreEntry>> ledgers;

    KnownLines(long maxLines) {
        this.ledgers = new RecentlyRead<>(maxLines, List::size);
    }

    /** Lines 1 to the head's sequence. */
    List<ScoreEntry> upTo(LedgerHead head, Store store) {
        String eventId = head.eventId();
        List<ScoreEntry> known = ledgers.get(eventId).orElse(List.of());
        List<ScoreEntry> lines = extend(known, head, store);
        if (lines == null) {
            lines = store.read(eventId, 1, head.sequence());
            if (!endsAt(lines, head)) {
                ledgers.forget(eventId);
                return lines;
            }
        }
        if (lines != known) {
            ledgers.put(eventId, lines);
        }
        return lines;
    }

    long kept() {
        return ledgers.weight();
    }

    /** The known prefix followed by the lines after it, or null when the prefix is not the start of this head's chain. */
    private static List<ScoreEntry> extend(List<ScoreEntry> known, LedgerHead head, Store store) {
        int have = known.size();
        if (have > head.sequence()) {
            return null;
        }
        if (have == head.sequence()) {
            return endsAt(known, head) ? known : null;
        }
        List<ScoreEntry> more = store.read(head.eventId(), have + 1, head.sequence());
        String link = have == 0 ? HashChain.GENESIS : known.get(have - 1).hash();
        if (more.isEmpty() || !link.equals(more.get(0).previousHash())) {
            return null;
        }
        List<ScoreEntry> all = new ArrayList<>(head.sequence());
        all.addAll(known);
        all.addAll(more);
        return endsAt(all, head) ? Collections.unmodifiableList(all) : null;
    }

    /** Lines numbered 1 to the head's sequence, the last one sealed with the head's hash. */
    private static boolean endsAt(List<ScoreEntry> lines, LedgerHead head) {
        if (lines.size() != head.sequence()) {
            return false;
        }
        if (lines.isEmpty()) {
            return HashChain.GENESIS.equals(head.hash());
        }
        ScoreEntry last = lines.get(lines.size() - 1);
        return last.sequence() == head.sequence() && last.hash().equals(head.hash());
    }
}
