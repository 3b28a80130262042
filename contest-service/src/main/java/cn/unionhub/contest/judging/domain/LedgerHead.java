package cn.unionhub.contest.judging.domain;

import cn.unionhub.platform.domain.HashChain;
import java.time.Instant;

/**
 * The end of an event's score ledger: what the next line is numbered and links to. A ledger can run
 * to a hundred thousand lines, so a new line is sealed from the head alone, never from the whole
 * chain. The store keeps the head as one small document updated under optimistic locking and inserts
 * lines under a unique (event, sequence) key, so two judges scoring at once cannot both take the same
 * place; lines are never updated. Once the results are final the head is closed and the ledger takes
 * nothing more.
 */
public record LedgerHead(String eventId, int sequence, String hash, Instant closedAt) {

    public static LedgerHead start(String eventId) {
        return new LedgerHead(eventId, 0, HashChain.GENESIS, null);
    }

    public LedgerHead after(ScoreEntry entry) {
        return new LedgerHead(eventId, entry.sequence(), entry.hash(), closedAt);
    }

    public LedgerHead close(Instant at) {
        return closedAt != null ? this : new LedgerHead(eventId, sequence, hash, at);
    }

    public boolean isClosed() {
        return closedAt != null;
    }
}
