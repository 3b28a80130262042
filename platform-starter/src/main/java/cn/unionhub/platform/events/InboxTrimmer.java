package cn.unionhub.platform.events;

import cn.unionhub.platform.concurrent.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Forgets, once an hour, the events this process's consumers applied longer ago than the retention,
 * so the inbox holds a bounded window instead of an entry per event and consumer for ever. Each run
 * reads only the key range it removes ({@link Inbox#trim}); with nothing to remove, one key lookup
 * per consumer. Several instances trimming the same range remove each entry once between them.
 */
public class InboxTrimmer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxTrimmer.class);
    static final Duration EVERY = Duration.ofHours(1);
    private static final Duration FIRST = Duration.ofMinutes(10);

    private final Inbox inbox;
    private final InboundEvents inbound;
    private final Duration retention;
    private final Clock clock;
    private volatile ScheduledExecutorService scheduler;

    public InboxTrimmer(Inbox inbox, InboundEvents inbound, Duration retention, Clock clock) {
        this.inbox = inbox;
        this.inbound = inbound;
        this.retention = retention;
        this.clock = clock;
    }

    /** Trims every consumer's entries; how many were removed. */
    public long trimAll() {
        Instant before = clock.instant().minus(retention);
        long removed = 0;
        for (String consumer : inbound.consumers()) {
            try {
                removed += inbox.trim(consumer, before);
            } catch (RuntimeException e) {
                log.warn("Trimming the inbox of {} failed; the next run tries again: {}", consumer, e.toString());
            }
        }
        if (removed > 0) {
            log.info("Inbox: forgot {} events applied before {}", removed, before);
        }
        return removed;
    }

    @Override
    public void start() {
        ScheduledExecutorService s = DaemonThreads.scheduler("inbox-trim");
        s.scheduleWithFixedDelay(this::trimAll, FIRST.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
        scheduler = s;
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
