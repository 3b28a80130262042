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
}
