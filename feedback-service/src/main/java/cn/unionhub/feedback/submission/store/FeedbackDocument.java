package cn.unionhub.feedback.submission.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** How a feedback item is stored; the domain's {@code FeedbackItem} knows nothing of this. */
@Document("feedback_items")
class FeedbackDocument {

    @Id
    String id;
    @Version
    Long version;
    @Indexed(unique = true)
    String trackingNumber;
    String type;
    String category;
    String channel;
    String workerGroup;
    @Indexed
    String enterprise;
    String enterpriseName;
    /** Whether the register knew the enterprise when the item was accepted (false: to be verified). */
    Boolean enterpriseRegistered;
    @Indexed
    String district;
    String text;
    Map<String, Integer> ratings;
    Map<String, Object> details;
    boolean anonymous;
    /** Not indexed: a worker's items are found through worker_items (FeedbackItems#submittedBy). */
    String submitterPseudonym;
    @Indexed(sparse = true)
    String followUpHash;
    String contactName;
    String contactPhone;
    String recordedBy;
    String recordedFor;
    /** Submitter scope + Idempotency-Key: a retried request finds its first answer here. */
    @Indexed(unique = true, sparse = true)
    String idempotencyScope;
    Instant submittedAt;
    /**
     * When the enterprise's own union first sees the item: its submission, or an anonymous worker's item at the
     * release after it ({@link cn.unionhub.platform.domain.AnonymousRelease}); that union's list sorts by it.
     */
    Instant enterpriseSeesAt;
    String status;
    /**
     * For an anonymous worker's item the worker rated: the release after the rating, until which the enterprise side
     * is shown the item as it was before it ({@link FeedbackItems#seenByEnterpriseSide}); absent otherwise.
     */
    Instant ratingShownFrom;
    List<TimelineEntryDocument> timeline;
    @Indexed(sparse = true)
    Instant resolvedAt;
    String rating;
    String ratingReason;
    boolean ratingDefaulted;
    Instant ratedAt;

    record TimelineEntryDocument(Instant at, String kind, String note, Instant dueAt, String handledBy, String handlingDistrict) {
    }
}
