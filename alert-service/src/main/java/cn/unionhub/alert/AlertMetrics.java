package cn.unionhub.alert;

import cn.unionhub.alert.warning.domain.WarningLevel;
import cn.unionhub.alert.warning.store.Warnings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Business metrics of the risk monitor, as the labor-risk dashboard queries them:
 * {@code unionhub_alerts_raised_total{level}} (raises and upgrades), {@code unionhub_alerts_signals_total{kind}}
 * and {@code unionhub_alerts_open{level}}. Every level and configured kind exists from the start at
 * zero, so a quiet day shows 0 rather than "no data".
 *
 * <p>Open warnings are counted in the database, not tracked in memory, so every instance reports
 * the same truth after restarts and whichever instance closed a warning. The count reads the list
 * of open warnings and looks them up by key ({@link Warnings#openByLevel()}), so it costs as much as
 * what is open, not as much as every warning ever raised; it is kept for a few seconds so a scrape
 * costs at most one count.
 */
@Component
public class AlertMetrics {

    private static final Logger log = LoggerFactory.getLogger(AlertMetrics.class);
    static final Duration OPEN_COUNTS_KEPT = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final Warnings warnings;
    private Map<WarningLevel, Long> open = new EnumMap<>(WarningLevel.class);
    private long openCountedAt;
    private boolean openCounted;

    AlertMetrics(MeterRegistry registry, Warnings warnings, AlertProperties properties) {
        this.registry = registry;
        this.warnings = warnings;
        for (WarningLevel level : WarningLevel.values()) {
            raisedCounter(level);
            Gauge.builder("unionhub.alerts.open", this, m -> m.open(level))
                    .description("Warnings not yet closed, per level").tag("level", level.name()).strongReference(true)
                    .register(registry);
        }
        properties.kinds().keySet().forEach(this::signalCounter);
    }

    /** A warning was raised at, or upgraded to, {@code level}. */
    public void raised(WarningLevel level) {
        raisedCounter(level).increment();
    }

    /** A signal was accepted (counted once, however often it is delivered). */
    public void signal(String kind) {
        signalCounter(kind).increment();
    }

    private Counter raisedCounter(WarningLevel level) {
        return Counter.builder("unionhub.alerts.raised").description("Warnings raised or upgraded, per level reached")
                .tag("level", level.name()).register(registry);
    }

    private Counter signalCounter(String kind) {
        return Counter.builder("unionhub.alerts.signals").description("Risk signals accepted, per kind").tag("kind", kind)
                .register(registry);
    }

    private synchronized double open(WarningLevel level) {
        long now = System.nanoTime();
        if (!openCounted || now - openCountedAt >= OPEN_COUNTS_KEPT.toNanos()) {
            try {
                open = warnings.openByLevel();
                openCounted = true;
                openCountedAt = now;
            } catch (RuntimeException e) {
                // The database is away: show the last counts rather than fail the whole scrape.
                log.warn("Counting open warnings failed: {}", e.toString());
            }
        }
        return open.getOrDefault(level, 0L);
    }
}
