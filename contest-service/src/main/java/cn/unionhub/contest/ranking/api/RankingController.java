package cn.unionhub.contest.ranking.api;

import cn.unionhub.contest.contest.domain.Points;
import cn.unionhub.contest.ranking.RankingService;
import cn.unionhub.contest.ranking.domain.Ranking;
import cn.unionhub.security.Actor;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** An event's ranking as the ledger stands, each place naming the ledger lines it comes from. */
@RestController
class RankingController {

    private final RankingService rankings;

    RankingController(RankingService rankings) {
        this.rankings = rankings;
    }

    record LineView(int rank, int tied, String registrationId, String total, String theory, String practical,
            long timeUsedSeconds, List<Integer> ledgerLines) {
    }

    record UnrankedView(String registrationId, List<String> gaps, List<Integer> ledgerLines) {
    }

    record RankingView(String eventId, int basedOnLedgerSequence, List<LineView> ranked, List<UnrankedView> unranked) {
    }

    @GetMapping("/api/v1/contests/events/{eventId}/ranking")
    RankingView ranking(@PathVariable String eventId, Actor actor) {
        Ranking r = rankings.ranking(eventId, actor);
        return new RankingView(r.eventId(), r.basedOnSequence(),
                r.ranked().stream().map(l -> new LineView(l.rank(), l.tied(), l.registrationId(),
                        Points.totalPoints(l.totalUnits()).toPlainString(), Points.partPoints(l.theoryUnits()).toPlainString(),
                        Points.partPoints(l.practicalUnits()).toPlainString(), l.timeUsedSeconds(), l.sources())).toList(),
                r.unranked().stream().map(u -> new UnrankedView(u.registrationId(),
                        u.gaps().stream().map(g -> g.shortfall().name() + (g.aspect() == null ? "" : ":" + g.aspect())).toList(),
                        u.sources())).toList());
    }
}
