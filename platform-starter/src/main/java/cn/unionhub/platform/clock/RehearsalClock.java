package cn.unionhub.platform.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock moved by an offset that can be changed while the service runs: for rehearsals and
 * end-to-end tests of rules that run for days (a 公示 of five working days, a hold that lapses), on a
 * platform started with {@code unionhub.clock.adjustable=true}. Never on by default: every business
 * time of the service follows it.
 */
public final class RehearsalClock extends Clock {

    private final Clock system;
    private final AtomicReference<Duration> offset;

    public RehearsalClock(Clock system) {
        this(system, new AtomicReference<>(Duration.ZERO));
    }

    private RehearsalClock(Clock system, AtomicReference<Duration> offset) {
        this.system = system;
        this.offset = offset;
    }

    public Duration offset() {
        return offset.get();
    }

    /** Sets how far ahead of the system clock this one runs (zero: back to real time; never behind it). */
    public void setOffset(Duration ahead) {
        if (ahead.isNegative()) {
            throw new IllegalArgumentException("a rehearsal clock runs ahead of real time, not behind it");
        }
        offset.set(ahead);
    }

    @Override
    public ZoneId getZone() {
        return system.getZone();
    }

    /** The same moving clock in another zone: a zoned copy keeps following the offset. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new RehearsalClock(system.withZone(zone), offset);
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset.get());
    }

    @Override
    public long millis() {
        return system.millis() + offset.get().toMillis();
    }
}
