package cn.unionhub.contest.craftsman.api;

import cn.unionhub.contest.contest.domain.Points;
import cn.unionhub.contest.contest.domain.Tier;
import cn.unionhub.contest.craftsman.CraftsmanService;
import cn.unionhub.contest.craftsman.domain.CraftsmanBatch;
import cn.unionhub.contest.craftsman.domain.Expert;
import cn.unionhub.contest.craftsman.domain.Nomination;
import cn.unionhub.contest.craftsman.store.CraftsmanStore;
import cn.unionhub.contest.notice.api.ObjectionView;
import cn.unionhub.contest.notice.domain.Verdict;
import cn.unionhub.platform.domain.Choices;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Actor;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Craftsman selection (工匠选树): batches, their expert panels, nominations through their stages, the
 * public notice with objections, and conferral. Scores are decimal strings out of 100 ("91.50").
 */
@RestController
class CraftsmanController {

    record PlanForm(String title, String tier, String region, Integer year, String organiser, Instant nominationsCloseAt,
            Integer expertsRequired, Integer quota, Integer noticeWorkingDays) {
    }

    /** @param account the expert's sign-in (its subject); @param enterprise their employer's USCC, if any */
    record ExpertForm(String account, String name, String enterprise) {
    }

    /** @param nominatedBy the association, when the office nominates for one */
    record NominationForm(String idNumber, String name, String enterprise, String enterpriseName, String occupation, String nominatedBy,
            String achievements) {
    }

    record TextForm(String text) {
    }

    /** @param outcome PASSED, or REJECTED with the reason in {@code text} */
    record ReviewForm(String outcome, String text) {
    }

    record ScoreForm(String value) {
    }

    record NoticeForm(List<String> selected) {
    }

    record AnswerForm(String verdict, String reason) {
    }

    private final CraftsmanService craftsmen;

    CraftsmanController(CraftsmanService craftsmen) {
        this.craftsmen = craftsmen;
    }

