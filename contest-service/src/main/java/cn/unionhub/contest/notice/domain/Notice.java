package cn.unionhub.contest.notice.domain;

import cn.unionhub.contest.common.domain.Texts;
import cn.unionhub.events.contest.ObjectionFiled;
import cn.unionhub.events.contest.ObjectionResolved;
import cn.unionhub.events.DomainEvent;
import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.calendar.SlaClock;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A public notice (公示) of results or of a list of nominees, open for objections for a number of
 * working days. The period is counted on the statutory calendar in Beijing days: it begins on the
 * day after the notice goes up — a notice put up in the afternoon still gets its full days — and
 * runs through the last of its working days, skipping weekends and holidays and counting the weekend
 * days worked instead (调休). Five working days from Tuesday 30 September 2025 end on Tuesday
 * 14 October: the National Day holiday counts nothing and Saturday 11 October counts.
 *
 * <p>While open, anyone may object by name with evidence; afterwards no more objections are taken.
 * Each objection is answered, upheld or rejected, with a reason. A notice is <em>settled</em> when
 * its period has ended and every objection has been answered. When an objection is upheld its owner
 * changes what was noticed and puts it up again on a new notice, which takes over any objection not
 * yet answered; the old notice is superseded and takes no more objections.
 *
 * @param subject      what is noticed: an event's id (its results) or a craftsman batch's id
 * @param round        1 for the first notice of the subject, 2 after the first upheld objection, …
 * @param closesAt     the first instant objections are no longer taken: midnight after the last working day
 * @param provisional  the period ends in a year whose holiday schedule is not published yet; it may move
 */
