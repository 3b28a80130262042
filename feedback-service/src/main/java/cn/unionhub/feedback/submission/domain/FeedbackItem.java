package cn.unionhub.feedback.submission.domain;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.feedback.FeedbackRated;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.Masking;
import cn.unionhub.security.Actor;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Map;

/**
 * A worker's review, complaint, suggestion or appeal: what was said, about which enterprise, by
 * whom in the only forms kept ({@link Submitter}), and what has happened since (the timeline the
 * worker follows).
 */
public final class FeedbackItem {

    public enum Status {
        RECEIVED, ROUTED, IN_PROGRESS, RESOLVED, CLOSED
    }

    /**
     * One step the worker sees: when, what kind, and a note (e.g. the handler's reply).
     *
     * @param dueAt on a ROUTED step, when the worker must have had a first answer (the 24-hour rule)
     */
    /**
     * @param handledBy        for a routing step: the organisation that works the case from then on ({@code TYPE:scope})
     * @param handlingDistrict for a routing step: the case's district from then on (a transfer may move it)
     */
    public record TimelineEntry(Instant at, String kind, String note, Instant dueAt, String handledBy, String handlingDistrict) {

        public TimelineEntry(Instant at, String kind, String note, Instant dueAt) {
            this(at, kind, note, dueAt, null, null);
        }

        public TimelineEntry(Instant at, String kind, String note) {
            this(at, kind, note, null);
        }
    }

    /** The organisation that works the item's case now, and the case's district: from its latest routing; empty before. */
    public record Handling(String organisation, String district) {
    }

