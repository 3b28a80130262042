package cn.unionhub.platform.stream;

import cn.unionhub.platform.concurrent.DaemonThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A {@link NumberedLog} per key as server-sent events, so apps need not poll: {@code ready} first
 * (data {@code {"last": n}}), then one event per entry whose id is its number, so a client reconnecting
 * with {@code Last-Event-ID} gets exactly what it missed ({@code reset} with the newest number for an
 * id the log never gave: reload, then go on).
 *
 * <p>An entry logged by this process is pushed at once; entries logged by another instance reach
 * this one's subscribers when it rechecks their logs. Each stream gets a comment line now and then so
 * proxies keep it open, and ends after a while, when the client reconnects with its last id
 * ({@link StreamSettings}, {@code unionhub.streams.*}). Its answer says not to cache or buffer it.
 */
public final class LogStreams {

    private static final Logger LOG = LoggerFactory.getLogger(LogStreams.class);

    /** How an entry is sent: its event name and data. */
    public record Sent(String name, Object data) {
    }

    /** Sent first, and for a resume point the log never gave: {@code last} is the newest number. */
    record Position(long last) {
    }

    private static final class Subscriber {
        final SseEmitter emitter;
        final Function<NumberedLog.Logged, Sent> view;
        long sent;

        Subscriber(SseEmitter emitter, Function<NumberedLog.Logged, Sent> view, long sent) {
            this.emitter = emitter;
            this.view = view;
            this.sent = sent;
        }
    }

    private final NumberedLog log;
    private final Duration maxDuration;
    private final Map<String, Set<Subscriber>> byKey = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pusher;
    /** Keys with a push queued: appends while one waits need no push of their own (it reads them all). */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    public LogStreams(NumberedLog log, String name, StreamSettings settings) {
        this.log = log;
        this.maxDuration = settings.maxDuration();
        Duration recheck = settings.recheck();
        Duration keepAlive = settings.keepAlive();
        this.pusher = DaemonThreads.scheduler(name + "-streams");
        log.onAppend(key -> {
            if (byKey.containsKey(key) && queued.add(key)) {
                pusher.execute(guarded(() -> {
                    queued.remove(key); // before the read: an append from now on queues the next push
                    push(key);
                }));
            }
        });
        pusher.scheduleWithFixedDelay(guarded(() -> byKey.keySet().forEach(this::push)), recheck.toMillis(), recheck.toMillis(),
                TimeUnit.MILLISECONDS);
        pusher.scheduleWithFixedDelay(guarded(this::keepAlive), keepAlive.toMillis(), keepAlive.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A periodic task that throws is never run again, silently: one failure would end every
     * stream's rechecks and keep-alives for the life of the process, and a stream behind would
     * wait for good. So a failure is logged and the next round runs.
     */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("A stream push failed; the next round tries again", e);
            }
        };
    }

    /**
     * Opens the stream of the log of {@code key}, each entry sent as {@code view} says (views may
     * differ per subscriber: who is asking); an entry the view makes {@code null} of is not this
     * subscriber's to see, and is passed over (the numbers of the next ones still resume).
     *
     * @param lastEventId the number of the last entry the client has, or null for "from now on"
     */
    public SseEmitter open(String key, String lastEventId, Function<NumberedLog.Logged, Sent> view) {
        long last = log.last(key);
        SseEmitter emitter = new SseEmitter(maxDuration.toMillis()) {
            @Override
            protected void extendResponse(ServerHttpResponse response) {
                super.extendResponse(response);
                response.getHeaders().setCacheControl("no-store");
                response.getHeaders().set("X-Accel-Buffering", "no"); // a proxy in front must not hold events back
            }
        };
        Subscriber subscriber = new Subscriber(emitter, view, last);
        Optional<Long> resume = parse(lastEventId).filter(n -> n >= 0 && n <= last);
        synchronized (subscriber) {
            if (resume.isPresent()) {
                subscriber.sent = resume.get();
                log.after(key, resume.get()).forEach(e -> sendEntry(subscriber, e));
            } else {
                send(subscriber, lastEventId == null || lastEventId.isBlank() ? "ready" : "reset", last, new Position(last));
            }
        }
        byKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(subscriber);
        Runnable leave = () -> byKey.computeIfPresent(key, (k, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
        emitter.onCompletion(leave);
        emitter.onTimeout(leave);
        emitter.onError(e -> leave.run());
        // An entry logged between reading the log and joining: the next push finds it after "sent".
        pusher.execute(() -> push(key));
        return emitter;
    }

    /** How many keys have a stream open on this instance. */
    public int connectedKeys() {
        return byKey.size();
    }

    public void stop() {
        pusher.shutdownNow();
        byKey.values().forEach(set -> set.forEach(s -> s.emitter.complete()));
    }

    private void push(String key) {
        Set<Subscriber> subscribers = byKey.get(key);
        if (subscribers == null || subscribers.isEmpty()) {
            return;
        }
        long oldest = subscribers.stream().mapToLong(s -> s.sent).min().orElseThrow();
        List<NumberedLog.Logged> news;
        try {
            news = log.after(key, oldest);
        } catch (RuntimeException storeUnavailable) {
            return; // the next recheck tries again
        }
        for (Subscriber s : subscribers) {
            synchronized (s) {
                try {
                    for (NumberedLog.Logged e : news) {
                        if (e.number() == s.sent + 1) {
                            sendEntry(s, e);
                        }
                    }
                } catch (RuntimeException e) {
                    // This subscriber's stream ends and its client resumes with Last-Event-ID; the
                    // other subscribers of the key are not held up by it.
                    LOG.warn("Stream of {} failed after entry {}; closing it so that the client resumes", key, s.sent, e);
                    s.emitter.completeWithError(e);
                }
            }
        }
    }

    private void sendEntry(Subscriber s, NumberedLog.Logged e) {
        Sent sent = s.view.apply(e);
        if (sent != null) {
            send(s, sent.name(), e.number(), sent.data());
        }
        s.sent = e.number();
    }

    private static void send(Subscriber s, String name, long id, Object data) {
        try {
            s.emitter.send(SseEmitter.event().name(name).id(Long.toString(id)).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException gone) {
            s.emitter.completeWithError(gone);
        }
    }

    private void keepAlive() {
        byKey.values().forEach(set -> set.forEach(s -> {
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
}
