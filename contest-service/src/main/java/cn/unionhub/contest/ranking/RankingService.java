package cn.unionhub.contest.ranking;

import cn.unionhub.contest.contest.domain.ContestEvent;
import cn.unionhub.contest.judging.JudgingService;
import cn.unionhub.contest.judging.domain.ScoreEntry;
import cn.unionhub.contest.judging.domain.ScoreLedger;
import cn.unionhub.contest.judging.store.Ledgers;
import cn.unionhub.contest.ranking.domain.Ranking;
import cn.unionhub.contest.registration.RegistrationService;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.contest.registration.store.Registrations;
import cn.unionhub.security.Actor;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * An event's ranking, computed from its ledger as it stands: two key-range reads (registrations,
 * ledger lines) and one sort, so it is never stale and needs no projection to keep in step.
 */
@Service
public class RankingService {

    private final RegistrationService entries;
    private final Registrations registrations;
    private final Ledgers ledgers;
    private final JudgingService judging;

    RankingService(RegistrationService entries, Registrations registrations, Ledgers ledgers, JudgingService judging) {
        this.entries = entries;
        this.registrations = registrations;
        this.ledgers = ledgers;
        this.judging = judging;
    }

    /** For the office, the event's judges and government systems. */
    public Ranking ranking(String eventId, Actor actor) {
        judging.requireReader(eventId, actor);
        return compute(eventId, registrations.ofEvent(eventId).stream().map(Registrations.Kept::registration).toList());
    }

    /** The ranking from the ledger as it stands, for the given roster. */
    public Ranking compute(String eventId, List<Registration> roster) {
        ContestEvent event = entries.contestOfEvent(eventId).event(eventId);
        List<ScoreEntry> lines = ledgers.lines(eventId);
        int last = lines.isEmpty() ? 0 : lines.get(lines.size() - 1).sequence();
        return Ranking.of(eventId, event.rules(), last, ScoreLedger.scorecards(event, roster, lines));
    }
}
