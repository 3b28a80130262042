package cn.unionhub.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Counts records parked on dead-letter topics ({@code unionhub.events.dead.lettered}, tagged with
 * the topic they came from). The counters of every topic this service consumes exist from the
 * start at zero, so "no dead letters" is a value that dashboards and the alert can see, not a
 * missing series.
 */
public class DeadLetterMetrics {

    private final MeterRegistry meters;

    public DeadLetterMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void published(String topic) {
        counter(topic).increment();
    }

    @EventListener
    void registerConsumedTopics(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBeanProvider(KafkaListenerEndpointRegistry.class).ifAvailable(registry -> {
            for (MessageListenerContainer container : registry.getListenerContainers()) {
                String[] topics = container.getContainerProperties().getTopics();
                if (topics != null) {
                    for (String topic : topics) {
                        counter(topic);
                    }
                }
            }
        });
    }

    private Counter counter(String topic) {
        return Counter.builder("unionhub.events.dead.lettered").tag("topic", topic)
                .description("Records that could not be applied and were published to <topic>.dlt").register(meters);
    }
}
