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
        return withDetailsAsText().equals(other.withDetailsAsText());
    }

    /**
     * What the submission says, as one hash (the same for the same request in any process): a worker's double tap without
     * an Idempotency-Key is found by it. Maps in key order, enums by name.
     */
    public String fingerprint() {
        cn.unionhub.platform.domain.HashChain.Fields fields = cn.unionhub.platform.domain.HashChain.fields().add(type.name())
                .add(String.valueOf(category)).add(String.valueOf(channel)).add(String.valueOf(workerGroup)).add(String.valueOf(enterprise))
                .add(String.valueOf(text)).add(String.valueOf(anonymous)).add(String.valueOf(contactName)).add(String.valueOf(contactPhone));
        new java.util.TreeMap<>(ratings.entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey().name(),
                Map.Entry::getValue))).forEach((k, v) -> fields.add(k).add(v));
        new java.util.TreeMap<>(details).forEach((k, v) -> fields.add(k).add(String.valueOf(v)));
        return fields.sha256();
    }

    private ValidSubmission withDetailsAsText() {
        Map<String, Object> asText = new java.util.HashMap<>();
        details.forEach((key, value) -> asText.put(key, String.valueOf(value)));
        return new ValidSubmission(type, category, channel, workerGroup, enterprise, text, ratings, asText, anonymous, contactName,
                contactPhone);
    }
}
