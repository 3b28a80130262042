package cn.unionhub.feedback.submission.store;

import cn.unionhub.feedback.submission.FeedbackProperties;
import cn.unionhub.feedback.submission.domain.Enterprise;
import cn.unionhub.feedback.submission.domain.FeedbackItem;
import cn.unionhub.feedback.submission.domain.RawSubmission;
import cn.unionhub.feedback.submission.domain.Submitter;
import cn.unionhub.feedback.submission.domain.TrackingNumbers;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Complaints stored as the service accepts them, at a time a test chooses (its own clock, days ahead of the service's
 * jobs): a commuting complaint about {@code enterprise}, by a named worker (张伟) or an anonymous one.
 */
public final class StoredComplaints {

    private StoredComplaints() {
    }

    public static FeedbackItem file(FeedbackItems items, FeedbackProperties properties, Enterprise enterprise, boolean anonymous,
            Instant at) {
        RawSubmission raw = new RawSubmission("COMPLAINT", "CANTEEN_DORMITORY_COMMUTE", "MINI_PROGRAM", enterprise.uscc(),
                "夜班结束后没有通勤车。", Map.of(), Map.of(), anonymous, "REGULAR", anonymous ? null : "张伟",
                anonymous ? null : "13812345678");
        Submitter submitter = new Submitter("psn_stored_" + UUID.randomUUID(), null, raw.contactName(), raw.contactPhone(), null, null);
        FeedbackItem.Accepted accepted = FeedbackItem.accept(UUID.randomUUID().toString(), TrackingNumbers.next(at, new SecureRandom()),
                properties.rules().check(raw, false), enterprise, submitter, at);
        items.insert(accepted, null);
        return accepted.item();
    }
}
