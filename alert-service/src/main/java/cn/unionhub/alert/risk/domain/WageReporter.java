package cn.unionhub.alert.risk.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the wage-reporter ledger knows about one worker of one enterprise: when they last raised a
 * wage issue, and the last few times that moved, each with the signal that moved it.
 *
 * <p>It is kept outside the risk profile, one small entry per worker found by key, so that telling
 * workers apart costs one lookup per report instead of a list of every report in the profile. The
 * profile only counts workers per time bucket of their latest report ({@link DistinctReporters});
 * each report hands it the {@link Move} to apply.
 *
 * <p>The moves are remembered so that a signal asking again gets the same answer: the ledger is
 * written before the profile, and when the profile write is lost (a concurrent change, a crash
 * before the redelivery) the retry must apply the move its first attempt already made in the
 * ledger — even if another report of the same worker moved the ledger on in between.
 *
 * @param latest the worker's latest wage-issue report
 * @param moves  the most recent moves of {@code latest}, oldest first, at most {@value #MOVES_KEPT}
 */
public record WageReporter(Instant latest, List<Move> moves) {

    /** Enough for a signal's retry or redelivery to find its own move among a few later ones. */
    public static final int MOVES_KEPT = 8;

    public WageReporter {
        Objects.requireNonNull(latest, "latest");
        moves = List.copyOf(moves);
    }

    /**
     * The worker's latest report went from {@code previous} (null: their first report) to
     * {@code latest}, by the signal {@code signalId}.
     */
    public record Move(String signalId, Instant previous, Instant latest) {
    }

    /**
     * What a report does.
     *
     * @param next the ledger entry to write, or null when it stays as it is
     * @param move the move the profile applies, or null when the worker's latest report stays
     */
    public record Outcome(WageReporter next, Move move) {
    }

    /**
     * A wage-issue report by signal {@code signalId} at {@code at}, given the worker's entry
     * ({@code null} for a worker not seen before). Asked again for the same signal, it answers the
     * move that signal made, so that a retry applies it and nothing else. A report that is not
     * newer than the latest one moves nothing: the worker already counts, at a later time.
     */
    public static Outcome report(WageReporter current, String signalId, Instant at) {
        if (current == null) {
            Move first = new Move(signalId, null, at);
            return new Outcome(new WageReporter(at, List.of(first)), first);
        }
        Move own = current.moveBy(signalId);
        if (own != null) {
            return new Outcome(null, own);
        }
        if (!at.isAfter(current.latest)) {
            return new Outcome(null, null);
        }
        Move move = new Move(signalId, current.latest, at);
        List<Move> moves = new ArrayList<>(current.moves);
        moves.add(move);
        while (moves.size() > MOVES_KEPT) {
            moves.remove(0);
        }
        return new Outcome(new WageReporter(at, moves), move);
    }

    /** The move this signal made, if the ledger still remembers one (signals without an id make none it can recognise). */
    public Move moveBy(String signalId) {
        if (signalId == null) {
            return null;
        }
        for (Move move : moves) {
            if (signalId.equals(move.signalId())) {
                return move;
            }
        }
        return null;
    }
}
