package cn.unionhub.platform.events;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the event backbone ({@code unionhub.events.*}).
 *
 * @param topics                       topics this service publishes; created with their dead-letter topics
 * @param partitions                   partitions per created topic (keys are aggregate ids, so this bounds consumer parallelism)
 * @param replicas                     replication factor of created topics (1 locally, 3 in production)
 * @param relayInterval                how often the relay looks for pending events when not woken
 * @param relayScanInterval            how often, at most, it looks for pending writes it was not told about
 * @param relayGrace                   how long a pointer may point at events that are not (yet) there before it is
 *                                     taken for a write that failed; longer than any write takes
 * @param relayMaxBackoff              longest wait between attempts while the broker is unreachable
 * @param relayLease                   how long one relay instance owns a document it publishes
 * @param relayBatchSize               writes per round
 * @param sendTimeout                  how long to wait for the broker's acknowledgement
 * @param retryAttempts                redeliveries of a failing record before it goes to the dead-letter topic
 * @param retryInitialInterval         first back-off between redeliveries, doubled each time
 * @param retryMaxInterval             longest back-off between redeliveries
 * @param inboxRetention               how long a consumer remembers an event it applied, by the event's time; far
 *                                     longer than the topics keep records (7 days), so no redelivery outlives it
 * @param spacedPolls                  how long a consumer off the complaint's critical path (a projection, the risk
 *                                     signals) waits between polls, see {@link #SPACED_POLLS}
 */
@ConfigurationProperties("unionhub.events")
public record EventsProperties(
        @DefaultValue List<String> topics,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicas,
        @DefaultValue("200ms") Duration relayInterval,
        @DefaultValue("5s") Duration relayScanInterval,
        @DefaultValue("60s") Duration relayGrace,
        @DefaultValue("10s") Duration relayMaxBackoff,
        @DefaultValue("30s") Duration relayLease,
        @DefaultValue("100") int relayBatchSize,
        @DefaultValue("15s") Duration sendTimeout,
        @DefaultValue("3") int retryAttempts,
        @DefaultValue("500ms") Duration retryInitialInterval,
        @DefaultValue("5s") Duration retryMaxInterval,
        @DefaultValue("30d") Duration inboxRetention,
        @DefaultValue("250ms") Duration spacedPolls) {

    /**
     * The container post-processor ({@code @KafkaListener(containerPostProcessor = SPACED_POLLS)})
     * of consumers nobody waits for: bulletin and enterprise-page counters, risk signals. At a steady
     * rate a poll of theirs held one or two events, and each poll has a fixed cost (the fetch, the
     * offset commit, the inbox lookup, the profile read and write): alert-service spent 5.7 ms of CPU
     * per complaint at 40/s and 1.2 ms in a burst. Waiting {@code spacedPolls} between polls lets a
     * poll gather what arrived meanwhile; what they show is at most that much later.
     */
    public static final String SPACED_POLLS = "spacedPolls";
}
