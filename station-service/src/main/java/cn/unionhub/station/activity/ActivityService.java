package cn.unionhub.station.activity;

import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.identity.Pseudonyms;
import cn.unionhub.security.Actor;
import cn.unionhub.station.activity.domain.Activity;
import cn.unionhub.station.activity.store.Activities;
import cn.unionhub.station.registry.StationService;
import cn.unionhub.station.registry.UpcomingActivities;
import cn.unionhub.station.registry.domain.Station;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Activities at stations: published by those who keep the station, signed up for by workers. */
@Service
public class ActivityService implements UpcomingActivities {

    /** A worker's sign-up as they see it: confirmed, or waiting at a position; {@code created} on the first tap. */
    public record SignUp(Activity activity, Activity.Outcome outcome, Integer position, boolean created) {
    }

    private final Activities activities;
    private final StationService stations;
    private final Pseudonyms pseudonyms;
    private final Clock clock;

    ActivityService(Activities activities, StationService stations, Pseudonyms pseudonyms, Clock clock) {
        this.activities = activities;
        this.stations = stations;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    /** Publishes once per {@code Idempotency-Key} (per caller): a retry answers the activity the first request published. */
    public Activity publish(String number, String title, String description, Instant startsAt, Instant endsAt, int capacity,
            String idempotencyKey, Actor actor) {
        Station station = stations.record(number, actor);
        if (!station.isVisibleToWorkers()) {
            throw new ConflictException("station-not-listed", number);
        }
        String fingerprint = cn.unionhub.platform.domain.HashChain.fields().add(number).add(title).add(description)
                .add(String.valueOf(startsAt)).add(String.valueOf(endsAt)).add(capacity).sha256();
        var claim = activities.publicationKeys().claim(actor.subject(), idempotencyKey, fingerprint, () -> "act-" + UUID.randomUUID());
        if (claim.isPresent() && !claim.get().first()) {
            var earlier = activities.byId(claim.get().id());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        String id = claim.map(cn.unionhub.platform.store.RequestKeys.Claim::id).orElseGet(() -> "act-" + UUID.randomUUID());
        Activity.Changed published = Activity.publish(id, station.number(), station.district(), title,
                description, startsAt, endsAt, capacity, actor.subject(), clock.instant());
        try {
            activities.insert(published);
        } catch (org.springframework.dao.DuplicateKeyException twice) {
            return activities.byId(id).orElseThrow(() -> twice); // the same key's first request stored it a moment ago
        }
        return published.activity();
    }

    /** More or fewer places, by those who keep the station (never below the people confirmed). */
    public Activity changeCapacity(String id, int places, Actor actor) {
        Activity activity = find(id);
        stations.record(activity.station(), actor); // 404 unless the caller keeps or governs the station
        return activities.change(id, a -> a.withCapacity(places, clock.instant())).map(Activity.Changed::activity)
                .orElseThrow(() -> new NotFoundException("activity-not-found", id));
    }

    /** Calls the activity off, by those who keep or govern its station; again, it stays as it was. */
    public Activity callOff(String id, String reason, Actor actor) {
        Activity activity = find(id);
        stations.record(activity.station(), actor); // 404 unless the caller keeps or governs the station
        return activities.change(id, a -> a.cancel(reason, actor.subject(), clock.instant())).map(Activity.Changed::activity)
                .orElseThrow(() -> new NotFoundException("activity-not-found", id));
    }

    @Override
    public void callOffAll(String station, String reason, String by) {
        String why = Activity.fitting(reason);
        Instant now = clock.instant();
        // A station has a handful of activities ahead; the bound only keeps one read small.
        for (Activity activity : activities.upcoming(station, now, 1_000)) {
            if (!activity.cancelled()) {
                activities.change(activity.id(), a -> a.cancel(why, by, now));
            }
        }
    }

    public List<Activity> upcoming(String number) {
        Station station = stations.visible(number);
        return activities.upcoming(station.number(), clock.instant(), 50);
    }

    public Activity find(String id) {
        return activities.byId(id).orElseThrow(() -> new NotFoundException("activity-not-found", id));
    }

    public SignUp signUp(String id, Actor worker) {
        String who = pseudonyms.of(worker.subject());
        activities.noteSignUp(who, id); // one for an activity that does not exist is read and dropped with the list
        Activity.Changed changed = activities.change(id, a -> a.signUp(who, clock.instant()))
                .orElseThrow(() -> new NotFoundException("activity-not-found", id));
        Activity now = changed.activity();
        return new SignUp(now, changed.outcome().orElseThrow(), now.queuePosition(who).orElse(null), !changed.events().isEmpty());
    }

    /** The worker's own sign-ups that stand (a place, or a place in the queue), called off ones included ({@link Activity#upcomingFirst}). */
    public List<SignUp> mine(Actor worker) {
        String who = pseudonyms.of(worker.subject());
        return activities.signedUp(who).stream().sorted(Activity.upcomingFirst(clock.instant()))
                .map(a -> new SignUp(a, a.outcomeOf(who).orElseThrow(), a.queuePosition(who).orElse(null), false)).toList();
    }

    public SignUp mine(String id, Actor worker) {
        String who = pseudonyms.of(worker.subject());
        Activity activity = find(id);
        Activity.Outcome outcome = activity.outcomeOf(who).orElseThrow(() -> new NotFoundException("sign-up-not-found", id));
        return new SignUp(activity, outcome, activity.queuePosition(who).orElse(null), false);
    }

    public void cancel(String id, Actor worker) {
        String who = pseudonyms.of(worker.subject());
        activities.change(id, a -> a.cancel(who, clock.instant())).orElseThrow(() -> new NotFoundException("activity-not-found", id));
    }
}
