package cn.unionhub.feedback.submission.domain;

import cn.unionhub.feedback.category.domain.FeedbackCategory;
import java.util.Map;

/** A submission that passed {@link SubmissionRules}: typed, complete and within limits. */
public record ValidSubmission(FeedbackType type, FeedbackCategory category, Channel channel, WorkerGroup workerGroup,
        String enterprise, String text, Map<RatingDimension, Integer> ratings, Map<String, Object> details,
        boolean anonymous, String contactName, String contactPhone) {

    public ValidSubmission {
        ratings = Map.copyOf(ratings);
        details = Map.copyOf(details);
    }

    /**
     * Whether {@code other} asks for the same thing: a retry of this request, not a new one under the
     * same Idempotency-Key. Detail values compare by their text, because a stored number may come back
     * as another numeric type than the one the request parsed to.
     */
    public boolean sameRequestAs(ValidSubmission other) {
        return type == other.type && category == other.category && channel == other.channel && workerGroup == other.workerGroup
                && java.util.Objects.equals(enterprise, other.enterprise) && java.util.Objects.equals(text, other.text)
                && ratings.equals(other.ratings) && anonymous == other.anonymous
                && java.util.Objects.equals(contactName, other.contactName) && java.util.Objects.equals(contactPhone, other.contactPhone)
                && asText(details).equals(asText(other.details));
    }

    private static Map<String, String> asText(Map<String, Object> details) {
        Map<String, String> text = new java.util.HashMap<>();
        details.forEach((key, value) -> text.put(key, String.valueOf(value)));
        return text;
    }
}
