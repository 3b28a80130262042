package cn.unionhub.feedback.submission;

import cn.unionhub.feedback.submission.domain.FeedbackItem;
import cn.unionhub.feedback.submission.domain.Satisfaction;
import cn.unionhub.feedback.submission.domain.ValidSubmission;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Business counters of the complaint pipeline's front door, read by the Complaint pipeline and
 * Labor risk dashboards. Counted after the write succeeded, so retries and refused requests do
 * not inflate them; tags are code-list values only (never people, enterprises or free text), which
 * keeps the series count bounded.
 */
@Component
public class FeedbackMetrics {

    private final MeterRegistry registry;

    FeedbackMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A new item was accepted (not a replayed Idempotency-Key retry). */
    void submitted(FeedbackItem item) {
        ValidSubmission content = item.content();
        Counter.builder("unionhub.feedback.submissions")
                .description("Feedback items accepted")
                .tag("type", content.type().name())
                .tag("category", content.category().name())
                .tag("channel", content.channel().name())
                .register(registry)
                .increment();
    }

    /** An item was rated, by the worker or by the documented default after the rating window. */
    void rated(Satisfaction satisfaction, boolean defaulted) {
        Counter.builder("unionhub.feedback.ratings")
                .description("Ratings of resolved items; defaulted=true when nobody rated within the rating window")
                .tag("rating", satisfaction.name())
                .tag("defaulted", Boolean.toString(defaulted))
                .register(registry)
                .increment();
    }
}
