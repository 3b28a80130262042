package cn.unionhub.events.feedback;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The worker rated how satisfied they are with a resolved item (or the rating window passed and
 * the default applied). NOT_SATISFIED reopens the case. Never names the worker.
 *
 * @param feedbackId     aggregate id
 * @param trackingNumber the worker's tracking number
 * @param rating         SATISFIED, PARTLY_SATISFIED or NOT_SATISFIED
 * @param reason         the worker's reason (required when not satisfied), personal numbers masked
 * @param defaulted      whether the worker did not answer and the documented default applied
 * @param enterprise     unified social credit code of the enterprise concerned
 * @param district       administrative division code
 * @param ratedAt        when
 */
@EventContract(type = "cn.unionhub.feedback.rated.v1", topic = Topics.FEEDBACK)
public record FeedbackRated(String feedbackId, String trackingNumber, String rating, String reason, boolean defaulted,
        String enterprise, String district, Instant ratedAt) implements DomainEvent {

    @Override
    public String subject() {
        return feedbackId;
    }
}
