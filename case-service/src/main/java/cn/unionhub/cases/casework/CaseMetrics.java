package cn.unionhub.cases.casework;

import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.cases.CaseClosed;
import cn.unionhub.events.cases.CaseDeadlineWarning;
import cn.unionhub.events.cases.CaseEscalated;
import cn.unionhub.events.cases.CaseFirstResponded;
import cn.unionhub.events.cases.CaseOpened;
import cn.unionhub.events.cases.CaseReopened;
import cn.unionhub.events.cases.CaseResolved;
import cn.unionhub.events.cases.CaseRouted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Business metrics of the case pipeline, counted from the events each written change caused — so a
 * metric moves exactly when the event is committed, never for an attempt that lost a race.
 * Names: {@code unionhub_cases_*} (see docs/operations.md and the Grafana pipeline dashboard).
 */
@Component
class CaseMetrics {

    private final MeterRegistry registry;
    private final Timer firstResponse;
    private final Timer resolution;

    CaseMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Time on the case's SLA clock; buckets around the 12- and 24-hour promises and the 5–15 day ones.
        this.firstResponse = Timer.builder("unionhub.cases.first.response")
                .description("Time from opening to the worker's first answer, on the case's SLA clock")
                .serviceLevelObjectives(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(12), Duration.ofHours(24),
                        Duration.ofHours(48), Duration.ofDays(5))
                .publishPercentileHistogram(false)
                .register(registry);
        this.resolution = Timer.builder("unionhub.cases.resolution")
                .description("Time from opening to resolution")
                .serviceLevelObjectives(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(10),
                        Duration.ofDays(15), Duration.ofDays(30))
                .register(registry);
        // Registered up front so dashboards and alert rules see a zero rather than no data.
        Counter.builder("unionhub.cases.sla.breaches").register(registry);
        Counter.builder("unionhub.cases.sla.warnings").register(registry);
        Counter.builder("unionhub.cases.closed").register(registry);
        Counter.builder("unionhub.cases.reopened").register(registry);
    }

    void record(Case.Changed written) {
        for (DomainEvent event : written.events()) {
            if (event instanceof CaseOpened e) {
                registry.counter("unionhub.cases.opened", "source", e.source(), "priority", e.priority()).increment();
            } else if (event instanceof CaseRouted e) {
                registry.counter("unionhub.cases.routed", "organisation_type", e.organisationType()).increment();
            } else if (event instanceof CaseFirstResponded e) {
                firstResponse.record(Duration.parse(e.elapsed()));
            } else if (event instanceof CaseResolved e) {
                registry.counter("unionhub.cases.resolved", "outcome", e.outcome()).increment();
                Case.Deadlines d = written.changed().deadlines();
                resolution.record(Duration.between(d.openedAt(), d.resolvedAt()));
            } else if (event instanceof CaseClosed) {
                registry.counter("unionhub.cases.closed").increment();
            } else if (event instanceof CaseReopened) {
                registry.counter("unionhub.cases.reopened").increment();
            } else if (event instanceof CaseDeadlineWarning) {
                registry.counter("unionhub.cases.sla.warnings").increment();
            } else if (event instanceof CaseEscalated e) {
                registry.counter("unionhub.cases.escalations", "level", Integer.toString(e.level())).increment();
            }
        }
    }

    /** A deadline check that marked a breach counts one missed deadline. */
    void breaches(Case before, Case after) {
        long added = after.deadlines().marks().stream().filter(m -> m.endsWith("_BREACH")).count()
                - before.deadlines().marks().stream().filter(m -> m.endsWith("_BREACH")).count();
        if (added > 0) {
            registry.counter("unionhub.cases.sla.breaches").increment(added);
        }
    }
}
