package cn.unionhub.feedback.submission.api;

import cn.unionhub.feedback.submission.domain.RawSubmission;
import java.util.Map;

/**
 * {@code POST /api/v1/feedback/submissions}. Codes as text (see {@code /api/v1/feedback/code-lists}
 * and {@code /category-definitions}); every wrong field is reported at once.
 *
 * @param type        REVIEW, COMPLAINT, SUGGESTION or APPEAL
 * @param category    e.g. WAGES_ARREARS
 * @param channel     e.g. MINI_PROGRAM (workers) or ON_SITE_TALK (recorded by union staff)
 * @param enterprise  unified social credit code of the enterprise concerned
 * @param text        what the worker says, up to 2000 characters
 * @param ratings     stars 1–5 per dimension, reviews only
 * @param details     category-specific fields
 * @param anonymous   stay anonymous: the enterprise never learns who it was
 * @param workerGroup GIG_WORKER, MIGRANT_WORKER or REGULAR (default)
 * @param contactName the worker's name, named items recorded by staff
 * @param contactPhone the worker's mobile number, optional, named items only
 */
record SubmissionRequest(String type, String category, String channel, String enterprise, String text,
        Map<String, Integer> ratings, Map<String, Object> details, Boolean anonymous, String workerGroup,
        String contactName, String contactPhone) {

    RawSubmission toRaw() {
        return new RawSubmission(type, category, channel, enterprise, text, ratings, details, anonymous, workerGroup,
                contactName, contactPhone);
    }
}
