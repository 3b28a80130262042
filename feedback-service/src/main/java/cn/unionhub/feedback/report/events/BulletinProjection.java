package cn.unionhub.feedback.report.events;

import cn.unionhub.events.Topics;
import cn.unionhub.events.cases.CaseResolved;
import cn.unionhub.events.feedback.FeedbackRated;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import cn.unionhub.feedback.report.domain.BulletinPeriods;
import cn.unionhub.feedback.report.store.BulletinCounters;
import cn.unionhub.feedback.submission.store.FeedbackItems;
import cn.unionhub.platform.events.EventRouter;
import cn.unionhub.platform.events.EventsProperties;
import cn.unionhub.platform.events.InboundEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the bulletin counters from events: submissions, resolutions and ratings. Its own consumer
 * group, so it reads every partition beside the timeline listener instead of sharing them.
 */
@Component
class BulletinProjection {

    static final String GROUP = "feedback-service.bulletin";

    private final EventRouter events;
    private final BulletinCounters counters;
    private final FeedbackItems items;

    BulletinProjection(InboundEvents inbound, BulletinCounters counters, FeedbackItems items) {
        this.counters = counters;
        this.items = items;
        this.events = inbound.router(GROUP)
                .on(FeedbackSubmitted.class, this::submitted)
                .on(FeedbackRated.class, this::rated)
                .on(CaseResolved.class, this::resolved);
    }

    @KafkaListener(topics = {Topics.FEEDBACK, Topics.CASE}, groupId = GROUP, batch = "true",
            containerPostProcessor = EventsProperties.SPACED_POLLS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        events.acceptAll(records); // one inbox lookup per poll
    }

    private void submitted(FeedbackSubmitted e) {
        Map<String, Long> add = new LinkedHashMap<>();
        add.put("submitted", 1L);
        add.put("byCategory." + e.category(), 1L);
        add.put("byChannel." + e.channel(), 1L);
        add.put("byType." + e.type(), 1L);
        if (e.needsHandling()) {
            add.put("needsHandling", 1L);
        }
        counters.add(e.district(), BulletinPeriods.of(e.submittedAt()), add, e.enterprise(), e.needsHandling() ? 1 : 0);
    }

    private void resolved(CaseResolved e) {
        if (e.feedbackId() == null) {
            return;
        }
        items.byId(e.feedbackId()).ifPresent(item -> {
            counters.add(item.enterprise().district(), BulletinPeriods.of(e.resolvedAt()), Map.of("resolved", 1L),
                    item.enterprise().uscc(), -1);
        });
    }

    /** A default rating is nobody's answer: it is counted beside the workers' ratings, never among them. */
    private void rated(FeedbackRated e) {
        Map<String, Long> add = new LinkedHashMap<>();
        if (e.defaulted()) {
            add.put("ratedByDefault", 1L);
            add.put("defaultRatings." + e.rating(), 1L);
        } else {
            add.put("satisfaction." + e.rating(), 1L);
        }
        counters.add(e.district(), BulletinPeriods.of(e.ratedAt()), add);
    }
}
