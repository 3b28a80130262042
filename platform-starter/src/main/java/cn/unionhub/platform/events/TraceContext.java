package cn.unionhub.platform.events;

/**
 * The W3C {@code traceparent} of the trace the current thread works in, so events written now can
 * carry it through the outbox: the relay publishes later, on its own thread, where that trace is no
 * longer current.
 */
@FunctionalInterface
public interface TraceContext {

    /** For services without tracing: events carry no trace context. */
    TraceContext NONE = () -> null;

    /** The current {@code traceparent} header value, or {@code null} outside any trace. */
    String traceparent();
}