    public java.util.Optional<Handling> handling() {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            TimelineEntry e = timeline.get(i);
            if ("ROUTED".equals(e.kind()) && e.handledBy() != null) {
                return java.util.Optional.of(new Handling(e.handledBy(), e.handlingDistrict()));
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Where the item stands against the first-answer deadline, as the worker sees it: WITHIN_DEADLINE,
     * OVERDUE, ESCALATED (a higher level supervises), ANSWERED_ON_TIME or ANSWERED_LATE; empty
     * before the item is routed. Routed again (transfer, reopening) starts from that step.
     */
    public record Sla(String state, Instant firstAnswerDueAt) {
    }

    public java.util.Optional<Sla> sla(Instant now) {
        int routed = -1;
        for (int i = 0; i < timeline.size(); i++) {
            if ("ROUTED".equals(timeline.get(i).kind()) && timeline.get(i).dueAt() != null) {
                routed = i;
            }
        }
        if (routed < 0) {
            return java.util.Optional.empty();
        }
        Instant due = timeline.get(routed).dueAt();
        boolean escalated = false;
        boolean waitingForYou = false;
        for (TimelineEntry step : timeline.subList(routed + 1, timeline.size())) {
            if ("RESPONDED".equals(step.kind()) || "RESOLVED".equals(step.kind())) {
                return java.util.Optional.of(new Sla(step.at().isAfter(due) ? "ANSWERED_LATE" : "ANSWERED_ON_TIME", due));
            }
            escalated |= "ESCALATED".equals(step.kind());
            waitingForYou = "WAITING_FOR_YOU".equals(step.kind()) || waitingForYou && !"RESUMED".equals(step.kind());
            if (step.dueAt() != null) {
                due = step.dueAt(); // moved: by the time waited on the worker, or a new holiday schedule
            }
        }
        // While the case waits on the worker its clock stands (the deadline moves by the wait when it runs again): it said
        // "within the deadline" with a date the worker could not rely on (exploratory test, 2026-12-04).
        String state = waitingForYou ? "WAITING_FOR_YOU" : escalated ? "ESCALATED" : now.isAfter(due) ? "OVERDUE" : "WITHIN_DEADLINE";
        return java.util.Optional.of(new Sla(state, due));
    }

    /** A newly accepted item and the events its acceptance caused. */
    public record Accepted(FeedbackItem item, List<DomainEvent> events) {
    }

    /** A changed item and the events its change caused. */
    public record Changed(FeedbackItem item, List<DomainEvent> events) {
    }

    /**
     * The worker's verdict on the outcome.
     *
     * @param defaulted the worker did not answer within the rating window and the documented default applied
     */
    public record Rating(Satisfaction satisfaction, String reason, boolean defaulted, Instant at) {
    }

    public static final int MAX_REASON = 500;

    private final String id;
    private final String trackingNumber;
    private final ValidSubmission content;
    private final Enterprise enterprise;
    private final Submitter submitter;
    private final Instant submittedAt;
    private final Status status;
    private final List<TimelineEntry> timeline;
    private final Instant resolvedAt;
    private final Rating rating;

    private FeedbackItem(String id, String trackingNumber, ValidSubmission content, Enterprise enterprise,
            Submitter submitter, Instant submittedAt, Status status, List<TimelineEntry> timeline, Instant resolvedAt,
            Rating rating) {
        this.id = id;
        this.trackingNumber = trackingNumber;
        this.content = content;
        this.enterprise = enterprise;
        this.submitter = submitter;
        this.submittedAt = submittedAt;
        this.status = status;
        this.timeline = List.copyOf(timeline);
        this.resolvedAt = resolvedAt;
        this.rating = rating;
    }

    /**
     * Accepts a checked submission. Phone and identity numbers written into the text are masked
     * before anything is stored or published: an anonymous worker should not be given away by
     * their own words, and nobody else needs the numbers.
     */
    public static Accepted accept(String id, String trackingNumber, ValidSubmission submission, Enterprise enterprise,
            Submitter submitter, Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MILLIS); // what storage keeps: the receipt and later reads agree
        if (submission.anonymous() && (submitter.contactName() != null || submitter.contactPhone() != null)) {
            throw new IllegalArgumentException("An anonymous item keeps no contact details");
        }
        ValidSubmission masked = new ValidSubmission(submission.type(), submission.category(), submission.channel(),
                submission.workerGroup(), submission.enterprise(), Masking.inText(submission.text()), submission.ratings(),
                submission.details(), submission.anonymous(), submission.contactName(), submission.contactPhone());
        FeedbackItem item = new FeedbackItem(id, trackingNumber, masked, enterprise, submitter, now, Status.RECEIVED,
                List.of(new TimelineEntry(now, "RECEIVED", null)), null, null);
        return new Accepted(item, List.of(item.submittedEvent()));
    }

    /** Rebuilds an item from storage. */
    public static FeedbackItem restore(String id, String trackingNumber, ValidSubmission content, Enterprise enterprise,
            Submitter submitter, Instant submittedAt, Status status, List<TimelineEntry> timeline, Instant resolvedAt,
            Rating rating) {
        return new FeedbackItem(id, trackingNumber, content, enterprise, submitter, submittedAt, status, timeline,
                resolvedAt, rating);
    }

    private FeedbackSubmitted submittedEvent() {
        Map<String, Integer> ratings = new LinkedHashMap<>();
        content.ratings().forEach((dimension, stars) -> ratings.put(dimension.name(), stars));
        return new FeedbackSubmitted(id, trackingNumber, content.type().name(), content.category().name(),
                content.channel().name(), content.type().needsHandling(), content.workerGroup().name(), enterprise.uscc(),
                enterprise.name(), enterprise.district(), content.anonymous(), content.text(),
                new LinkedHashMap<>(content.details()), ratings, submittedAt, reporterKey());
    }

    /**
     * The worker's pseudonym narrowed to this enterprise: the same worker's items about one
     * enterprise share it, so other systems can count distinct workers, but it reveals nobody and
     * links nothing across enterprises. The pseudonym is already keyed; hashing it with the
     * enterprise code adds the per-enterprise scope.
     */
    private String reporterKey() {
        // A worker's own account, or whom staff recorded it for (their phone, else the recorder).
        String person = submitter.pseudonym() != null ? submitter.pseudonym() : submitter.recordedFor();
        if (person == null) {
            return null;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    (person + "|" + enterprise.uscc()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * {@code next} (this item after one step of its case), unless this item shows that step already:
     * the same kind and note at the same moment (to the millisecond, as stored). A case event applied
     * a second time — a poll delivered again after a crash — then adds nothing to the worker's timeline.
     */
    public FeedbackItem unlessShown(FeedbackItem next) {
        if (next.timeline.size() <= timeline.size()) {
            return next;
        }
        TimelineEntry step = next.timeline.get(next.timeline.size() - 1);
        boolean shown = timeline.stream().anyMatch(e -> e.kind().equals(step.kind()) && Objects.equals(e.note(), step.note())
                && e.at().toEpochMilli() == step.at().toEpochMilli());
        return shown ? this : next;
    }

    /**
     * The case was routed (or passed on to another organisation): the worker sees to whom, with the
     * case number to quote, and by when they must hear back.
     */
    public FeedbackItem routed(String organisationName, String caseNumber, boolean transferred, Instant firstAnswerDueAt,
            Instant at) {
        return routed(organisationName, caseNumber, transferred, firstAnswerDueAt, null, null, at);
    }

    /** As above, with the organisation that works the case from now on and the case's district (see {@link #handling}). */
    public FeedbackItem routed(String organisationName, String caseNumber, boolean transferred, Instant firstAnswerDueAt,
            String handledBy, String handlingDistrict, Instant at) {
        String note = (transferred ? "转办至" : "") + organisationName + "（工单 " + caseNumber + "）";
        FeedbackItem advanced = advance("ROUTED", note, at, Status.ROUTED);
        List<TimelineEntry> steps = new ArrayList<>(advanced.timeline);
        steps.set(steps.size() - 1, new TimelineEntry(at, "ROUTED", note, firstAnswerDueAt, handledBy, handlingDistrict));
        return new FeedbackItem(id, trackingNumber, content, enterprise, submitter, submittedAt, advanced.status, steps,
                resolvedAt, rating);
    }

    /** The handling organisation answered; the worker reads the answer on the timeline. */
    public FeedbackItem responded(String answer, Instant at) {
        return advance("RESPONDED", answer, at, Status.IN_PROGRESS);
    }

    /** A step of the case the worker should know of, without moving the item's status. */
    public FeedbackItem noted(String kind, String note, Instant at) {
        return advance(kind, note, at, status);
    }

    /** As {@link #noted}, for a step that moved the first-answer deadline (null: it did not). */
    public FeedbackItem noted(String kind, String note, Instant firstAnswerDueAt, Instant at) {
        FeedbackItem advanced = advance(kind, note, at, status);
        if (firstAnswerDueAt == null) {
            return advanced;
        }
        List<TimelineEntry> steps = new ArrayList<>(advanced.timeline);
        steps.set(steps.size() - 1, new TimelineEntry(at, kind, note, firstAnswerDueAt));
        return new FeedbackItem(id, trackingNumber, content, enterprise, submitter, submittedAt, advanced.status, steps,
                resolvedAt, rating);
    }

    /** The item without the timeline steps {@code held} picks (what one viewer is not shown yet). */
    public FeedbackItem withoutSteps(java.util.function.Predicate<TimelineEntry> held) {
        List<TimelineEntry> shown = timeline.stream().filter(held.negate()).toList();
        return shown.size() == timeline.size() ? this
                : new FeedbackItem(id, trackingNumber, content, enterprise, submitter, submittedAt, status, shown, resolvedAt, rating);
    }

    /** The longest answer a worker sends in one go. */
    public static final int MAX_REPLY = 1000;

    /**
     * The worker answers the union (补充说明): what a paused case asked for, or more facts. A case waiting on them could
     * not be answered at all (exploratory test, 2026-12-04). Only while the item is being handled.
     */
    public Changed reply(String text, Instant at) {
        if (status == Status.RESOLVED || status == Status.CLOSED) {
            throw new ConflictException("feedback-not-open-for-replies", trackingNumber);
        }
        String said = text == null ? "" : Masking.inText(text.strip());
        if (said.isEmpty() || said.length() > MAX_REPLY) {
            throw new RuleViolationException("invalid-reply", List.of(new FieldViolation("text", said.isEmpty() ? "required" : "too-long",
                    MAX_REPLY)));
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        FeedbackItem replied = advance("REPLIED", said, now, status);
        return new Changed(replied, List.of(new cn.unionhub.events.feedback.WorkerReplied(id, trackingNumber, said, now)));
    }

    /** The case was resolved; the worker may now rate how satisfied they are. */
    public FeedbackItem resolved(String summary, Instant at) {
        FeedbackItem advanced = advance("RESOLVED", summary, at, Status.RESOLVED);
        return new FeedbackItem(id, trackingNumber, content, enterprise, submitter, submittedAt, advanced.status,
                advanced.timeline, resolvedAt == null ? at : resolvedAt, rating);
    }

    /** The case was reopened (the worker was not satisfied, or a supervisor sent it back): work goes on. */
    public FeedbackItem reopened(String note, Instant at) {
        List<TimelineEntry> steps = new ArrayList<>(timeline);
        steps.add(new TimelineEntry(at, "REOPENED", note));
        return new FeedbackItem(id, trackingNumber, content, enterprise, submitter, submittedAt, Status.IN_PROGRESS, steps,
                null, null);
    }

    /**
     * The worker rates a resolved item, once. Satisfied or partly satisfied closes it; not
     * satisfied needs a reason and is published so that the case reopens.
     */
    public Changed rate(Satisfaction satisfaction, String reason, boolean defaulted, Instant at) {
        if (status != Status.RESOLVED || rating != null) {
            throw new ConflictException("feedback-not-ratable", trackingNumber);
        }
        String why = reason == null || reason.isBlank() ? null : Masking.inText(reason.strip());
        if (satisfaction == Satisfaction.NOT_SATISFIED && why == null) {
            throw new RuleViolationException("invalid-rating", List.of(new FieldViolation("reason", "required")));
        }
        if (why != null && why.length() > MAX_REASON) {
            throw new RuleViolationException("invalid-rating", List.of(new FieldViolation("reason", "too-long", MAX_REASON)));
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        List<TimelineEntry> steps = new ArrayList<>(timeline);
        // The worker reads the note: the rating in words ("不满意：…"), as every other step's note is written.
        steps.add(new TimelineEntry(now, defaulted ? "RATED_BY_DEFAULT" : "RATED",
                satisfaction.label(java.util.Locale.ROOT) + (why == null ? "" : "：" + why)));
        Status next = satisfaction == Satisfaction.NOT_SATISFIED ? Status.RESOLVED : Status.CLOSED;
        FeedbackItem rated = new FeedbackItem(id, trackingNumber, content, enterprise, submitter, submittedAt, next, steps,
                resolvedAt, new Rating(satisfaction, why, defaulted, now));
        return new Changed(rated, List.of(new FeedbackRated(id, trackingNumber, satisfaction.name(), why, defaulted,
                enterprise.uscc(), enterprise.district(), now)));
    }

    /** When the worker last rated the item themselves (not the default), kept in its timeline also after a reopening. */
    public java.util.Optional<Instant> ratedByTheWorkerAt() {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            if ("RATED".equals(timeline.get(i).kind())) {
                return java.util.Optional.of(timeline.get(i).at());
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The item as it was before the worker's rating at {@code ratedAt}: resolved and unrated, without that step and
     * what followed (a reopening it caused). What the enterprise side of an anonymous worker is shown until the release
     * after the rating: the change shown at once would tell when the worker acted.
     */
    public FeedbackItem beforeRating(Instant ratedAt) {
        List<TimelineEntry> before = timeline.stream().filter(e -> e.at().isBefore(ratedAt)).toList();
        Instant resolved = before.stream().filter(e -> "RESOLVED".equals(e.kind())).map(TimelineEntry::at)
                .reduce((first, second) -> second).orElse(resolvedAt);
        return new FeedbackItem(id, trackingNumber, content, enterprise, submitter, submittedAt, Status.RESOLVED, before, resolved,
                null);
    }

    /** Resolved before the cutoff and still not rated: the documented default applies. */
    public boolean awaitsRatingSince(Instant cutoff) {
        return status == Status.RESOLVED && rating == null && resolvedAt != null && resolvedAt.isBefore(cutoff);
    }

    /** Adds a step; the status only ever moves forward, so late or repeated events cannot undo progress. */
    private FeedbackItem advance(String kind, String note, Instant at, Status target) {
        List<TimelineEntry> steps = new ArrayList<>(timeline);
        steps.add(new TimelineEntry(at, kind, note));
        Status next = target.ordinal() > status.ordinal() ? target : status;
        return new FeedbackItem(id, trackingNumber, content, enterprise, submitter, submittedAt, next, steps, resolvedAt, rating);
    }

    /** The worker whose account submitted it (matched by pseudonym, never by identity). */
    public boolean isOwnedBy(String pseudonym) {
        return pseudonym != null && pseudonym.equals(submitter.pseudonym());
    }

    /** The submitter, the enterprise's union, its district's staff, and platform roles may see it. */
    public boolean isVisibleTo(Actor actor, String actorPseudonym) {
        return isOwnedBy(actorPseudonym) || actor.canSee(enterprise.uscc(), enterprise.district());
    }

    /** Contact details are shown to the submitter, and to others only for named items. */
    public boolean showsIdentityTo(String actorPseudonym) {
        return isOwnedBy(actorPseudonym) || !content.anonymous();
    }

    public String id() {
        return id;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public ValidSubmission content() {
        return content;
    }

    public Enterprise enterprise() {
        return enterprise;
    }

    public Submitter submitter() {
        return submitter;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public Status status() {
        return status;
    }

    public List<TimelineEntry> timeline() {
        return new ArrayList<>(timeline);
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public Rating rating() {
        return rating;
    }
}
