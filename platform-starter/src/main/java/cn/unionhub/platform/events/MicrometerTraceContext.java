package cn.unionhub.platform.events;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;

/**
 * {@link TraceContext} from Micrometer Tracing. The tracer and propagator are looked up on use, so a
 * service whose tracing is switched off simply writes events without trace context.
 */
public final class MicrometerTraceContext implements TraceContext {

    private final ObjectProvider<Tracer> tracers;
    private final ObjectProvider<Propagator> propagators;

    public MicrometerTraceContext(ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators) {
        this.tracers = tracers;
        this.propagators = propagators;
    }

    @Override
    public String traceparent() {
        Tracer tracer = tracers.getIfUnique();
        Propagator propagator = propagators.getIfUnique();
        Span span = tracer == null || propagator == null ? null : tracer.currentSpan();
        if (span == null) {
            return null;
        }
        // Injected by the configured propagator rather than formatted here, so the sampled flag and the
        // header's format are exactly what the HTTP and Kafka instrumentation send.
        Map<String, String> headers = new HashMap<>();
        propagator.inject(span.context(), headers, Map::put);
        return headers.get(OutboxRelay.TRACEPARENT);
    }
}
