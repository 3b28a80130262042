package cn.unionhub.feedback.submission;

import cn.unionhub.events.cases.CaseAccepted;
import cn.unionhub.events.cases.CaseDeadlinesRecalculated;
import cn.unionhub.events.cases.CaseEscalated;
import cn.unionhub.events.cases.CasePaused;
import cn.unionhub.events.cases.CaseReopened;
import cn.unionhub.events.cases.CaseResolved;
import cn.unionhub.events.cases.CaseResponded;
import cn.unionhub.events.cases.CaseResumed;
import cn.unionhub.events.cases.CaseRouted;
import cn.unionhub.feedback.registry.domain.EnterpriseDirectory;
import cn.unionhub.feedback.registry.domain.Membership;
import cn.unionhub.feedback.registry.domain.Memberships;
import cn.unionhub.feedback.submission.domain.Enterprise;
import cn.unionhub.feedback.submission.domain.FeedbackItem;
import cn.unionhub.feedback.submission.domain.FeedbackType;
import cn.unionhub.feedback.submission.domain.RawSubmission;
import cn.unionhub.feedback.submission.domain.Satisfaction;
import cn.unionhub.feedback.submission.domain.Submitter;
import cn.unionhub.feedback.submission.domain.SubmissionRules;
import cn.unionhub.feedback.submission.domain.TrackingNumbers;
import cn.unionhub.feedback.submission.domain.ValidSubmission;
import cn.unionhub.feedback.submission.store.FeedbackItems;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.FollowUpTokens;
import cn.unionhub.platform.identity.Pseudonyms;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Accepting submissions and showing them to those who may see them.
 *
 * <p>Which enterprise an item is about comes from the copy of the register (member-card-service's
 * organisation events). An enterprise the register does not know (yet) is accepted all the same —
 * a gig platform or a small firm must never be a dead end — and marked for verification
 * ({@link Enterprise#registered()} false). It is attributed to a district for routing and scoping:
 * for a worker, the district of their membership in the register (member events, never a call)
 * first, the {@code district} claim of their token second (workers not yet linked to a
 * membership); for staff recording on a worker's behalf, their token's district. The token's
 * enterprise and district claims remain what scopes staff accounts.
 */
@Service
public class SubmissionService {

    private static final Logger log = LoggerFactory.getLogger(SubmissionService.class);
    private static final int TRACKING_NUMBER_ATTEMPTS = 5;
    /** How soon the same submission again from the same worker, without an Idempotency-Key, counts as a double tap. */
    static final java.time.Duration DOUBLE_TAP = java.time.Duration.ofMinutes(2);

    /**
     * The outcome of a submission.
     *
     * @param item          the accepted item
     * @param followUpToken the anonymous worker's private token (shown once), or {@code null}
     * @param replayed      whether this answers a retried request (Idempotency-Key) instead of a new one
     */
    public record Submitted(FeedbackItem item, String followUpToken, boolean replayed) {
    }

    private final FeedbackProperties properties;
    private final SubmissionRules rules;
    private final EnterpriseDirectory directory;
    private final Memberships memberships;
    private final FeedbackItems items;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final FeedbackMetrics metrics;
    private final SecureRandom random = new SecureRandom();

    SubmissionService(FeedbackProperties properties, EnterpriseDirectory directory, Memberships memberships,
            FeedbackItems items, Pseudonyms pseudonyms, Clock clock, FeedbackMetrics metrics) {
        this.properties = properties;
        this.rules = properties.rules();
        this.directory = directory;
        this.memberships = memberships;
        this.items = items;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Submitted submit(RawSubmission raw, Actor actor, String idempotencyKey) {
        boolean worker = actor.has(Role.WORKER);
        String pseudonym = worker ? pseudonyms.of(actor.subject()) : null;
        String scope = idempotencyKey == null || idempotencyKey.isBlank() ? null
                : (worker ? pseudonym : "staff:" + actor.subject()) + ":" + idempotencyKey.strip();
        // No lookup of the key before the insert: its unique index refuses a repeat, which is then
        // answered with the first item (one store command less per complaint; repeats are rare).
        ValidSubmission submission = rules.check(raw, !worker, YearMonth.now(clock.withZone(ZoneId.of("Asia/Shanghai"))));
        Enterprise enterprise = directory.find(submission.enterprise()).map(Enterprise::of)
                .orElseGet(() -> unregistered(submission.enterprise(), actor, worker));
        if (!worker && !actor.seesEverything() && !actor.canSee(enterprise.uscc(), enterprise.district())) {
            // Staff record for their own area: an enterprise union about its enterprise, district staff about their district's.
            throw new RuleViolationException(SubmissionRules.INVALID,
                    List.of(new FieldViolation("enterprise", "outside-your-area")));
        }
        if (!worker && actor.isEnterpriseSide() && submission.type() == FeedbackType.REVIEW) {
            // A review is stars on the public page: recorded by the enterprise's own union, it would be the enterprise
            // rating itself. What a worker says in a talk is recorded as a suggestion, complaint or appeal.
            throw new RuleViolationException(SubmissionRules.INVALID,
                    List.of(new FieldViolation("type", "review-not-recorded-by-the-enterprise")));
        }
        if (worker && submission.type() == FeedbackType.REVIEW && !worksAt(actor, enterprise.uscc())) {
            // A review is stars on an employer's public page, by its own workers (职工点评): anyone's stars for any
            // enterprise would let a rival or a stranger move its page. A complaint may name any employer.
            throw new RuleViolationException(SubmissionRules.INVALID,
                    List.of(new FieldViolation("enterprise", "review-not-your-employer")));
        }
        if (scope == null && worker) {
            // A double tap without a key (an app that sends none, a form posted twice): the same submission from the same
            // worker within DOUBLE_TAP answers the first item instead of making a second one — two items for one complaint
            // cost a handler twice and counted twice towards an enterprise's warnings. The window is cut in slots; the
            // slot before is asked by key, so a tap across a slot's end is caught too.
            String tap = pseudonym + ":tap:" + submission.fingerprint() + ":";
            long slot = clock.instant().getEpochSecond() / DOUBLE_TAP.toSeconds();
            Optional<FeedbackItem> tapped = items.byIdempotencyScope(tap + (slot - 1));
            if (tapped.isPresent()) {
                return replay(tapped.get(), tap + (slot - 1));
            }
            scope = tap + slot;
        }
        FollowUpTokens.Issued followUp = submission.anonymous() ? followUpToken(scope) : null;
        Submitter submitter = new Submitter(pseudonym, followUp == null ? null : followUp.hash(),
                submission.contactName(), submission.contactPhone(), worker ? null : actor.subject(),
                worker ? null : recordedFor(submission, actor));

        for (int attempt = 1; ; attempt++) {
            FeedbackItem.Accepted accepted = FeedbackItem.accept(UUID.randomUUID().toString(),
                    TrackingNumbers.next(clock.instant(), random), submission, enterprise, submitter, clock.instant());
            try {
                items.insert(accepted, scope);
                metrics.submitted(accepted.item());
                return new Submitted(accepted.item(), followUp == null ? null : followUp.token(), false);
            } catch (DuplicateKeyException duplicate) {
                if (scope != null) {
                    Optional<FeedbackItem> earlier = items.byIdempotencyScope(scope);
                    if (earlier.isPresent()) {
                        if (!earlier.get().content().sameRequestAs(submission)) {
                            // The key of another request: answering with the first item would tell the caller
                            // their changed text was accepted.
                            throw new ConflictException("feedback-idempotency-key-reused");
                        }
                        return replay(earlier.get(), scope);
                    }
                }
                if (attempt == TRACKING_NUMBER_ATTEMPTS) {
                    throw duplicate;
                }
            }
        }
    }

    /**
     * What the caller may see of an item; anything else looks exactly like an unknown number. The enterprise side
     * sees an anonymous worker's item from its release on, except the staff member who recorded it (an on-site
     * talk): the release cannot hide from them what they wrote down.
     */
    public FeedbackItem find(String trackingNumber, Actor actor) {
        String pseudonym = actor.has(Role.WORKER) ? pseudonyms.of(actor.subject()) : null;
        return items.byTrackingNumber(trackingNumber)
                .filter(item -> item.isVisibleTo(actor, pseudonym) || handles(item, actor))
                .filter(item -> !actor.isEnterpriseSide() || actor.subject().equals(item.submitter().recordedBy())
                        || !items.enterpriseSeesAt(item).isAfter(clock.instant()))
                .orElseThrow(() -> new NotFoundException("feedback-not-found", trackingNumber));
    }

    /**
     * Whether the caller works for the organisation that works the item's case now (its latest routing): they see the item
     * wherever its case went (a transfer to another district), and only they reach a named worker. The city union's staff
     * of the case's city, when the city union holds it.
     */
    private static boolean handles(FeedbackItem item, Actor actor) {
        String own = actor.handlingOrganisation();
        return own != null && item.handling().filter(h -> own.equals(h.organisation())
                && (!Actor.CITY_UNION.equals(own) || actor.canSee(null, h.district()))).isPresent();
    }

    /** A named worker's contact details, in full, as the union staff who may see the item need them to call back. */
    public record Contact(String trackingNumber, String name, String phone) {
    }

    /**
     * The contact details a named worker gave, unmasked, for union staff who may see the item (lists and views mask the
     * mobile number: the handlers could not phone anyone back, exploratory test, 2026-12-04). Each look is recorded —
     * who, when, which item ({@code contact_views}) — so a union can answer who read a worker's number. Never for an
     * anonymous item: 404 as if there were none.
     */
    public Contact contact(String trackingNumber, Actor actor) {
        FeedbackItem item = find(trackingNumber, actor);
        Submitter submitter = item.submitter();
        if (actor.has(Role.WORKER) || item.content().anonymous() || submitter.contactName() == null && submitter.contactPhone() == null) {
            throw new NotFoundException("contact-not-shared", trackingNumber);
        }
        if (!actor.has(Role.ADMIN) && !handles(item, actor)) {
            // The handling organisation's staff call the worker back, no one else who can read the item: the employer's own
            // union chair, another body of the district and the city union all read the full number (exploratory test).
            throw new cn.unionhub.platform.domain.ForbiddenException("contact-for-handlers", trackingNumber);
        }
        items.contactViewed(item, actor.subject(), clock.instant());
        return new Contact(item.trackingNumber(), submitter.contactName(), submitter.contactPhone());
    }

    /**
     * {@code item} as {@code viewer} is shown it: the enterprise side sees an anonymous worker's rated item as it was
     * before the rating until the release after it ({@link FeedbackItems#seenByEnterpriseSide}).
     */
    public FeedbackItem shownTo(FeedbackItem item, Actor viewer) {
        return viewer.isEnterpriseSide() ? items.seenByEnterpriseSide(item, clock.instant()) : item;
    }

    /** An anonymous worker following their item with the private token, without signing in. */
    public FeedbackItem followUp(String trackingNumber, String token) {
        return items.byTrackingNumber(trackingNumber)
                .filter(item -> FollowUpTokens.matches(token, item.submitter().followUpHash()))
                .orElseThrow(() -> new NotFoundException("feedback-not-found", trackingNumber));
    }

    /**
     * What one case event adds to its item's timeline. {@link #recordAll} applies a poll's steps
     * together ({@code CaseProgress}); each step is added once however often its event is delivered.
     */
    public record CaseStep(String feedbackId, String caseNumber, UnaryOperator<FeedbackItem> step) {
    }

    /** Applies a poll's case steps (one read and one write for all their items) and reports them applied. */
    public void recordAll(List<CaseStep> steps, Consumer<List<CaseStep>> applied) {
        Set<String> found = items.changeAll(steps.stream().map(s -> new FeedbackItems.Change(s.feedbackId(),
                item -> new FeedbackItem.Changed(item.unlessShown(s.step().apply(item)), List.of()))).toList());
        steps.stream().filter(s -> !found.contains(s.feedbackId()))
                .forEach(s -> log.warn("Case {} names unknown feedback item {}", s.caseNumber(), s.feedbackId()));
        applied.accept(steps);
    }

    /** Case-service routed the item's case: the worker's timeline shows where it went. */
    public Optional<CaseStep> routed(CaseRouted routed) {
        return step(routed.feedbackId(), routed.caseNumber(),
                item -> item.routed(routed.organisationName(), routed.caseNumber(), "transferred".equals(routed.rule()),
                        routed.firstResponseDueAt(), routed.organisationId(), routed.district(), routed.routedAt()));
    }

    public Optional<CaseStep> responded(CaseResponded responded) {
        return step(responded.feedbackId(), responded.caseNumber(), item -> item.responded(responded.text(), responded.respondedAt()));
    }

    public Optional<CaseStep> resolved(CaseResolved resolved) {
        return step(resolved.feedbackId(), resolved.caseNumber(), item -> item.resolved(resolved.summary(), resolved.resolvedAt()));
    }

    public Optional<CaseStep> reopened(CaseReopened reopened) {
        return step(reopened.feedbackId(), reopened.caseNumber(), item -> item.reopened(reopened.reason(), reopened.reopenedAt()));
    }

    public Optional<CaseStep> accepted(CaseAccepted accepted) {
        return step(accepted.feedbackId(), accepted.caseNumber(),
                item -> item.noted("ACCEPTED", accepted.organisationName() + "已受理", accepted.acceptedAt()));
    }

    /** The case waits for the worker: the timeline says what is needed, so they can supply it. */
    public Optional<CaseStep> paused(CasePaused paused) {
        return step(paused.feedbackId(), paused.caseNumber(), item -> item.noted("WAITING_FOR_YOU", paused.reason(), paused.pausedAt()));
    }

    /** Resumed: the deadline the worker sees moves by the time the case waited on them. */
    public Optional<CaseStep> resumed(CaseResumed resumed) {
        return step(resumed.feedbackId(), resumed.caseNumber(), item -> item.noted("RESUMED", "已收到补充材料，继续办理",
                resumed.firstResponseDueAt(), resumed.resumedAt()));
    }

    /** The State Council's holiday schedule moved the deadline; the worker sees the new one and why. */
    public Optional<CaseStep> deadlinesRecalculated(CaseDeadlinesRecalculated recalculated) {
        return step(recalculated.feedbackId(), recalculated.caseNumber(), item -> item.noted("DEADLINE_MOVED",
                recalculated.calendarYear() + "年节假日安排发布，答复期限相应调整", recalculated.firstResponseDueAt(),
                recalculated.recalculatedAt()));
    }

    /** A missed deadline is public: the worker sees that a higher level now supervises the case (督办). */
    public Optional<CaseStep> escalated(CaseEscalated escalated) {
        return step(escalated.feedbackId(), escalated.caseNumber(), item -> item.noted("ESCALATED",
                escalated.supervisor() + "督办（第" + escalated.level() + "级）", escalated.escalatedAt()));
    }

    /** None for a case not opened from a feedback item (a hotline call, a document). */
    private static Optional<CaseStep> step(String feedbackId, String caseNumber, UnaryOperator<FeedbackItem> step) {
        return feedbackId == null ? Optional.empty() : Optional.of(new CaseStep(feedbackId, caseNumber, step));
    }

    /** The signed-in worker rates their own resolved item. */
    public void rate(String trackingNumber, Actor actor, Satisfaction satisfaction, String reason) {
        FeedbackItem item = items.byTrackingNumber(trackingNumber)
                .filter(found -> found.isOwnedBy(pseudonymOf(actor)))
                .orElseThrow(() -> new NotFoundException("feedback-not-found", trackingNumber));
        applyRating(item.id(), satisfaction, reason, false);
    }

    /** An anonymous worker rates with the follow-up token, without signing in. */
    public void rateByFollowUp(String trackingNumber, String token, Satisfaction satisfaction, String reason) {
        FeedbackItem item = followUp(trackingNumber, token);
        applyRating(item.id(), satisfaction, reason, false);
    }

    /**
     * Items resolved longer ago than the rating window and still unrated get the documented
     * default. Safe with several instances: rating twice is refused by the item itself.
     */
    public int applyDefaultRatings() {
        Instant now = clock.instant();
        AtomicInteger applied = new AtomicInteger();
        items.forEachRatingWindowEnded(now, id -> {
            boolean due = items.byId(id).filter(item -> item.status() == FeedbackItem.Status.RESOLVED && item.rating() == null
                    && !item.resolvedAt().plus(properties.ratingWindow()).isAfter(now)).isPresent();
            if (!due) {
                return; // rated, closed or re-resolved meanwhile
            }
            try {
                applyRating(id, properties.defaultRating(), null, true);
                applied.incrementAndGet();
            } catch (cn.unionhub.platform.domain.ConflictException ratedMeanwhile) {
                // the worker (or another instance) got there first
            }
        });
        return applied.get();
    }

    /** Rates and counts the rating once it is written (a refused rating raises and is not counted). */
    /** How long a worker has to rate a resolved item, and what counts when they do not: told to the worker. */
    public java.time.Duration ratingWindow() {
        return properties.ratingWindow();
    }

    public Satisfaction defaultRating() {
        return properties.defaultRating();
    }

    /** The worker answers the union about their own item; case-service records it and resumes a case waiting on them. */
    public void reply(String trackingNumber, Actor actor, String text, String idempotencyKey) {
        FeedbackItem item = items.byTrackingNumber(trackingNumber)
                .filter(found -> found.isOwnedBy(pseudonymOf(actor)))
                .orElseThrow(() -> new NotFoundException("feedback-not-found", trackingNumber));
        replyOnce(item, text, idempotencyKey);
    }

    /** An anonymous worker answers with the follow-up token, without signing in. */
    public void replyByFollowUp(String trackingNumber, String token, String text, String idempotencyKey) {
        replyOnce(followUp(trackingNumber, token), text, idempotencyKey);
    }

    /**
     * Once per {@code Idempotency-Key} of the item (a double tap sent the answer twice: twice on the case's record);
     * a refused answer gives the key back.
     */
    private void replyOnce(FeedbackItem item, String text, String idempotencyKey) {
        String fingerprint = cn.unionhub.platform.domain.HashChain.fields().add(text == null ? "" : text).sha256();
        items.replyKeys().once(item.id(), idempotencyKey, fingerprint,
                () -> items.change(item.id(), current -> current.reply(text, clock.instant())), () -> true);
    }

    private void applyRating(String id, Satisfaction satisfaction, String reason, boolean defaulted) {
        if (items.change(id, current -> current.rate(satisfaction, reason, defaulted, clock.instant()))) {
            metrics.rated(satisfaction, defaulted);
        }
    }

    /**
     * What union staff see: an enterprise union its enterprise's items, district staff their
     * division's, the city union and dispute-body handlers their city's, administrators everything. Identity stays hidden for anonymous items
     * (the view decides that, see {@link FeedbackItem#showsIdentityTo}).
     */
    public List<FeedbackItem> forStaff(Actor actor, FeedbackItem.Status status, String type, int page, int size) {
        // The enterprise side sees an anonymous worker's item from its release on (AnonymousRelease), not as it arrives.
        return actor.scope().map(s -> items.page(s.enterprise(), s.division(), status, type,
                actor.isEnterpriseSide() ? clock.instant() : null, page, size)).orElse(List.of());
    }

    /** A page of the worker's own items, newest first. */
    public List<FeedbackItem> mine(Actor actor, int page, int size) {
        return items.submittedBy(pseudonyms.of(actor.subject()), page * size, size);
    }

    public String pseudonymOf(Actor actor) {
        return actor.has(Role.WORKER) ? pseudonyms.of(actor.subject()) : null;
    }

    private Submitted replay(FeedbackItem earlier, String scope) {
        return new Submitted(earlier, earlier.content().anonymous() ? followUpToken(scope).token() : null, true);
    }

    /** Reproducible for a retried request (derived from a keyed pseudonym of its scope), random otherwise. */
    private FollowUpTokens.Issued followUpToken(String scope) {
        return scope == null ? FollowUpTokens.issue() : FollowUpTokens.derive(pseudonyms.of("follow-up:" + scope));
    }

    /**
     * Whom a staff-recorded item stands for in distinct-worker counts: the named worker by their
     * mobile number, else the staff member who recorded it (an anonymous caller cannot be told apart).
     */
    private String recordedFor(ValidSubmission submission, Actor actor) {
        String phone = submission.contactPhone() == null ? null : submission.contactPhone().replaceAll("[^0-9]", "");
        return phone != null && !phone.isEmpty() ? pseudonyms.of("phone:" + phone) : pseudonyms.of("recorder:" + actor.subject());
    }

    /**
     * Whether the worker works at the enterprise: their employer in the register (an active membership), else the
     * enterprise their account names. One key read, for reviews only.
     */
    private boolean worksAt(Actor worker, String uscc) {
        String employer = memberships.ofAccount(worker.subject()).filter(Membership::active).map(Membership::enterprise)
                .orElse(worker.enterprise());
        return uscc.equals(employer);
    }

    /**
     * An enterprise not in the register yet (a gig platform, a small firm): accepted, marked for
     * verification, and attributed to the submitter's district so that district's union sees and
     * routes it — a worker's from their membership first, then from their token, and for a worker neither
     * names (not a member yet) the district the credit code was registered in: such a worker was told to
     * ask their street union, with no way to name one (exploratory test, 2026-12-04). Case routing sends a
     * case about an unknown employer to the district of its credit code when the register names it.
     */
    private Enterprise unregistered(String uscc, Actor actor, boolean worker) {
        Optional<String> membershipDistrict = worker
                ? memberships.ofAccount(actor.subject()).filter(Membership::active).map(Membership::district)
                : Optional.empty();
        String district = membershipDistrict.or(() -> Optional.ofNullable(actor.district()))
                .or(() -> cn.unionhub.security.Divisions.ofCreditCode(uscc).filter(d -> !cn.unionhub.security.Divisions.isAboveCounty(d)))
                .orElse(null);
        if (district == null) {
            throw new RuleViolationException(SubmissionRules.INVALID,
                    List.of(new FieldViolation("enterprise", "enterprise-unknown", uscc)));
        }
        return Enterprise.unregistered(uscc, district);
    }
}
