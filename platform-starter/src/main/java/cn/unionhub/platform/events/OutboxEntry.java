package cn.unionhub.platform.events;

import java.time.Instant;

/**
 * An event waiting in its aggregate's document to be published. Stored in the {@code _outbox}
 * array of the same document as the state change that caused it, so both are written atomically.
 *
 * @param id      CloudEvents id, also what consumers deduplicate on
 * @param type    CloudEvents type with version suffix
 * @param topic   Kafka topic
 * @param key     Kafka key (ordering unit)
 * @param subject CloudEvents subject: the aggregate id
 * @param time    when the state change happened (UTC)
 * @param data    the event as JSON, already validated against its schema
 * @param traceparent W3C trace context of the request that caused the event, or {@code null}: the
 *                relay sends it along so consumers continue that trace across Kafka
 */
public record OutboxEntry(String id, String type, String topic, String key, String subject, Instant time, String data,
        String traceparent) {

    /** An entry that carries no trace context. */
    public OutboxEntry(String id, String type, String topic, String key, String subject, Instant time, String data) {
        this(id, type, topic, key, subject, time, data, null);
    }

    /** The same entry, written in the trace whose W3C {@code traceparent} is given (may be null). */
    public OutboxEntry inTrace(String traceparent) {
        return new OutboxEntry(id, type, topic, key, subject, time, data, traceparent);
    }

    public static final String FIELD = "_outbox";
    /** Until when one relay instance holds the document; lets several instances share the work. */
    public static final String LEASE = "_outboxLease";
    /** Which relay round holds the lease: its claim and its clean-up name exactly the documents it took. */
    public static final String LEASE_OWNER = "_outboxLeaseOwner";
}
