package cn.unionhub.contest.judging.domain;

import cn.unionhub.platform.domain.HashChain;
import java.time.Instant;

/**
 * One line of an event's score ledger, never changed once written. A score is replaced only by a
 * correction that names it ({@code supersedes}) and says why; a chief judge's confirmation of
 * scores far apart, a disqualification and a reinstatement are lines too. Every line is sealed into
 * the event's hash chain, so the ledger shows whether anything was edited, removed or reordered.
 *
 * @param sequence       1, 2, … per event, without gaps
 * @param item           what is scored; {@code aspect} names the aspect for {@link Item#ASPECT}
 * @param judge          whose score this is: the judge for a judgement aspect (one line of three),
 *                       otherwise whoever recorded it; the chief judge for a confirmation or disqualification
 * @param value          hundredths of a point, or seconds for {@link Item#TIME_USED}; null when the line carries none
 * @param supersedes     the sequence of the line a correction or reinstatement replaces
 * @param reason         why: required for everything but a first score
 * @param recordedBy     who wrote the line (a chief judge may correct another judge's score)
 * @param previousHash   the hash of the line before ({@link HashChain#GENESIS} for the first)
 * @param hash           SHA-256 over this line's content and {@code previousHash}
 */
public record ScoreEntry(int sequence, String eventId, String registrationId, Kind kind, Item item, String aspect, String judge,
        Long value, Integer supersedes, String reason, String recordedBy, Instant at, String previousHash, String hash)
        implements HashChain.Link {

    public enum Kind {
        SCORE, CORRECTION, CONFIRMATION, DISQUALIFICATION, REINSTATEMENT
    }

    public enum Item {
        THEORY, ASPECT, TIME_USED, STANDING
    }

    /** The hash this line's content gives. */
    public static String hashOf(ScoreEntry e) {
        return HashChain.fields()
                .add(e.sequence)
                .add(e.eventId)
                .add(e.registrationId)
                .add(e.kind.name())
                .add(e.item.name())
                .add(e.aspect)
                .add(e.judge)
                .add(e.value == null ? null : e.value.toString())
                .add(e.supersedes == null ? null : e.supersedes.toString())
                .add(e.reason)
                .add(e.recordedBy)
                .add(e.at.toString())
                .add(e.previousHash)
                .sha256();
    }

    /** This line with its place in the chain after {@code head}, sealed. */
    ScoreEntry sealedAfter(LedgerHead head) {
        ScoreEntry placed = new ScoreEntry(head.sequence() + 1, eventId, registrationId, kind, item, aspect, judge, value,
                supersedes, reason, recordedBy, at, head.hash(), null);
        return new ScoreEntry(placed.sequence, eventId, registrationId, kind, item, aspect, judge, value, supersedes, reason,
                recordedBy, at, placed.previousHash, hashOf(placed));
    }

    boolean isValue() {
        return kind == Kind.SCORE || kind == Kind.CORRECTION;
    }
}
