package cn.unionhub.feedback.submission.stream;

import cn.unionhub.feedback.submission.store.FeedbackItems;
import cn.unionhub.feedback.timeline.domain.TimelineStep;
import cn.unionhub.feedback.timeline.store.WorkerTimelines;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Workers' own timelines as server-sent events, so their apps need not poll. Each event is one
 * timeline entry of one of the worker's items; its id is the entry's number in the worker's log
 * ({@link WorkerTimelines}), so a client reconnecting with {@code Last-Event-ID} gets exactly what it
 * missed (or a {@code reset} event for an id the log never gave: reload the list, then go on).
 *
 * <p>An entry logged by this process is pushed at once. Entries logged by another instance of the
 * service reach this one's subscribers when it rechecks their logs ({@code unionhub.feedback.stream.recheck},
 * one key read per connected worker); each stream also gets a comment line as a keep-alive, and ends
 * after {@code unionhub.feedback.stream.max-duration}, when the client reconnects with its last id.
 */
@Component
public class TimelineStreams implements DisposableBean {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** What one event says: an entry of the worker's item (times in Beijing time, as everywhere in the API). */
    record EntryView(long number, String trackingNumber, int index, OffsetDateTime at, String kind, String note) {
    }

    /** Sent first, and for a resume point the log never gave: {@code last} is the newest number. */
    record Position(long last) {
    }

    private static final class Subscriber {
        final SseEmitter emitter;
        long sent;

        Subscriber(SseEmitter emitter, long sent) {
            this.emitter = emitter;
            this.sent = sent;
        }
    }

    private final WorkerTimelines timelines;
    private final FeedbackItems items;
    private final Duration maxDuration;
    private final Map<String, Set<Subscriber>> byWorker = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "timeline-streams");
        t.setDaemon(true);
        return t;
    });

    TimelineStreams(WorkerTimelines timelines, FeedbackItems items,
            @Value("${unionhub.feedback.stream.recheck:PT2S}") Duration recheck,
            @Value("${unionhub.feedback.stream.keep-alive:PT15S}") Duration keepAlive,
            @Value("${unionhub.feedback.stream.max-duration:PT30M}") Duration maxDuration) {
        this.timelines = timelines;
        this.items = items;
        this.maxDuration = maxDuration;
        timelines.onAppend(pseudonym -> {
            if (byWorker.containsKey(pseudonym)) {
                pusher.execute(() -> push(pseudonym));
            }
        });
        pusher.scheduleWithFixedDelay(() -> byWorker.keySet().forEach(this::push), recheck.toMillis(), recheck.toMillis(),
                TimeUnit.MILLISECONDS);
        pusher.scheduleWithFixedDelay(this::keepAlive, keepAlive.toMillis(), keepAlive.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the stream of the worker's timeline.
     *
     * @param lastEventId the number of the last entry the client has, or null for "from now on"
     */
    public SseEmitter open(String pseudonym, String lastEventId) {
        items.logTimelines(pseudonym); // what a failed write did not log, before anything is sent
        long last = timelines.last(pseudonym);
        SseEmitter emitter = new SseEmitter(maxDuration.toMillis());
        Subscriber subscriber = new Subscriber(emitter, last);
        Optional<Long> resume = parse(lastEventId).filter(n -> n >= 0 && n <= last);
        synchronized (subscriber) {
            if (resume.isPresent()) {
                subscriber.sent = resume.get();
                timelines.after(pseudonym, resume.get()).forEach(e -> sendEntry(subscriber, e));
            } else {
                send(subscriber, lastEventId == null || lastEventId.isBlank() ? "ready" : "reset", last, new Position(last));
            }
        }
        Set<Subscriber> ofWorker = byWorker.computeIfAbsent(pseudonym, k -> ConcurrentHashMap.newKeySet());
        ofWorker.add(subscriber);
        Runnable leave = () -> byWorker.computeIfPresent(pseudonym, (k, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
        emitter.onCompletion(leave);
        emitter.onTimeout(leave);
        emitter.onError(e -> leave.run());
        // An entry logged between reading the log and joining: the next push finds it after "sent".
        pusher.execute(() -> push(pseudonym));
        return emitter;
    }

    /** How many workers have a stream open on this instance (a gauge). */
    public int connectedWorkers() {
        return byWorker.size();
    }

    private void push(String pseudonym) {
        Set<Subscriber> subscribers = byWorker.get(pseudonym);
        if (subscribers == null || subscribers.isEmpty()) {
            return;
        }
        long oldest = subscribers.stream().mapToLong(s -> s.sent).min().orElseThrow();
        List<TimelineStep> news;
        try {
            news = timelines.after(pseudonym, oldest);
        } catch (RuntimeException storeUnavailable) {
            return; // the next recheck tries again
        }
        for (Subscriber s : subscribers) {
            synchronized (s) {
                for (TimelineStep e : news) {
                    if (e.number() == s.sent + 1) {
                        sendEntry(s, e);
                    }
                }
            }
        }
    }

    private void sendEntry(Subscriber s, TimelineStep e) {
        send(s, "timeline", e.number(), new EntryView(e.number(), e.trackingNumber(), e.index(),
                e.at().atZone(BEIJING).toOffsetDateTime(), e.kind(), e.note()));
        s.sent = e.number();
    }

    private void send(Subscriber s, String name, long id, Object data) {
        try {
            s.emitter.send(SseEmitter.event().name(name).id(Long.toString(id)).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException gone) {
            s.emitter.completeWithError(gone);
        }
    }

    private void keepAlive() {
        byWorker.values().forEach(set -> set.forEach(s -> {
            synchronized (s) {
                try {
                    s.emitter.send(SseEmitter.event().comment("keep-alive"));
                } catch (IOException | IllegalStateException gone) {
                    s.emitter.completeWithError(gone);
                }
            }
        }));
    }

    private static Optional<Long> parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lastEventId.strip()));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }

    @Override
    public void destroy() {
        pusher.shutdownNow();
        byWorker.values().forEach(set -> set.forEach(s -> s.emitter.complete()));
    }
}
