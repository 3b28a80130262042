package cn.unionhub.contest.contest.domain;

import cn.unionhub.events.contest.ContestPublished;
import cn.unionhub.events.DomainEvent;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A skill contest run by one tier for one region and year (e.g. 2025年河北省职工职业技能大赛), with its
 * events and, below the top, the contest its best advance to. It is planned as a draft, then
 * published: from then on its events and their rules are fixed, because competitors register
 * against them and a weight changed afterwards would change who wins.
 *
 * @param organiser the union that runs it, or for an enterprise contest the enterprise's unified social credit code
 */
public record Contest(String id, String name, Tier tier, Region region, int year, String organiser, Status status,
        List<ContestEvent> events, Advancement advancement, Instant publishedAt) {

    private static final Pattern OCCUPATION_CODE = Pattern.compile("\\d-\\d{2}-\\d{2}-\\d{2}");

    public enum Status {
        DRAFT, PUBLISHED
    }

    /** What planning a contest needs, as the form gives it. */
    public record Plan(String name, Tier tier, String region, int year, String organiser) {
    }

    /** An event as the form gives it. */
    public record EventForm(String id, String occupationCode, String occupationName, EventRules rules,
            Instant registrationClosesAt) {
    }

    /** A changed contest and the events its change caused. */
    public record Changed(Contest contest, List<DomainEvent> events) {
    }

    public Contest {
        events = List.copyOf(events);
    }

    public static Contest plan(String id, Plan plan) {
        List<FieldViolation> wrong = new ArrayList<>();
        if (plan.name() == null || plan.name().isBlank()) {
            wrong.add(new FieldViolation("name", "required"));
        } else if (plan.name().strip().length() > 100) {
            wrong.add(new FieldViolation("name", "too-long", 100));
        }
        Tier.checkPlacement(plan.tier(), plan.region(), plan.year(), wrong);
        if (plan.organiser() == null || plan.organiser().isBlank()) {
            wrong.add(new FieldViolation("organiser", "required"));
        } else if (plan.tier() == Tier.ENTERPRISE && !ChineseIdentifiers.isValidUscc(plan.organiser())) {
            // An enterprise contest is its employees' contest: the enterprise must be known exactly.
            wrong.add(new FieldViolation("organiser", "invalid-uscc"));
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-contest", wrong);
        }
        return new Contest(id, plan.name().strip(), plan.tier(), new Region(plan.region()), plan.year(), plan.organiser().strip(),
                Status.DRAFT, List.of(), null, null);
    }

    /** Adds an event while the contest is a draft. */
    public Contest withEvent(EventForm form) {
        requireDraft();
        List<FieldViolation> wrong = new ArrayList<>();
        if (form.occupationName() == null || form.occupationName().isBlank()) {
            wrong.add(new FieldViolation("occupationName", "required"));
        } else if (form.occupationName().strip().length() > 50) {
            wrong.add(new FieldViolation("occupationName", "too-long", 50));
        }
        if (form.occupationCode() != null && !OCCUPATION_CODE.matcher(form.occupationCode()).matches()) {
            wrong.add(new FieldViolation("occupationCode", "invalid-occupation-code"));
        }
        if (form.rules() == null) {
            wrong.add(new FieldViolation("rules", "required"));
        } else {
            wrong.addAll(form.rules().violations("")); // the API takes an event's rules as the event's own fields
        }
        if (form.registrationClosesAt() == null) {
            wrong.add(new FieldViolation("registrationClosesAt", "required"));
        }
        boolean sameOccupation = events.stream().anyMatch(e -> e.occupationName().equals(form.occupationName() == null
                ? null : form.occupationName().strip()));
        if (sameOccupation) {
            // Advancement pairs events across tiers by occupation, so one contest holds each occupation once.
            wrong.add(new FieldViolation("occupationName", "duplicate-occupation", form.occupationName().strip()));
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-contest-event", wrong);
        }
        if (events.stream().anyMatch(e -> e.id().equals(form.id()))) {
            throw new ConflictException("contest-event-exists", form.id());
        }
        List<ContestEvent> next = new ArrayList<>(events);
        next.add(new ContestEvent(form.id(), id, form.occupationCode(), form.occupationName().strip(), form.rules(),
                form.registrationClosesAt()));
        return new Contest(id, name, tier, region, year, organiser, status, next, advancement, publishedAt);
    }

    /**
     * Links this contest to the one its best go on to: a higher tier, the same year, a region that
     * contains this one (a county's contest feeds its own city's, not a neighbour's).
     */
    public Contest advancingTo(Contest higher, int quota, TieRule tieRule) {
        requireDraft();
        List<FieldViolation> wrong = new ArrayList<>();
        if (!higher.tier.isAbove(tier)) {
            wrong.add(new FieldViolation("advancement.contest", "not-a-higher-tier", higher.tier.name(), tier.name()));
        }
        if (higher.year != year) {
            wrong.add(new FieldViolation("advancement.contest", "another-year", higher.year));
        }
        if (!higher.region.contains(region)) {
            wrong.add(new FieldViolation("advancement.contest", "region-not-contained", higher.region.code(), region.code()));
        }
        if (quota < 1 || quota > 1000) {
            wrong.add(new FieldViolation("advancement.quota", "out-of-range", 1, 1000));
        }
        if (tieRule == null) {
            wrong.add(new FieldViolation("advancement.tieRule", "required"));
        }
        // Advancement pairs events by occupation: an event the higher contest does not hold would send its best nowhere
        // (its notice said "advances" all the same, exploratory test, 2026-12-05).
        for (ContestEvent event : events) {
            if (higher.events.stream().noneMatch(e -> e.occupationName().equals(event.occupationName()))) {
                wrong.add(new FieldViolation("advancement.contest", "no-event-for-occupation", higher.id, event.occupationName()));
            }
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-advancement", wrong);
        }
        return new Contest(id, name, tier, region, year, organiser, status, events,
                new Advancement(higher.id, higher.tier, quota, tieRule), publishedAt);
    }

    /** Opens registration; every event needs a registration deadline still ahead. */
    public Changed publish(Instant at) {
        requireDraft();
        List<FieldViolation> wrong = new ArrayList<>();
        if (events.isEmpty()) {
            wrong.add(new FieldViolation("events", "required"));
        }
        for (int i = 0; i < events.size(); i++) {
            if (!events.get(i).registrationClosesAt().isAfter(at)) {
                wrong.add(new FieldViolation("events[" + i + "].registrationClosesAt", "in-the-past"));
            }
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-contest", wrong);
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Contest published = new Contest(id, name, tier, region, year, organiser, Status.PUBLISHED, events, advancement, now);
        return new Changed(published, List.of(new ContestPublished(id, name, tier.name(), region.code(), year,
                events.stream().map(ContestEvent::id).toList(), advancement == null ? null : advancement.toContestId(), now)));
    }

    public ContestEvent event(String eventId) {
        return events.stream().filter(e -> e.id().equals(eventId)).findFirst()
                .orElseThrow(() -> new NotFoundException("contest-event-not-found", eventId));
    }

    public boolean isPublished() {
        return status == Status.PUBLISHED;
    }

    private void requireDraft() {
        if (status != Status.DRAFT) {
            throw new ConflictException("contest-published", id);
        }
    }
}