public record Notice(String id, String subject, int round, Instant opensAt, Instant closesAt, int workingDays,
        boolean provisional, List<Objection> objections, Instant supersededAt) {

    public static final int MAX_WORKING_DAYS = 30;
    private static final int MAX_GROUNDS = 2000;
    private static final int MAX_EVIDENCE = 20;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** A changed notice and the events its change caused. */
    public record Changed(Notice notice, List<DomainEvent> events) {
    }

    /** What objecting needs, as the form gives it. */
    public record ObjectionForm(String concerns, Objection.Objector objector, String grounds, List<Objection.Evidence> evidence) {

        /** The form with the objector's own sign-in recorded: an objection is by name, and the account says whose. */
        public ObjectionForm signedBy(String account) {
            return new ObjectionForm(concerns, objector == null ? null : new Objection.Objector(objector.name(), objector.contact(),
                    account), grounds, evidence);
        }
    }

    public Notice {
        objections = List.copyOf(objections);
    }

    /**
     * Puts a notice up.
     *
     * @param carried objections filed on the notice this one replaces and not answered yet
     */
    public static Notice open(String id, String subject, int round, int workingDays, BusinessCalendar calendar, Instant at,
            List<Objection> carried) {
        if (workingDays < 1 || workingDays > MAX_WORKING_DAYS) {
            throw new RuleViolationException("invalid-notice", List.of(new FieldViolation("workingDays", "out-of-range", 1,
                    MAX_WORKING_DAYS)));
        }
        if (carried.stream().anyMatch(Objection::isAnswered)) {
            throw new IllegalArgumentException("only unanswered objections are carried to a new notice");
        }
        Instant closes = closingOf(at, workingDays, calendar);
        return new Notice(id, subject, round, at.truncatedTo(ChronoUnit.MILLIS), closes, workingDays,
                calendar.isProvisional(closes.minusMillis(1)), carried, null);
    }

    /** Midnight (Beijing) after the {@code workingDays}-th working day following the day of {@code at}. */
    public static Instant closingOf(Instant at, int workingDays, BusinessCalendar calendar) {
        LocalDate day = at.atZone(BusinessCalendar.BEIJING).toLocalDate();
        Instant nextMidnight = day.plusDays(1).atStartOfDay(BusinessCalendar.BEIJING).toInstant();
        // Whole working days from midnight: each working day gives 24 hours, a holiday none.
        return calendar.plus(nextMidnight, Duration.ofDays(workingDays), SlaClock.WORKING_DAYS);
    }

    /** Whether objections are taken at {@code at}. */
    public boolean isOpen(Instant at) {
        return supersededAt == null && !at.isBefore(opensAt) && at.isBefore(closesAt);
    }

    /** The period is over (or the notice was replaced): no more objections. */
    public boolean hasClosed(Instant at) {
        return supersededAt != null || !at.isBefore(closesAt);
    }

    /** Over, not replaced, and every objection answered: what was noticed may become final. */
    public boolean isSettled(Instant at) {
        return supersededAt == null && !at.isBefore(closesAt) && unanswered().isEmpty();
    }

    public List<Objection> unanswered() {
        return objections.stream().filter(o -> !o.isAnswered()).toList();
    }

    public Objection objection(String objectionId) {
        return objections.stream().filter(o -> o.id().equals(objectionId)).findFirst()
                .orElseThrow(() -> new NotFoundException("objection-not-found", objectionId));
    }

    /** Files an objection while the notice is open. */
    public Changed file(String objectionId, ObjectionForm form, Instant at) {
        if (supersededAt != null) {
            throw new ConflictException("notice-superseded", id);
        }
        if (at.isBefore(opensAt)) {
            throw new ConflictException("notice-not-open", id);
        }
        if (!at.isBefore(closesAt)) {
            throw new ConflictException("notice-closed", id, closesAt);
        }
        check(form);
        if (objections.stream().anyMatch(o -> o.id().equals(objectionId))) {
            throw new ConflictException("objection-exists", objectionId);
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Objection.Objector who = form.objector();
        Objection filed = new Objection(objectionId, form.concerns(),
                new Objection.Objector(who.name().strip(), who.contact().strip(), who.account()), form.grounds().strip(),
                form.evidence(), now, id, null);
        List<Objection> next = new ArrayList<>(objections);
        next.add(filed);
        return new Changed(with(next, supersededAt), List.of(new ObjectionFiled(subject, id, objectionId, form.concerns(), now)));
    }

    /** Answers an objection, once, with a reason; also after the period has ended. */
    public Changed answer(String objectionId, Verdict verdict, String reason, String by, Instant at) {
        if (supersededAt != null) {
            throw new ConflictException("notice-superseded", id);
        }
        Objection objection = objection(objectionId);
        if (objection.isAnswered()) {
            throw new ConflictException("objection-answered", objectionId);
        }
        if (verdict == null) {
            throw new RuleViolationException("invalid-answer", List.of(new FieldViolation("verdict", "required")));
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Objection answered = objection.answered(new Objection.Answer(verdict, Texts.reason(reason), by, now));
        List<Objection> next = objections.stream().map(o -> o.id().equals(objectionId) ? answered : o).toList();
        return new Changed(with(next, supersededAt), List.of(new ObjectionResolved(subject, id, objectionId,
                objection.concerns(), verdict.name(), now)));
    }

    /** Replaced by a new notice of the same subject; takes no more objections or answers. */
    public Notice supersede(Instant at) {
        return supersededAt != null ? this : with(objections, at.truncatedTo(ChronoUnit.MILLIS));
    }

    private static void check(ObjectionForm form) {
        List<FieldViolation> wrong = new ArrayList<>();
        Objection.Objector who = form.objector();
        if (who == null || who.name() == null || who.name().isBlank()) {
            wrong.add(new FieldViolation("objector.name", "required"));
        } else if (who.name().strip().length() > 50) {
            wrong.add(new FieldViolation("objector.name", "too-long", 50));
        }
        String contact = who == null || who.contact() == null ? null : who.contact().strip();
        if (contact == null || contact.isEmpty()) {
            wrong.add(new FieldViolation("objector.contact", "required"));
        } else if (!ChineseIdentifiers.isValidMobile(contact) && !ChineseIdentifiers.isValidLandline(contact)) {
            wrong.add(new FieldViolation("objector.contact", "invalid-phone"));
        }
        if (form.grounds() == null || form.grounds().isBlank()) {
            wrong.add(new FieldViolation("grounds", "required"));
        } else if (form.grounds().strip().length() > MAX_GROUNDS) {
            wrong.add(new FieldViolation("grounds", "too-long", MAX_GROUNDS));
        }
        List<Objection.Evidence> evidence = form.evidence() == null ? List.of() : form.evidence();
        if (evidence.isEmpty()) {
            wrong.add(new FieldViolation("evidence", "evidence-required"));
        } else if (evidence.size() > MAX_EVIDENCE) {
            wrong.add(new FieldViolation("evidence", "too-many", MAX_EVIDENCE));
        }
        for (int i = 0; i < evidence.size(); i++) {
            Objection.Evidence e = evidence.get(i);
            if (e.name() == null || e.name().isBlank() || e.size() <= 0 || e.sha256() == null || !SHA256.matcher(e.sha256()).matches()) {
                wrong.add(new FieldViolation("evidence[" + i + "]", "invalid"));
            }
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-objection", wrong);
        }
    }

    private Notice with(List<Objection> next, Instant superseded) {
        return new Notice(id, subject, round, opensAt, closesAt, workingDays, provisional, next, superseded);
    }
}
