package cn.unionhub.contest.judging.api;

import cn.unionhub.contest.contest.domain.Points;
import cn.unionhub.contest.judging.JudgingService;
import cn.unionhub.contest.judging.domain.Judge;
import cn.unionhub.contest.judging.domain.JudgePanel;
import cn.unionhub.contest.judging.domain.ScoreEntry;
import cn.unionhub.platform.domain.Choices;
import cn.unionhub.platform.domain.HashChain;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Actor;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Judges and the score ledger. Scores are decimal strings with at most two places ("18.75"); the
 * time used is whole seconds. Every write answers the ledger line it became.
 */
@RestController
class JudgingController {

    static final int MAX_LEDGER_PAGE = 5000;

    private final JudgingService judging;

    JudgingController(JudgingService judging) {
        this.judging = judging;
    }

    record JudgeForm(String account, String name, String enterprise, Boolean chief) {
    }

    @PostMapping("/api/v1/contests/events/{eventId}/judges")
    JudgePanel assign(@PathVariable String eventId, @RequestBody JudgeForm form, Actor actor) {
        return judging.assign(eventId, new Judge(form.account(), form.name(), form.enterprise(), Boolean.TRUE.equals(form.chief())),
                actor);
    }

    @DeleteMapping("/api/v1/contests/events/{eventId}/judges/{account}")
    JudgePanel withdraw(@PathVariable String eventId, @PathVariable String account, Actor actor) {
        return judging.withdraw(eventId, account, actor);
    }

    @GetMapping("/api/v1/contests/events/{eventId}/judges")
    JudgePanel panel(@PathVariable String eventId, Actor actor) {
        return judging.panel(eventId, actor);
    }

    record ScoreForm(String registrationId, String item, String aspect, String value) {
    }

    @PostMapping("/api/v1/contests/events/{eventId}/scores")
    ResponseEntity<LineView> score(@PathVariable String eventId, @RequestBody ScoreForm form, Actor judge) {
        ScoreEntry.Item item = Choices.read(ScoreEntry.Item.class, form.item(), "item");
        ScoreEntry line = judging.score(eventId, form.registrationId(), item, form.aspect(), value(item, form.value()), judge);
        return ResponseEntity.created(URI.create("/api/v1/contests/events/" + eventId + "/ledger")).body(LineView.of(line));
    }

    record CorrectionForm(String value, String reason) {
    }

    @PostMapping("/api/v1/contests/events/{eventId}/scores/{sequence}/corrections")
    LineView correct(@PathVariable String eventId, @PathVariable int sequence, @RequestBody CorrectionForm form, Actor judge) {
        // The value is read as the corrected line's item: seconds for the time used, points otherwise.
        return LineView.of(judging.correct(eventId, sequence, item -> value(item, form.value()), form.reason(), judge));
    }

    record ConfirmationForm(String registrationId, String aspect, String reason) {
    }

    @PostMapping("/api/v1/contests/events/{eventId}/confirmations")
    LineView confirm(@PathVariable String eventId, @RequestBody ConfirmationForm form, Actor chief) {
        return LineView.of(judging.confirm(eventId, form.registrationId(), form.aspect(), form.reason(), chief));
    }

    /**
     * The ledger as stored, a page at a time from line {@code from} (a 10,000-competitor event has
     * 100,000 lines: tens of MB in one answer); a full page carries {@code Link: <…>; rel="next"}.
     */
    @GetMapping("/api/v1/contests/events/{eventId}/ledger")
    ResponseEntity<List<LineView>> ledger(@PathVariable String eventId, @RequestParam(defaultValue = "1") int from,
            @RequestParam(defaultValue = "1000") int limit, Actor actor) {
        int first = Math.max(1, from);
        int size = Math.min(Math.max(1, limit), MAX_LEDGER_PAGE);
        List<LineView> page = judging.ledger(eventId, first, size, actor).stream().map(LineView::of).toList();
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (page.size() == size) {
            ok.header(HttpHeaders.LINK, "</api/v1/contests/events/" + eventId + "/ledger?from=" + (page.get(page.size() - 1).sequence() + 1)
                    + "&limit=" + size + ">; rel=\"next\"");
        }
        return ok.body(page);
    }

    record VerificationView(boolean intact, int lines, Integer firstBrokenSequence, String problem) {
    }

    @GetMapping("/api/v1/contests/events/{eventId}/ledger/verification")
    VerificationView verify(@PathVariable String eventId, Actor actor) {
        HashChain.Verification v = judging.verify(eventId, actor);
        return new VerificationView(v.valid(), v.entries(), v.firstBrokenSequence(), v.problem());
    }

    /** A ledger line as recorded; points as "18.75", the time used in seconds. */
    record LineView(int sequence, String registrationId, String kind, String item, String aspect, String judge, String value,
            Integer supersedes, String reason, String recordedBy, Instant at, String previousHash, String hash) {

        static LineView of(ScoreEntry e) {
            String shown = e.value() == null ? null
                    : e.item() == ScoreEntry.Item.TIME_USED ? e.value().toString() : Points.format(e.value());
            return new LineView(e.sequence(), e.registrationId(), e.kind().name(), e.item().name(), e.aspect(), e.judge(), shown,
                    e.supersedes(), e.reason(), e.recordedBy(), e.at(), e.previousHash(), e.hash());
        }
    }

    private static long value(ScoreEntry.Item item, String text) {
        if (item == ScoreEntry.Item.TIME_USED) {
            if (text == null || !text.strip().matches("\\d{1,6}")) {
                throw new RuleViolationException("invalid-score", List.of(new FieldViolation("value", "invalid-seconds")));
            }
            return Long.parseLong(text.strip());
        }
        Long hundredths = Points.parseHundredths(text);
        if (hundredths == null) {
            throw new RuleViolationException("invalid-score", List.of(new FieldViolation("value", "invalid-points")));
        }
        return hundredths;
    }
}
