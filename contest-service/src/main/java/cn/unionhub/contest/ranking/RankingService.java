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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * An event's ranking, computed from its ledger as it stands and one sort, so it is never stale and
 * needs no projection to keep in step. The ledger's lines and the event's roster read before are kept
 * in memory and checked against the store on every request (the head's hash, the roster's stamp), so
 * a request reads only what changed since the last one.
 */
@Service
public class RankingService {

    private static final Logger log = LoggerFactory.getLogger(RankingService.class);

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
        return compute(eventId, registrations.approved(eventId));
    }

    /**
     * After a start, reads the ledgers and rosters of the events still being judged once in the
     * background, so that the first ranking an office asks for is not the one that reads a
     * 100,000-line ledger from the store (about ten seconds on the local store, longer than the
     * gateway waits). Never fails the start: a ledger it cannot read is read by the first request.
     */
    @EventListener(ApplicationReadyEvent.class)
    void readOpenLedgersAhead() {
        Thread readAhead = new Thread(() -> {
            for (String eventId : ledgers.open()) {
                try {
                    ledgers.lines(eventId);
                    registrations.approved(eventId);
                } catch (RuntimeException e) {
                    log.warn("ranking read-ahead of {} failed: {}", eventId, e.toString());
                }
            }
        }, "ranking-read-ahead");
        readAhead.setDaemon(true);
        readAhead.setPriority(Thread.MIN_PRIORITY);
        readAhead.start();
    }

    /** The ranking from the ledger as it stands, for the given roster. */
    public Ranking compute(String eventId, List<Registration> roster) {
        ContestEvent event = entries.contestOfEvent(eventId).event(eventId);
        List<ScoreEntry> lines = ledgers.lines(eventId);
        int last = lines.isEmpty() ? 0 : lines.get(lines.size() - 1).sequence();
        return Ranking.of(eventId, event.rules(), last, ScoreLedger.scorecards(event, roster, lines));
    }
}
