package cn.unionhub.contest.judging.domain;

import cn.unionhub.contest.contest.domain.ContestEvent;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.platform.domain.HashChain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An event's score ledger as a whole: its chain checked end to end, and every competitor's scorecard
 * read from it. Lines are read in ledger order.
 */
public final class ScoreLedger {

    private ScoreLedger() {
    }

    /** Whether the ledger is intact; if not, the first line that was edited, removed or moved. */
    public static HashChain.Verification verify(List<ScoreEntry> ledger) {
        return HashChain.verify(ledger, ScoreEntry::hashOf);
    }

    /** Each approved competitor's lines, empty for those not scored yet. */
    public static Map<String, Scoresheet> sheets(String eventId, List<Registration> roster, List<ScoreEntry> ledger) {
        Map<String, List<ScoreEntry>> byCompetitor = new HashMap<>();
        for (ScoreEntry e : ledger) {
            byCompetitor.computeIfAbsent(e.registrationId(), k -> new ArrayList<>()).add(e);
        }
        Map<String, Scoresheet> sheets = new HashMap<>();
        for (Registration r : roster) {
            if (r.isApproved() && r.eventId().equals(eventId)) {
                sheets.put(r.id(), new Scoresheet(eventId, r.id(), byCompetitor.getOrDefault(r.id(), List.of())));
            }
        }
        return sheets;
    }

    /** The scorecard of every approved competitor of the event: what a ranking is computed from. */
    public static List<Scorecard> scorecards(ContestEvent event, List<Registration> roster, List<ScoreEntry> ledger) {
        return sheets(event.id(), roster, ledger).values().stream().map(s -> Scorecard.of(event.rules(), s)).toList();
    }
}
