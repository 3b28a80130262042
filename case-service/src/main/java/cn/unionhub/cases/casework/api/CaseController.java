package cn.unionhub.cases.casework.api;

import cn.unionhub.cases.casework.CaseService;
import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.casework.domain.CaseHistory;
import cn.unionhub.cases.casework.domain.HistoryEntry;
import cn.unionhub.cases.casework.queue.QueueStreams;
import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Actor;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Cases as handlers and union staff work them (their enterprise or district only): the queue, one
 * case, its hash-chained history, and each step of the life cycle as its own POST — a step the case
 * is not ready for answers 409.
 */
@RestController
@RequestMapping("/api/v1/cases")
class CaseController {

    private static final int MAX_PAGE_SIZE = 100;
    private static final int MAX_ATTACHMENTS = 20;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> RECORD_KINDS = Set.of("NOTE", "CALL", "VISIT", "MEETING");

    record TextRequest(String text) {
    }

    record ResponseRequest(String text, List<HistoryEntry.Attachment> attachments) {
    }

    record ResolutionRequest(Case.Outcome outcome, String summary, Long recoveredAmountFen, Integer workersHelped) {
    }

    record ClosureRequest(Case.Satisfaction satisfaction, String text) {
    }

    record RecordRequest(String kind, String text, List<HistoryEntry.Attachment> attachments) {
    }

    record ClueRequest(Case.ClueFinding finding, String text) {
    }

    /** @param district another district to transfer to (its district bodies only); the case's own when absent */
    record TransferRequest(HandlingOrganisationType organisationType, String district, String reason) {
    }

    private final CaseService cases;
    private final QueueStreams queueStreams;
    private final cn.unionhub.cases.casework.store.StepKeys steps;

    CaseController(CaseService cases, QueueStreams queueStreams, cn.unionhub.cases.casework.store.StepKeys steps) {
        this.cases = cases;
        this.queueStreams = queueStreams;
        this.steps = steps;
    }

    @GetMapping
    List<CaseView> queue(Actor actor, @RequestParam(required = false) List<Case.Status> status,
            @RequestParam(required = false) Case.Source source, @RequestParam(defaultValue = "false") boolean assignedToMe,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return cases.queue(actor, assignedToMe, status, source, Math.max(0, page), Math.min(Math.max(1, size), MAX_PAGE_SIZE)).stream()
                .map(c -> CaseView.of(c, cases.nowFor(c, actor), cases.rules().calendar(), actor)).toList();
    }

    /**
     * The caller's organisation's work queue as server-sent events ({@code queue} per step of a case
     * in it, {@code ready} first), resumable with {@code Last-Event-ID}; see {@link QueueStreams}.
     */
    @GetMapping(path = "/queue/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter queueStream(Actor actor, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return queueStreams.open(actor, lastEventId);
    }

    @GetMapping("/{caseNumber}")
    CaseView find(@PathVariable String caseNumber, Actor actor) {
        return view(cases.find(caseNumber, actor), actor);
    }

    /** Every entry of the case's record (一事一记录), oldest first, with the hash chain. */
    @GetMapping("/{caseNumber}/history")
    List<CaseView.Entry> history(@PathVariable String caseNumber, Actor actor) {
        Case c = cases.shownTo(cases.find(caseNumber, actor), actor);
        return c.history().stream().map(CaseView.byDay(c, actor) ? CaseView.Entry::byDay : CaseView.Entry::of).toList();
    }

    /** Recomputes the hash chain: valid, or the first entry that was changed, removed or reordered. */
    @GetMapping("/{caseNumber}/history/verification")
    CaseHistory.Verification verify(@PathVariable String caseNumber, Actor actor) {
        return cases.verify(caseNumber, actor);
    }

    @PostMapping("/{caseNumber}/acceptance")
    CaseView accept(@PathVariable String caseNumber, Actor actor) {
        return view(cases.accept(caseNumber, actor), actor);
    }

    @PostMapping("/{caseNumber}/contacts")
    CaseView contact(@PathVariable String caseNumber, @RequestBody TextRequest request, Actor actor) {
        return view(cases.contact(caseNumber, request.text(), actor), actor);
    }

    @PostMapping("/{caseNumber}/responses")
    CaseView respond(@PathVariable String caseNumber, @RequestBody ResponseRequest request, @org.springframework.web.bind.annotation.RequestHeader(name = "Idempotency-Key", required = false) String key, Actor actor) {
        return view(steps.once(actor.subject(), caseNumber, key, "respond|" + request,
                () -> cases.respond(caseNumber, request.text(), attachments(request.attachments()), actor), () -> cases.find(caseNumber, actor)),
                actor);
    }

