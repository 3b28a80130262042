package cn.unionhub.events;

/**
 * An event a service publishes. The subject is the aggregate id: it becomes the CloudEvents
 * {@code subject} and the Kafka message key, so all events of one aggregate stay in order.
 */
public interface DomainEvent {

    String subject();

    /** Kafka key; the aggregate id unless an event must be ordered per enterprise instead. */
    default String partitionKey() {
        return subject();
    }
}