    @PostMapping("/api/v1/craftsmen/batches")
    ResponseEntity<CraftsmanViews.Batch> plan(@RequestBody PlanForm form, Actor actor) {
        List<FieldViolation> wrong = new ArrayList<>();
        Tier tier = Choices.read(Tier.class, form.tier(), "tier", wrong);
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-craftsman-batch", wrong);
        }
        CraftsmanBatch batch = craftsmen.plan(new CraftsmanBatch.Plan(form.title(), tier, form.region(), orZero(form.year()),
                form.organiser(), form.nominationsCloseAt(), orZero(form.expertsRequired()), form.quota(),
                orZero(form.noticeWorkingDays())), actor);
        return ResponseEntity.created(URI.create("/api/v1/craftsmen/batches/" + batch.id())).body(CraftsmanViews.batch(batch, true));
    }

    @GetMapping("/api/v1/craftsmen/batches/{batchId}")
    CraftsmanViews.Batch batch(@PathVariable String batchId, Actor actor) {
        CraftsmanBatch batch = craftsmen.batch(batchId);
        return CraftsmanViews.batch(batch, CraftsmanService.mayRun(actor, batch));
    }

    /** 截止申报: the office closes nominations before the planned deadline, so the notice can follow. */
    @PostMapping("/api/v1/craftsmen/batches/{batchId}/nominations/closing")
    CraftsmanViews.Batch closeNominations(@PathVariable String batchId, Actor actor) {
        return CraftsmanViews.batch(craftsmen.closeNominations(batchId, actor), true);
    }

    @PostMapping("/api/v1/craftsmen/batches/{batchId}/experts")
    CraftsmanViews.Batch addExpert(@PathVariable String batchId, @RequestBody ExpertForm form, Actor actor) {
        return CraftsmanViews.batch(craftsmen.addExpert(batchId, new Expert(form.account(), form.name(), form.enterprise()), actor), true);
    }

    record Withdrawal(String reason) {
    }

    /** 专家回避: takes an expert off the panel before the notice; their scores no longer count. */
    @PostMapping("/api/v1/craftsmen/batches/{batchId}/experts/{expertId}/withdrawal")
    CraftsmanViews.Batch withdrawExpert(@PathVariable String batchId, @PathVariable String expertId,
            @RequestBody(required = false) Withdrawal withdrawal, Actor actor) {
        return CraftsmanViews.batch(craftsmen.withdrawExpert(batchId, expertId, withdrawal == null ? null : withdrawal.reason(), actor),
                true);
    }

    @PostMapping("/api/v1/craftsmen/batches/{batchId}/nominations")
    ResponseEntity<CraftsmanViews.Nomination> nominate(@PathVariable String batchId, @RequestBody NominationForm form, Actor actor) {
        CraftsmanStore.Kept kept = craftsmen.nominate(batchId, new CraftsmanService.Entry(form.idNumber(), form.name(), form.enterprise(),
                form.enterpriseName(), form.occupation(), null, form.nominatedBy(), form.achievements()), actor);
        return ResponseEntity.created(URI.create("/api/v1/craftsmen/nominations/" + kept.nomination().id()))
                .body(CraftsmanViews.nomination(kept.nomination()));
    }

    @GetMapping("/api/v1/craftsmen/batches/{batchId}/nominations")
    List<CraftsmanViews.Nomination> nominations(@PathVariable String batchId, Actor actor) {
        return craftsmen.ofBatch(batchId, actor).stream().map(k -> CraftsmanViews.nomination(k.nomination())).toList();
    }

    @GetMapping("/api/v1/craftsmen/nominations/{id}")
    CraftsmanViews.Nomination nomination(@PathVariable String id, Actor actor) {
        return CraftsmanViews.nomination(craftsmen.nomination(id, actor).nomination());
    }

    @PostMapping("/api/v1/craftsmen/nominations/{id}/self-evaluation")
    CraftsmanViews.Nomination selfEvaluate(@PathVariable String id, @RequestBody TextForm form, Actor actor) {
        return CraftsmanViews.nomination(craftsmen.selfEvaluate(id, form.text(), actor).nomination());
    }

    @PostMapping("/api/v1/craftsmen/nominations/{id}/review")
    CraftsmanViews.Nomination review(@PathVariable String id, @RequestBody ReviewForm form, Actor actor) {
        if (!"PASSED".equals(form.outcome()) && !"REJECTED".equals(form.outcome())) {
            throw new RuleViolationException("invalid-review", List.of(new FieldViolation("outcome", "review-outcome")));
        }
        return CraftsmanViews.nomination(craftsmen.review(id, "PASSED".equals(form.outcome()), form.text(), actor).nomination());
    }

    @PostMapping("/api/v1/craftsmen/nominations/{id}/scores")
    CraftsmanViews.Nomination score(@PathVariable String id, @RequestBody ScoreForm form, Actor actor) {
        Long hundredths = Points.parseHundredths(form.value());
        if (hundredths == null) {
            throw new RuleViolationException("invalid-score", List.of(new FieldViolation("value", "invalid-points")));
        }
        return CraftsmanViews.nomination(craftsmen.score(id, hundredths, actor).nomination());
    }

    @PostMapping("/api/v1/craftsmen/batches/{batchId}/notice")
    CraftsmanViews.PublicNotice openNotice(@PathVariable String batchId, @RequestBody(required = false) NoticeForm form, Actor actor) {
        CraftsmanBatch batch = craftsmen.notice(batchId, form == null ? null : form.selected(), actor);
        return notice(batch);
    }

    /** The public notice (公示): no sign-in. */
    @GetMapping("/api/v1/craftsmen/batches/{batchId}/notice")
    CraftsmanViews.PublicNotice publicNotice(@PathVariable String batchId) {
        return notice(craftsmen.batch(batchId));
    }

    @PostMapping("/api/v1/craftsmen/batches/{batchId}/objections")
    ResponseEntity<ObjectionView> object(@PathVariable String batchId, @RequestBody ObjectionView.Form form, Actor actor,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        return ObjectionView.filed(craftsmen.object(batchId, form.toDomain(), actor, idempotencyKey),
                "/api/v1/craftsmen/batches/" + batchId + "/objections");
    }

    /** The office reads the objections in full (who, grounds, evidence) before it answers them. */
    @GetMapping("/api/v1/craftsmen/batches/{batchId}/objections")
    List<ObjectionView.Full> objections(@PathVariable String batchId, Actor actor) {
        return craftsmen.objections(batchId, actor).stream().map(ObjectionView.Full::of).toList();
    }

    @PostMapping("/api/v1/craftsmen/batches/{batchId}/objections/{objectionId}/answer")
    ObjectionView answer(@PathVariable String batchId, @PathVariable String objectionId, @RequestBody AnswerForm form,
            Actor actor) {
        Verdict verdict = Choices.read(Verdict.class, form.verdict(), "verdict");
        return ObjectionView.of(craftsmen.answer(batchId, objectionId, verdict, form.reason(), actor).notice().objection(objectionId));
    }

    @PostMapping("/api/v1/craftsmen/batches/{batchId}/conferral")
    CraftsmanViews.Conferral confer(@PathVariable String batchId, Actor actor) {
        CraftsmanService.Conferral done = craftsmen.confer(batchId, actor);
        return new CraftsmanViews.Conferral(done.conferred().stream().map(CraftsmanViews::nomination).toList(), done.held());
    }

    private CraftsmanViews.PublicNotice notice(CraftsmanBatch batch) {
        List<Nomination> listed = batch.onNotice().stream().map(id -> craftsmen.listed(id)).toList();
        return CraftsmanViews.publicNotice(batch, listed);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
