package cn.unionhub.contest.registration.domain;

import cn.unionhub.contest.common.domain.IdHashes;
import cn.unionhub.contest.common.domain.Texts;
import cn.unionhub.contest.contest.domain.Contest;
import cn.unionhub.contest.contest.domain.ContestEvent;
import cn.unionhub.contest.contest.domain.Tier;
import cn.unionhub.events.contest.RegistrationApproved;
import cn.unionhub.events.DomainEvent;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A competitor's entry for one event: submitted through a channel before the event's deadline,
 * then approved or rejected by the contest office; withdrawn by the competitor or whoever entered
 * them. One live entry (submitted or approved) per person and event: the domain refuses a second
 * one it is shown, and the store keeps a unique key on (event, idHash) for the race between two.
 *
 * @param submittedBy the enterprise union or association that entered the competitor; null when they entered themselves
 * @param decision    who approved, rejected or withdrew it, when, and why; null while submitted
 */
public record Registration(String id, String contestId, String eventId, Competitor competitor, Channel channel,
        String submittedBy, Status status, Instant submittedAt, Decision decision) {

    public enum Status {
        SUBMITTED, APPROVED, REJECTED, WITHDRAWN;

        static final Set<Status> LIVE = EnumSet.of(SUBMITTED, APPROVED);
    }

    public record Decision(String by, Instant at, String reason) {
    }

    /** What entering a competitor needs, as the form gives it. */
    public record Application(Competitor competitor, Channel channel, String submittedBy) {
    }

    /** A changed registration and the events its change caused. */
    public record Changed(Registration registration, List<DomainEvent> events) {
    }

    /**
     * Enters a competitor for an event of a published contest.
     *
     * @param earlier the competitor's earlier registrations for the same event (any status)
     */
    public static Changed submit(String id, Contest contest, String eventId, Application form, List<Registration> earlier,
            Instant at) {
        return submit(id, contest, eventId, form, earlier, at, false);
    }

    /**
     * @param advanced a qualifier from the tier below: the higher event's deadline is for open registration, not for those
     *                 its lower contests send up (their notice may well end after it; every one of them was refused, and
     *                 shown "advances" on the lower notice all the same — exploratory test, 2026-12-05)
     */
    public static Changed submit(String id, Contest contest, String eventId, Application form, List<Registration> earlier,
            Instant at, boolean advanced) {
        if (!contest.isPublished()) {
            throw new ConflictException("contest-not-published", contest.id());
        }
        ContestEvent event = contest.event(eventId);
        if (!advanced && !at.isBefore(event.registrationClosesAt())) {
            throw new ConflictException("registration-closed", event.occupationName(), event.registrationClosesAt());
        }
        check(contest, event, form);
        if (earlier.stream().anyMatch(r -> r.eventId.equals(eventId) && Status.LIVE.contains(r.status)
                && r.competitor.idHash().equals(form.competitor().idHash()))) {
            throw new ConflictException("already-registered", event.occupationName());
        }
        Competitor c = form.competitor();
        Competitor clean = new Competitor(c.idHash(), c.name().strip(), c.enterprise(),
                c.enterpriseName() == null ? null : c.enterpriseName().strip(), c.employment());
        return new Changed(new Registration(id, contest.id(), eventId, clean, form.channel(),
                form.channel() == Channel.INDIVIDUAL ? null : form.submittedBy().strip(), Status.SUBMITTED,
                at.truncatedTo(ChronoUnit.MILLIS), null), List.of());
    }

    private static void check(Contest contest, ContestEvent event, Application form) {
        List<FieldViolation> wrong = new ArrayList<>();
        Competitor c = form.competitor();
        if (c == null) {
            throw new RuleViolationException("invalid-registration", List.of(new FieldViolation("competitor", "required")));
        }
        IdHashes.check(c.idHash(), "competitor.idHash", wrong);
        if (c.name() == null || c.name().isBlank()) {
            wrong.add(new FieldViolation("competitor.name", "required"));
        } else if (c.name().strip().length() > 50) {
            wrong.add(new FieldViolation("competitor.name", "too-long", 50));
        }
        if (c.employment() == null) {
            wrong.add(new FieldViolation("competitor.employment", "required"));
        } else if (c.isEmployee() && !ChineseIdentifiers.isValidUscc(c.enterprise())) {
            // The employer is what keeps judges off their own colleagues: it must be exact.
            wrong.add(new FieldViolation("competitor.enterprise", "invalid-uscc"));
        } else if (!c.isEmployee() && c.enterprise() != null) {
            wrong.add(new FieldViolation("competitor.enterprise", "employer-without-employment"));
        }
        if (c.employment() != null && !c.isEmployee() && event.rules().employeesOnly()) {
            wrong.add(new FieldViolation("competitor.employment", "employees-only"));
        }
        if (contest.tier() == Tier.ENTERPRISE && c.isEmployee() && !contest.organiser().equals(c.enterprise())) {
            wrong.add(new FieldViolation("competitor.enterprise", "not-of-organising-enterprise"));
        }
        if (form.channel() == null) {
            wrong.add(new FieldViolation("channel", "required"));
        } else if (form.channel() != Channel.INDIVIDUAL && (form.submittedBy() == null || form.submittedBy().isBlank())) {
            wrong.add(new FieldViolation("submittedBy", "required"));
        } else if (form.channel() == Channel.ENTERPRISE_UNION && !c.isEmployee()) {
            // An enterprise union enters its own members; anyone else comes individually or through an association.
            wrong.add(new FieldViolation("channel", "enterprise-union-enters-employees"));
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-registration", wrong);
        }
    }

    public Changed approve(String by, Instant at) {
        require(Status.SUBMITTED, "approve");
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        return new Changed(with(Status.APPROVED, new Decision(by, now, null)),
                List.of(new RegistrationApproved(id, contestId, eventId, channel.name(), now)));
    }

    public Changed reject(String by, String reason, Instant at) {
        require(Status.SUBMITTED, "reject");
        return new Changed(with(Status.REJECTED, new Decision(by, at.truncatedTo(ChronoUnit.MILLIS), Texts.reason(reason))),
                List.of());
    }

    /** Withdrawn (退赛): no longer scored or ranked; the competitor may enter again before the deadline. */
    public Changed withdraw(String by, String reason, Instant at) {
        if (!Status.LIVE.contains(status)) {
            throw new ConflictException("registration-status", id, status.name(), "withdraw");
        }
        return new Changed(with(Status.WITHDRAWN, new Decision(by, at.truncatedTo(ChronoUnit.MILLIS), Texts.reason(reason))),
                List.of());
    }

    /** Whether the competitor is in the event: to be scored, ranked and awarded. */
    public boolean isApproved() {
        return status == Status.APPROVED;
    }

    private void require(Status expected, String action) {
        if (status != expected) {
            throw new ConflictException("registration-status", id, status.name(), action);
        }
    }

    private Registration with(Status next, Decision why) {
        return new Registration(id, contestId, eventId, competitor, channel, submittedBy, next, submittedAt, why);
    }
}
