package cn.unionhub.events.feedback;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;
import java.util.Map;

/**
 * A worker's review, complaint, suggestion or appeal was accepted. Case-service opens a case for
 * those that need handling; alert-service scores the enterprise; reports count it.
 *
 * <p>Never carries who submitted it: not for anonymous items (the worker's identity must not reach
 * enterprise roles or other systems) and not for named ones either (contact goes through
 * feedback-service). Phone and identity numbers in the text are masked.
 *
 * @param feedbackId     aggregate id (also the CloudEvents subject and Kafka key)
 * @param trackingNumber human-readable number the worker sees, e.g. {@code ZGDP-20261121-7KQM3X}
 * @param type           REVIEW, COMPLAINT, SUGGESTION or APPEAL
 * @param category       e.g. WAGES_ARREARS, CANTEEN_DORMITORY_COMMUTE
 * @param channel        how it reached the union, e.g. MINI_PROGRAM, HOTLINE_12351, ON_SITE_TALK
 * @param needsHandling  whether a case should be opened (reviews only rate the employer)
 * @param workerGroup    GIG_WORKER, MIGRANT_WORKER or REGULAR: key groups get a green channel
 * @param enterprise     unified social credit code of the enterprise concerned
 * @param enterpriseName its registered name, when known
 * @param district       administrative division code of the enterprise
 * @param anonymous      whether the worker chose to stay anonymous
 * @param text           the worker's words, personal numbers masked
 * @param details        category-specific fields, e.g. {@code amountOwedFen}, {@code workersAffected}
 * @param ratings        star ratings 1–5 per dimension (reviews)
 * @param submittedAt    when it was accepted
 * @param reporterKey    a stable pseudonym of the worker's account <em>within this enterprise</em> (64 hex
 *                       characters, derived from the keyed pseudonym, so nobody can tell who it is or link it
 *                       across enterprises): lets consumers count distinct workers, e.g. for collective-dispute
 *                       detection; {@code null} when staff recorded the item without a worker account
 */
@EventContract(type = "cn.unionhub.feedback.submitted.v1", topic = Topics.FEEDBACK)
public record FeedbackSubmitted(
        String feedbackId,
        String trackingNumber,
        String type,
        String category,
        String channel,
        boolean needsHandling,
        String workerGroup,
        String enterprise,
        String enterpriseName,
        String district,
        boolean anonymous,
        String text,
        Map<String, Object> details,
        Map<String, Integer> ratings,
        Instant submittedAt,
        String reporterKey) implements DomainEvent {

    /** An item without a known worker account (recorded by staff, or from before reporter keys). */
    public FeedbackSubmitted(String feedbackId, String trackingNumber, String type, String category, String channel,
            boolean needsHandling, String workerGroup, String enterprise, String enterpriseName, String district,
            boolean anonymous, String text, Map<String, Object> details, Map<String, Integer> ratings, Instant submittedAt) {
        this(feedbackId, trackingNumber, type, category, channel, needsHandling, workerGroup, enterprise, enterpriseName,
                district, anonymous, text, details, ratings, submittedAt, null);
    }

    @Override
    public String subject() {
        return feedbackId;
    }
}
