package cn.unionhub.station.activity.api;

import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Actor;
import cn.unionhub.station.activity.ActivityService;
import cn.unionhub.station.activity.domain.Activity;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Activities at stations and one-tap sign-up: preview (public), sign up, see one's place, cancel.
 * Places are confirmed in arrival order, then a waitlist that moves up when someone cancels.
 */
@RestController
class ActivityController {

    private final ActivityService activities;
    private final java.time.Clock clock;

    ActivityController(ActivityService activities, java.time.Clock clock) {
        this.clock = clock;
        this.activities = activities;
    }

    record Publication(String title, String description, Instant startsAt, Instant endsAt, Integer capacity) {
    }

    @PostMapping("/api/v1/stations/{number}/activities")
    ResponseEntity<ActivityView> publish(@PathVariable String number, @RequestBody Publication form,
            @org.springframework.web.bind.annotation.RequestHeader(name = "Idempotency-Key", required = false) String key, Actor actor) {
        Activity published = activities.publish(number, form.title(), form.description(), form.startsAt(), form.endsAt(),
                form.capacity() == null ? 0 : form.capacity(), key, actor);
        return ResponseEntity.created(URI.create("/api/v1/stations/activities/" + published.id())).body(ActivityView.of(published));
    }

    @GetMapping("/api/v1/stations/{number}/activities")
    List<ActivityView> upcoming(@PathVariable String number) {
        return activities.upcoming(number).stream().map(ActivityView::of).toList();
    }

    @GetMapping("/api/v1/stations/activities/{id}")
    ActivityView activity(@PathVariable String id) {
        return ActivityView.of(activities.find(id));
    }

    /** What a change may name: the places only. The rest is read so that a change of it is refused, not ignored. */
    record Capacity(Integer capacity, String title, String description, Instant startsAt, Instant endsAt) {
    }

    /**
     * More or fewer places; never below the people already confirmed. Only the places change once an activity is
     * published: the people signed up agreed to its title and times. A PATCH naming those fields is refused rather
     * than answered 200 unchanged.
     */
    @org.springframework.web.bind.annotation.PatchMapping("/api/v1/stations/activities/{id}")
    ActivityView changeCapacity(@PathVariable String id, @RequestBody Capacity form, Actor actor) {
        List<FieldViolation> wrong = new ArrayList<>();
        if (form.capacity() == null) {
            wrong.add(new FieldViolation("capacity", "required"));
        }
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("title", form.title());
        fixed.put("description", form.description());
        fixed.put("startsAt", form.startsAt());
        fixed.put("endsAt", form.endsAt());
        fixed.entrySet().stream().filter(e -> e.getValue() != null)
                .forEach(e -> wrong.add(new FieldViolation(e.getKey(), "fixed-once-published")));
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-activity", wrong);
        }
        return ActivityView.of(activities.changeCapacity(id, form.capacity(), actor));
    }

    record CallOff(String reason) {
    }

    /**
     * Calls the activity off (those who keep or govern the station), with the reason the people signed up
     * see on their sign-up and on the activity; calling it off again answers the same.
     */
    @PostMapping("/api/v1/stations/activities/{id}/cancellation")
    ActivityView callOff(@PathVariable String id, @RequestBody CallOff form, Actor actor) {
        return ActivityView.of(activities.callOff(id, form.reason(), actor));
    }

    /** One tap: 201 with the outcome the first time, 200 with the same outcome on a repeated tap. */
    @PostMapping("/api/v1/stations/activities/{id}/sign-ups")
    ResponseEntity<SignUpView> signUp(@PathVariable String id, Actor worker) {
        ActivityService.SignUp signUp = activities.signUp(id, worker);
        SignUpView view = SignUpView.of(signUp);
        return signUp.created()
                ? ResponseEntity.created(URI.create("/api/v1/stations/activities/" + id + "/sign-ups/mine")).body(view)
                : ResponseEntity.ok(view);
    }

    /**
     * The worker's own sign-ups, soonest first: what they hold, and which were called off and why, so the app
     * tells them without their revisiting each activity.
     */
    @GetMapping("/api/v1/stations/activities/sign-ups/mine")
    List<MySignUpView> allMine(Actor worker) {
        Instant now = clock.instant();
        return activities.mine(worker).stream().map(s -> MySignUpView.of(s, now)).toList();
    }

    /** One of the worker's sign-ups with what the activity is, when and where. */
    /** @param ended whether the activity is over: a place in its queue no longer means anything */
    record MySignUpView(String activity, String station, String title, Instant startsAt, Instant endsAt, String outcome,
            Integer position, boolean cancelled, String cancelReason, boolean ended) {

        static MySignUpView of(ActivityService.SignUp s, Instant now) {
            Activity a = s.activity();
            boolean ended = !a.endsAt().isAfter(now);
            return new MySignUpView(a.id(), a.station(), a.title(), a.startsAt(), a.endsAt(), s.outcome().name(),
                    ended ? null : s.position(), a.cancelled(), a.cancelReason(), ended);
        }
    }

    @GetMapping("/api/v1/stations/activities/{id}/sign-ups/mine")
    SignUpView mine(@PathVariable String id, Actor worker) {
        return SignUpView.of(activities.mine(id, worker));
    }

    @DeleteMapping("/api/v1/stations/activities/{id}/sign-ups/mine")
    ResponseEntity<Void> cancel(@PathVariable String id, Actor worker) {
        activities.cancel(id, worker);
        return ResponseEntity.noContent().build();
    }

    /**
     * What anyone sees of an activity: the places left and how many wait, never who; called off, why
     * ({@code cancelReason}, null while it stands). Who called it off is the station's business, not the street's.
     */
    record ActivityView(String id, String station, String title, String description, Instant startsAt, Instant endsAt,
            int capacity, int placesLeft, int waiting, boolean cancelled, String cancelReason) {

        static ActivityView of(Activity a) {
            return new ActivityView(a.id(), a.station(), a.title(), a.description(), a.startsAt(), a.endsAt(), a.capacity(),
                    a.placesLeft(Instant.now()), a.waiting().size(), a.cancelled(), a.cancelReason());
        }
    }

    /**
     * The worker's own sign-up: CONFIRMED, or WAITLISTED at a position (1 = next to move up); when the
     * activity was called off, {@code cancelled} and why, so the app tells them not to come.
     */
    record SignUpView(String activity, String outcome, Integer position, int placesLeft, boolean cancelled, String cancelReason) {

        static SignUpView of(ActivityService.SignUp s) {
            Activity a = s.activity();
            return new SignUpView(a.id(), s.outcome().name(), s.position(), a.placesLeft(Instant.now()), a.cancelled(),
                    a.cancelReason());
        }
    }
}
