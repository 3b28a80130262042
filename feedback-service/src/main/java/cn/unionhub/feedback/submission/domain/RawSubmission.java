package cn.unionhub.feedback.submission.domain;

import java.util.Map;

/**
 * A submission as received, every field still unchecked text, so that an unknown category or
 * channel is reported as a field error among the others instead of a parse failure.
 */
public record RawSubmission(String type, String category, String channel, String enterprise, String text,
        Map<String, Integer> ratings, Map<String, Object> details, Boolean anonymous, String workerGroup,
        String contactName, String contactPhone) {
}
