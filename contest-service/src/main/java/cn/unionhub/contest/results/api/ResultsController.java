package cn.unionhub.contest.results.api;

import cn.unionhub.contest.award.domain.Award;
import cn.unionhub.contest.contest.domain.Points;
import cn.unionhub.contest.judging.domain.Scorecard;
import cn.unionhub.contest.notice.api.ObjectionView;
import cn.unionhub.contest.notice.domain.Notice;
import cn.unionhub.contest.notice.domain.Verdict;
import cn.unionhub.contest.ranking.domain.Ranking;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.contest.results.ResultsService;
import cn.unionhub.contest.results.domain.EventResults;
import cn.unionhub.platform.domain.Choices;
import cn.unionhub.security.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public notice of an event's results (no sign-in), objections to it, the office's answers and
 * the final results; a competitor's own scores once noticed.
 */
@RestController
class ResultsController {

    private final ResultsService results;

    ResultsController(ResultsService results) {
        this.results = results;
    }

    @PostMapping("/api/v1/contests/events/{eventId}/results/notice")
    NoticeView notice(@PathVariable String eventId, Actor actor) {
        return view(results.notice(eventId, actor), results.roster(eventId));
    }

    @GetMapping("/api/v1/contests/events/{eventId}/results/notice")
    NoticeView published(@PathVariable String eventId) {
        return view(results.published(eventId), results.roster(eventId));
    }

    @PostMapping("/api/v1/contests/events/{eventId}/results/objections")
    ResponseEntity<ObjectionView> object(@PathVariable String eventId, @RequestBody ObjectionView.Form form, Actor actor,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        return ObjectionView.filed(results.object(eventId, form.toDomain(), actor, idempotencyKey),
                "/api/v1/contests/events/" + eventId + "/results/objections");
    }

    record AnswerForm(String verdict, String reason) {
    }

    /** The office reads the objections in full (who, grounds, evidence) before it answers them. */
    @GetMapping("/api/v1/contests/events/{eventId}/results/objections")
    List<ObjectionView.Full> objections(@PathVariable String eventId, Actor actor) {
        return results.objections(eventId, actor).stream().map(ObjectionView.Full::of).toList();
    }

    @GetMapping("/api/v1/contests/events/{eventId}/results/objections/{objectionId}")
    ObjectionView.Full objection(@PathVariable String eventId, @PathVariable String objectionId, Actor actor) {
        return ObjectionView.Full.of(results.objections(eventId, actor).stream().filter(o -> o.id().equals(objectionId)).findFirst()
                .orElseThrow(() -> new cn.unionhub.platform.domain.NotFoundException("objection-not-found", objectionId)));
    }

    @PostMapping("/api/v1/contests/events/{eventId}/results/objections/{objectionId}/answer")
    ObjectionView answer(@PathVariable String eventId, @PathVariable String objectionId, @RequestBody AnswerForm form,
            Actor actor) {
        Verdict verdict = Choices.read(Verdict.class, form.verdict(), "verdict");
        EventResults after = results.answer(eventId, objectionId, verdict, form.reason(), actor);
        return ObjectionView.of(after.notice().objection(objectionId));
    }

    @PostMapping("/api/v1/contests/events/{eventId}/results/final")
    NoticeView finalise(@PathVariable String eventId, Actor actor) {
        return view(results.finalise(eventId, actor), results.roster(eventId));
    }

    @GetMapping("/api/v1/contests/registrations/{id}/scores")
    ScoresView scores(@PathVariable String id, Actor actor) {
        ResultsService.OwnScores own = results.scores(id, actor);
        Scorecard c = own.scorecard();
        return new ScoresView(id, c.theoryHundredths() == null ? null : Points.format(c.theoryHundredths()),
                c.aspects().stream().map(a -> new AspectView(a.aspect(), a.scores().stream().map(Points::format).toList(), a.counted()))
                        .toList(),
                c.timeUsedSeconds(), c.gaps().stream().map(g -> g.shortfall().name()).toList(),
                own.line() == null ? null : own.line().rank(), own.line() == null ? null : Points.totalPoints(own.line().totalUnits()).toPlainString(),
                c.sources());
    }

    record AspectView(String aspect, List<String> scores, boolean counted) {
    }

    record ScoresView(String registrationId, String theory, List<AspectView> aspects, Long timeUsedSeconds, List<String> gaps,
            Integer rank, String total, List<Integer> ledgerLines) {
    }

    /** A ranked competitor as the notice shows them: name, employer, points, awards proposed or granted. */
    record PlaceView(int rank, boolean shared, String registrationId, String name, String enterpriseName, String total,
            String theory, String practical, long timeUsedSeconds, List<String> awards, boolean advances, List<Integer> ledgerLines) {
    }

    record UnrankedView(String registrationId, String name, List<String> gaps) {
    }

    record NoticeView(String eventId, String contestId, String status, String noticeId, int round, Instant opensAt,
            Instant closesAt, boolean provisional, int basedOnLedgerSequence, List<PlaceView> ranked, List<UnrankedView> unranked,
            List<ObjectionView> objections, Instant finalAt) {
    }

    private static NoticeView view(EventResults r, Map<String, Registration> roster) {
        Ranking ranking = r.ranking();
        List<PlaceView> places = ranking.ranked().stream().map(l -> {
            Registration who = roster.get(l.registrationId());
            return new PlaceView(l.rank(), l.isShared(), l.registrationId(), who == null ? null : who.competitor().name(),
                    who == null ? null : who.competitor().enterpriseName(), Points.totalPoints(l.totalUnits()).toPlainString(),
                    Points.partPoints(l.theoryUnits()).toPlainString(), Points.partPoints(l.practicalUnits()).toPlainString(),
                    l.timeUsedSeconds(), r.awards().of(l.registrationId()).stream().map(Award::title).toList(),
                    r.advancing().stream().anyMatch(a -> a.registrationId().equals(l.registrationId())), l.sources());
        }).toList();
        List<UnrankedView> unranked = ranking.unranked().stream().map(u -> new UnrankedView(u.registrationId(),
                roster.containsKey(u.registrationId()) ? roster.get(u.registrationId()).competitor().name() : null,
                u.gaps().stream().map(g -> g.shortfall().name()).toList())).toList();
        Notice n = r.notice();
        return new NoticeView(r.eventId(), r.contestId(), r.status().name(), n.id(), n.round(), n.opensAt(), n.closesAt(),
                n.provisional(), ranking.basedOnSequence(), places, unranked, r.allObjections().stream().map(ObjectionView::of).toList(),
                r.finalAt());
    }
}
