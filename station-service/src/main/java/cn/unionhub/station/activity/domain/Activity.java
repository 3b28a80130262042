package cn.unionhub.station.activity.domain;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.station.ActivityCancelled;
import cn.unionhub.events.station.ActivityFull;
import cn.unionhub.events.station.ActivityPublished;
import cn.unionhub.events.station.ActivitySignedUp;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An activity at a station (health check, legal advice, cool-drink day) with its places: sign-ups
 * are confirmed in arrival order until the places are taken, then wait in arrival order; when a
 * confirmed person cancels, the first one waiting moves up. Never more confirmed than places: the
 * whole list is one document written under optimistic locking, so two instances cannot both take
 * the last place. People are kept by pseudonym (the worker's keyed hash), never by name or account.
 * Those who keep the station may call it off (rain, a heat warning, the doctor ill) with a reason the
 * people signed up are shown; it then takes no sign-ups and no changes.
 *
 * @param confirmed    the pseudonyms with a place, in the order they got it
 * @param waiting      the pseudonyms waiting, first come first
 * @param cancellation why, by whom and when it was called off; null while it stands
 */
public record Activity(String id, String station, String district, String title, String description, Instant startsAt,
        Instant endsAt, int capacity, List<Entry> confirmed, List<Entry> waiting, Cancellation cancellation, String publishedBy,
        Instant publishedAt) {

    /** The longest reason a call-off may give. */
    public static final int MAX_REASON = 200;

    /** An activity called off: the reason shown to those signed up, who called it off, and when. */
    public record Cancellation(String reason, String by, Instant at) {
    }

    /**
     * The longest waitlist kept beside the places: ten per place, and never fewer than 500, so a
     * small activity's queue holds a crowd (200 taps for 30 places) while a longer one would only
     * disappoint.
     */
    public static int maxWaiting(int capacity) {
        return Math.max(500, capacity * 10);
    }

    /** Someone's place or place in the queue, and when they signed up. */
    public record Entry(String who, Instant at) {
    }

    public enum Outcome {
        CONFIRMED, WAITLISTED
    }

    /** A changed activity, the events its change caused, and what the caller's own sign-up now is. */
    public record Changed(Activity activity, List<DomainEvent> events, Optional<Outcome> outcome) {
    }

    public Activity {
        confirmed = List.copyOf(confirmed);
        waiting = List.copyOf(waiting);
    }

    /**
     * A worker's sign-ups as they want them: what is still to come first, soonest first, then what has ended, latest first
     * (an ended activity, "next in line", led the list above the real upcoming one, exploratory test, 2026-12-05).
     */
    public static java.util.Comparator<Activity> upcomingFirst(Instant now) {
        return java.util.Comparator.comparing((Activity a) -> !a.endsAt().isAfter(now))
                .thenComparing(a -> a.endsAt().isAfter(now) ? a.startsAt().toEpochMilli() : -a.endsAt().toEpochMilli());
    }

    public static Changed publish(String id, String station, String district, String title, String description,
            Instant startsAt, Instant endsAt, int capacity, String by, Instant at) {
        List<FieldViolation> wrong = new ArrayList<>();
        if (title == null || title.isBlank() || title.strip().length() > 100) {
            wrong.add(new FieldViolation("title", title == null || title.isBlank() ? "required" : "too-long", 100));
        }
        if (description != null && description.length() > 2000) {
            wrong.add(new FieldViolation("description", "too-long", 2000));
        }
        if (capacity < 1 || capacity > 10_000) {
            wrong.add(new FieldViolation("capacity", "out-of-range", 1, 10_000));
        }
        if (startsAt == null || endsAt == null || !endsAt.isAfter(startsAt)) {
            wrong.add(new FieldViolation("endsAt", "ends-before-start"));
        } else if (startsAt.isBefore(at)) {
            wrong.add(new FieldViolation("startsAt", "in-the-past"));
        } else if (Duration.between(startsAt, endsAt).toDays() > 31) {
            wrong.add(new FieldViolation("endsAt", "too-long-an-activity", 31));
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-activity", wrong);
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Activity a = new Activity(id, station, district, title.strip(), description == null ? null : description.strip(),
                startsAt, endsAt, capacity, List.of(), List.of(), null, by, now);
        return new Changed(a, List.of(new ActivityPublished(id, station, district, a.title, startsAt, endsAt, capacity, now)),
                Optional.empty());
    }

    /** Signs someone up; signing up again is answered with what they already have. */
    public Changed signUp(String who, Instant at) {
        Optional<Outcome> already = outcomeOf(who);
        if (already.isPresent()) {
            return new Changed(this, List.of(), already);
        }
        if (cancelled() || !at.isBefore(startsAt)) {
            throw new ConflictException("activity-closed", id);
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        List<DomainEvent> events = new ArrayList<>();
        Activity next;
        Outcome outcome;
        if (confirmed.size() < capacity) {
            List<Entry> places = new ArrayList<>(confirmed);
            places.add(new Entry(who, now));
            next = with(places, waiting);
            outcome = Outcome.CONFIRMED;
        } else if (waiting.size() < maxWaiting(capacity)) {
            List<Entry> queue = new ArrayList<>(waiting);
            queue.add(new Entry(who, now));
            next = with(confirmed, queue);
            outcome = Outcome.WAITLISTED;
        } else {
            throw new ConflictException("activity-waitlist-full", id);
        }
        events.add(new ActivitySignedUp(id, station, outcome.name(), next.confirmed.size(), next.waiting.size(), now));
        if (outcome == Outcome.CONFIRMED && next.confirmed.size() == capacity) {
            events.add(new ActivityFull(id, station, capacity, now));
        }
        return new Changed(next, events, Optional.of(outcome));
    }

    /** Gives up a place (the first one waiting moves up) or a place in the queue; nothing to give up is no change. */
    public Changed cancel(String who, Instant at) {
        List<Entry> places = new ArrayList<>(confirmed);
        List<Entry> queue = new ArrayList<>(waiting);
        boolean hadPlace = places.removeIf(e -> e.who().equals(who));
        boolean wasWaiting = queue.removeIf(e -> e.who().equals(who));
        if (!hadPlace && !wasWaiting) {
            return new Changed(this, List.of(), Optional.empty());
        }
        if (hadPlace && !at.isBefore(startsAt) && !cancelled()) {
            // Once it has begun the list is who was expected: giving up a place then erased the record (exploratory test,
            // 2026-12-04). Before, a place given up goes to the first one waiting.
            throw new ConflictException("activity-started", id);
        }
        if (hadPlace && !queue.isEmpty() && at.isBefore(startsAt) && !cancelled()) {
            Entry first = queue.remove(0);
            places.add(new Entry(first.who(), at.truncatedTo(ChronoUnit.MILLIS)));
        }
        return new Changed(with(places, queue), List.of(), Optional.empty());
    }

    /**
     * More or fewer places: never below the people already confirmed (a 400 naming the field); more
     * places move the first ones waiting up at once.
     */
    public Changed withCapacity(int places, Instant at) {
        if (places < confirmed.size() || places < 1 || places > 10_000) {
            throw new RuleViolationException("invalid-activity", List.of(places >= 1 && places < confirmed.size()
                    ? new FieldViolation("capacity", "below-confirmed", confirmed.size())
                    : new FieldViolation("capacity", "out-of-range", 1, 10_000)));
        }
        if (cancelled() || !at.isBefore(startsAt)) {
            throw new ConflictException("activity-closed", id);
        }
        List<Entry> seats = new ArrayList<>(confirmed);
        List<Entry> queue = new ArrayList<>(waiting);
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        while (seats.size() < places && !queue.isEmpty()) {
            seats.add(new Entry(queue.remove(0).who(), now));
        }
        Activity next = new Activity(id, station, district, title, description, startsAt, endsAt, places, seats, queue, cancellation,
                publishedBy, publishedAt);
        return new Changed(next, List.of(), Optional.empty());
    }

    /**
     * Calls the activity off, with the reason those signed up are shown; calling it off again changes
     * nothing (the first reason stands). An activity that has ended cannot be called off: it took place.
     */
    public Changed cancel(String reason, String by, Instant at) {
        String why = reason == null ? "" : reason.strip();
        // Counted in characters as people count them (an emoji is one), and a reason of zero-width characters is none.
        boolean shows = !cn.unionhub.platform.text.PlainText.isBlank(why);
        if (!shows || why.codePointCount(0, why.length()) > MAX_REASON) {
            throw new RuleViolationException("invalid-activity",
                    List.of(new FieldViolation("reason", shows ? "too-long" : "required", MAX_REASON)));
        }
        if (cancelled()) {
            return new Changed(this, List.of(), Optional.empty());
        }
        if (!at.isBefore(endsAt)) {
            throw new ConflictException("activity-over", id);
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Activity next = new Activity(id, station, district, title, description, startsAt, endsAt, capacity, confirmed, waiting,
                new Cancellation(why, by, now), publishedBy, publishedAt);
        return new Changed(next, List.of(new ActivityCancelled(id, station, district, why, confirmed.size(), waiting.size(), now)),
                Optional.empty());
    }

    public boolean cancelled() {
        return cancellation != null;
    }

    /** Why it was called off, as those signed up are shown; null while it stands. */
    public String cancelReason() {
        return cancelled() ? cancellation.reason() : null;
    }

    /** A reason made to fit {@link #MAX_REASON} characters (a delisting's may be longer), cut with an ellipsis. */
    public static String fitting(String reason) {
        return reason.codePointCount(0, reason.length()) <= MAX_REASON ? reason
                : reason.substring(0, reason.offsetByCodePoints(0, MAX_REASON - 1)) + "…";
    }

    public Optional<Outcome> outcomeOf(String who) {
        if (confirmed.stream().anyMatch(e -> e.who().equals(who))) {
            return Optional.of(Outcome.CONFIRMED);
        }
        return waiting.stream().anyMatch(e -> e.who().equals(who)) ? Optional.of(Outcome.WAITLISTED) : Optional.empty();
    }

    /** Where someone waits: 1 for the first in the queue; empty when not waiting. */
    public Optional<Integer> queuePosition(String who) {
        for (int i = 0; i < waiting.size(); i++) {
            if (waiting.get(i).who().equals(who)) {
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }

    /** Places still to take: none once called off, whoever gave theirs up since. */
    public int placesLeft() {
        return cancelled() ? 0 : Math.max(0, capacity - confirmed.size());
    }

    /** Places still to take at {@code now}: none once it has begun (it showed ten left after the start, when nobody may sign up). */
    public int placesLeft(Instant now) {
        return now.isBefore(startsAt) ? placesLeft() : 0;
    }

    private Activity with(List<Entry> places, List<Entry> queue) {
        return new Activity(id, station, district, title, description, startsAt, endsAt, capacity, places, queue, cancellation,
                publishedBy, publishedAt);
    }
}