    @PostMapping("/{caseNumber}/pauses")
    CaseView pause(@PathVariable String caseNumber, @RequestBody TextRequest request, Actor actor) {
        return view(cases.pause(caseNumber, request.text(), actor), actor);
    }

    @PostMapping("/{caseNumber}/resumption")
    CaseView resume(@PathVariable String caseNumber, @RequestBody(required = false) TextRequest request, Actor actor) {
        return view(cases.resume(caseNumber, request == null ? null : request.text(), actor), actor);
    }

    @PostMapping("/{caseNumber}/resolution")
    CaseView resolve(@PathVariable String caseNumber, @RequestBody ResolutionRequest request, Actor actor) {
        return view(cases.resolve(caseNumber, request.outcome(), request.summary(), request.recoveredAmountFen(),
                request.workersHelped(), actor), actor);
    }

    @PostMapping("/{caseNumber}/closure")
    CaseView close(@PathVariable String caseNumber, @RequestBody ClosureRequest request, Actor actor) {
        return view(cases.close(caseNumber, request.satisfaction(), request.text(), actor), actor);
    }

    /** A note, phone call, visit or meeting minutes added to the record, with attachments' metadata. */
    @PostMapping("/{caseNumber}/records")
    CaseView record(@PathVariable String caseNumber, @RequestBody RecordRequest request, @org.springframework.web.bind.annotation.RequestHeader(name = "Idempotency-Key", required = false) String key, Actor actor) {
        if (request.kind() == null || !RECORD_KINDS.contains(request.kind())) {
            throw new RuleViolationException("invalid-case-action", List.of(new FieldViolation("kind", "one-of", String.join(", ", RECORD_KINDS))));
        }
        return view(steps.once(actor.subject(), caseNumber, key, "record|" + request,
                () -> cases.record(caseNumber, request.kind(), request.text(), attachments(request.attachments()), actor),
                () -> cases.find(caseNumber, actor)), actor);
    }

    /** 转办: to another organisation of the case's area, with the reason; by its handlers or a level above. */
    @PostMapping("/{caseNumber}/transfer")
    CaseView transfer(@PathVariable String caseNumber, @RequestBody TransferRequest request, Actor actor) {
        if (request.organisationType() == null) {
            throw new RuleViolationException("invalid-case-action", List.of(new FieldViolation("organisationType", "required")));
        }
        return view(cases.transfer(caseNumber, request.organisationType(), request.district(), request.reason(), actor), actor);
    }

    /** 督办: instructions from a level above the handling organisation. */
    @PostMapping("/{caseNumber}/supervision")
    CaseView supervise(@PathVariable String caseNumber, @RequestBody TextRequest request, @org.springframework.web.bind.annotation.RequestHeader(name = "Idempotency-Key", required = false) String key, Actor actor) {
        return view(steps.once(actor.subject(), caseNumber, key, "supervise|" + request, () -> cases.supervise(caseNumber, request.text(), actor),
                () -> cases.find(caseNumber, actor)), actor);
    }

    @PostMapping("/{caseNumber}/clue-verification")
    CaseView verifyClue(@PathVariable String caseNumber, @RequestBody ClueRequest request, Actor actor) {
        return view(cases.verifyClue(caseNumber, request.finding(), request.text(), actor), actor);
    }

    private CaseView view(Case c, Actor actor) {
        Case shown = cases.shownTo(c, actor);
        return CaseView.of(shown, cases.nowFor(shown, actor), cases.rules().calendar(), actor);
    }

    /** Attachments are metadata only (name, type, size, SHA-256): the record proves which file was meant. */
    private static List<HistoryEntry.Attachment> attachments(List<HistoryEntry.Attachment> attachments) {
        if (attachments == null) {
            return List.of();
        }
        List<FieldViolation> wrong = new java.util.ArrayList<>();
        if (attachments.size() > MAX_ATTACHMENTS) {
            wrong.add(new FieldViolation("attachments", "too-many", MAX_ATTACHMENTS));
        }
        for (int i = 0; i < attachments.size(); i++) {
            HistoryEntry.Attachment a = attachments.get(i);
            if (a == null || a.name() == null || a.name().isBlank() || a.name().length() > 200) {
                wrong.add(new FieldViolation("attachments[" + i + "].name", "required"));
            }
            if (a != null && (a.sha256() == null || !SHA256.matcher(a.sha256()).matches())) {
                wrong.add(new FieldViolation("attachments[" + i + "].sha256", "sha256-format"));
            }
            if (a != null && a.size() < 0) {
                wrong.add(new FieldViolation("attachments[" + i + "].size", "not-negative"));
            }
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-case-action", wrong);
        }
        return attachments;
    }
}
