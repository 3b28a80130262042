package cn.unionhub.feedback.submission.api;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.feedback.submission.domain.FeedbackItem;
import cn.unionhub.platform.identity.Masking;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A feedback item as a caller sees it. Contact details appear only for the submitter and for
 * named items, and the phone number is always masked. Times are in Beijing time with offset.
 * {@code enterpriseRegistered} false tells union staff that the enterprise was not in the register
 * when the item arrived and is to be verified (核实).
 */
record FeedbackView(String trackingNumber, String type, String category, String channel, String workerGroup,
        String enterprise, String enterpriseName, boolean enterpriseRegistered, String district, boolean anonymous, String text,
        Map<String, Integer> ratings, Map<String, Object> details, String status, OffsetDateTime submittedAt,
        List<Step> timeline, Sla sla, String satisfaction, String contactName, String contactPhone, RatingDue ratingDue) {

    /**
     * For the worker of a resolved item not rated yet: rate by when, and what counts if they do not (silence counted as
     * satisfied without the worker ever being told so, exploratory test, 2026-12-04).
     */
    record RatingDue(OffsetDateTime rateBy, String ifNotRated) {
    }

    /** This view with the rating terms, for the item's own worker. */
    FeedbackView forWorker(FeedbackItem item, java.time.Duration window, cn.unionhub.feedback.submission.domain.Satisfaction byDefault) {
        if (item.status() != FeedbackItem.Status.RESOLVED || item.rating() != null || item.resolvedAt() == null) {
            return this;
        }
        return new FeedbackView(trackingNumber, type, category, channel, workerGroup, enterprise, enterpriseName, enterpriseRegistered,
                district, anonymous, text, ratings, details, status, submittedAt, timeline, sla, satisfaction, contactName, contactPhone,
                new RatingDue(BusinessCalendar.beijing(item.resolvedAt().plus(window)), byDefault.name()));
    }

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    record Step(OffsetDateTime at, String kind, String note) {
    }

    /** The first-answer deadline and where the item stands against it (see {@link FeedbackItem#sla}). */
    record Sla(String state, OffsetDateTime firstAnswerDueAt) {
    }

    static FeedbackView of(FeedbackItem item, boolean showIdentity) {
        return of(item, showIdentity, false);
    }

    /**
     * @param dayOnly show times as their Beijing day only: for an anonymous item seen from the
     *                enterprise's side, where the exact time (to the millisecond) could be matched
     *                against who was on shift or who had just complained by name
     */
    static FeedbackView of(FeedbackItem item, boolean showIdentity, boolean dayOnly) {
        java.util.function.Function<Instant, OffsetDateTime> time = dayOnly ? FeedbackView::beijingDay : BusinessCalendar::beijing;
        var content = item.content();
        Map<String, Integer> ratings = new LinkedHashMap<>();
        content.ratings().forEach((dimension, stars) -> ratings.put(dimension.name(), stars));
        return new FeedbackView(item.trackingNumber(), content.type().name(), content.category().name(),
                content.channel().name(), content.workerGroup().name(), item.enterprise().uscc(), item.enterprise().name(),
                item.enterprise().registered(), item.enterprise().district(), content.anonymous(), content.text(), ratings, content.details(),
                item.status().name(), time.apply(item.submittedAt()),
                item.timeline().stream().map(e -> new Step(time.apply(e.at()), e.kind(), e.note())).toList(),
                // The deadline follows from the submission time: not on the views that hide it.
                dayOnly ? null : item.sla(Instant.now()).map(s -> new Sla(s.state(), BusinessCalendar.beijing(s.firstAnswerDueAt()))).orElse(null),
                item.rating() == null ? null : item.rating().satisfaction().name(),
                showIdentity ? item.submitter().contactName() : null,
                showIdentity ? Masking.mobile(item.submitter().contactPhone()) : null, null);
    }


    private static OffsetDateTime beijingDay(Instant instant) {
        return instant.atZone(BEIJING).truncatedTo(java.time.temporal.ChronoUnit.DAYS).toOffsetDateTime();
    }
}
