package cn.unionhub.feedback.submission.api;

import cn.unionhub.feedback.submission.SubmissionService;
import cn.unionhub.feedback.submission.domain.FeedbackItem;
import cn.unionhub.feedback.submission.domain.FeedbackType;
import cn.unionhub.feedback.submission.domain.Satisfaction;
import cn.unionhub.platform.domain.Choices;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.security.Actor;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Workers' reviews, complaints, suggestions and appeals, and following them up. */
@RestController
@RequestMapping("/api/v1/feedback")
class SubmissionController {

    /**
     * The answer to a submission.
     *
     * @param followUpToken only for anonymous items, shown this once: keep it to follow the item without signing in
     */
    record Receipt(String trackingNumber, String status, boolean anonymous, String followUpToken, OffsetDateTime submittedAt) {
    }

    /** Following an anonymous item: the token travels in the body, never in a URL that logs keep. */
    record FollowUpRequest(String trackingNumber, String token) {
    }

    /** A worker's verdict; a reason is required when not satisfied. */
    record RatingRequest(Satisfaction rating, String reason) {
    }

    /** The same, by an anonymous worker with the follow-up token. */
    record FollowUpRatingRequest(String trackingNumber, String token, Satisfaction rating, String reason) {
    }

    private final SubmissionService submissions;

    SubmissionController(SubmissionService submissions) {
        this.submissions = submissions;
    }

    /** A retried request with the same {@code Idempotency-Key} gets the first answer again (200), never a twin. */
    @PostMapping("/submissions")
    ResponseEntity<Receipt> submit(@RequestBody SubmissionRequest request, Actor actor,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        SubmissionService.Submitted submitted = submissions.submit(request.toRaw(), actor, idempotencyKey);
        FeedbackItem item = submitted.item();
        Receipt receipt = new Receipt(item.trackingNumber(), item.status().name(), item.content().anonymous(),
                submitted.followUpToken(), item.submittedAt().atZone(FeedbackView.BEIJING).toOffsetDateTime());
        return ResponseEntity.status(submitted.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/v1/feedback/submissions/" + item.trackingNumber()))
                .body(receipt);
    }

    /** Union staff's list of items about their enterprise or district, newest first; anonymous items stay anonymous. */
    @GetMapping("/submissions")
    List<FeedbackView> forStaff(Actor actor, @RequestParam(required = false) FeedbackItem.Status status,
            @RequestParam(required = false) String type, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        // A type that is none answers 400, as an unknown status does, rather than an empty list; any case is taken.
        FeedbackType chosen = Choices.filter(FeedbackType.class, type, "type");
        return submissions.forStaff(actor, status, chosen == null ? null : chosen.name(), Math.max(0, page),
                Math.min(Math.max(1, size), 100)).stream()
                .map(item -> FeedbackView.of(item, !item.content().anonymous(), dayOnly(item, actor))).toList();
    }

    /** The enterprise's own union sees an anonymous item's times by day only (see {@link FeedbackView#of}). */
    private static boolean dayOnly(FeedbackItem item, Actor actor) {
        return item.content().anonymous() && actor.isEnterpriseSide();
    }

    @GetMapping("/submissions/mine")
    List<FeedbackView> mine(Actor actor, @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        // The newest hundred by default, as before paging; ?page= reaches the older ones (a worker filing for years).
        return submissions.mine(actor, Math.max(0, Math.min(page, 10_000)), Math.min(Math.max(1, size), 100)).stream()
                .map(item -> forWorker(FeedbackView.of(item, true), item)).toList();
    }

    @GetMapping("/submissions/{trackingNumber}")
    FeedbackView find(@PathVariable String trackingNumber, Actor actor) {
        FeedbackItem item = submissions.shownTo(submissions.find(trackingNumber, actor), actor);
        boolean own = item.showsIdentityTo(submissions.pseudonymOf(actor));
        FeedbackView view = FeedbackView.of(item, own, !own && dayOnly(item, actor));
        return item.isOwnedBy(submissions.pseudonymOf(actor)) ? forWorker(view, item) : view;
    }

    /** A named worker's contact details in full, for union staff who may see the item; each look is recorded. */
    @GetMapping("/submissions/{trackingNumber}/contact")
    SubmissionService.Contact contact(@PathVariable String trackingNumber, Actor actor) {
        return submissions.contact(trackingNumber, actor);
    }

    @PostMapping("/submissions/{trackingNumber}/satisfaction")
    FeedbackView rate(@PathVariable String trackingNumber, @RequestBody RatingRequest request, Actor actor) {
        submissions.rate(trackingNumber, actor, required(request.rating()), request.reason());
        return find(trackingNumber, actor);
    }

    @PostMapping("/follow-up/satisfaction")
    FeedbackView rateByFollowUp(@RequestBody FollowUpRatingRequest request) {
        submissions.rateByFollowUp(request.trackingNumber(), request.token(), required(request.rating()), request.reason());
        FeedbackItem followed = submissions.followUp(request.trackingNumber(), request.token());
        return forWorker(FeedbackView.of(followed, true), followed);
    }

    /** What the worker writes back (补充说明). */
    record ReplyRequest(String text) {
    }

    /** With the follow-up token, for an anonymous worker. */
    record FollowUpReplyRequest(String trackingNumber, String token, String text) {
    }

    /** The worker answers the union about their item: the case records it, and one waiting on them runs again. */
    @PostMapping("/submissions/{trackingNumber}/replies")
    FeedbackView reply(@PathVariable String trackingNumber, @RequestBody ReplyRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, Actor actor) {
        submissions.reply(trackingNumber, actor, request.text(), key);
        return find(trackingNumber, actor);
    }

    @PostMapping("/follow-up/replies")
    FeedbackView replyByFollowUp(@RequestBody FollowUpReplyRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        RuleViolationException.requireAll("trackingNumber", request.trackingNumber(), "token", request.token());
        submissions.replyByFollowUp(request.trackingNumber(), request.token(), request.text(), key);
        FeedbackItem followed = submissions.followUp(request.trackingNumber(), request.token());
        return forWorker(FeedbackView.of(followed, true), followed);
    }

    /** The worker's own view of their item, with the rating terms of a resolved one. */
    private FeedbackView forWorker(FeedbackView view, FeedbackItem item) {
        return view.forWorker(item, submissions.ratingWindow(), submissions.defaultRating());
    }

    private static Satisfaction required(Satisfaction rating) {
        if (rating == null) {
            throw new cn.unionhub.platform.domain.RuleViolationException("invalid-rating",
                    List.of(new cn.unionhub.platform.domain.RuleViolationException.FieldViolation("rating", "required")));
        }
        return rating;
    }

    @PostMapping("/follow-up")
    FeedbackView followUp(@RequestBody FollowUpRequest request) {
        RuleViolationException.requireAll("trackingNumber", request.trackingNumber(), "token", request.token());
        FeedbackItem followed = submissions.followUp(request.trackingNumber(), request.token());
        return forWorker(FeedbackView.of(followed, true), followed);
    }
}
