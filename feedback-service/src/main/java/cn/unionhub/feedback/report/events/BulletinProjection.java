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
import cn.unionhub.platform.store.EventCounters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        // A poll's events are counted together, each once (EventCounters): one read and one write per part.
        this.events = inbound.router(GROUP).gathered(counters::countAll, counting -> counting
                .on(FeedbackSubmitted.class, e -> Optional.of(submitted(e)))
                .on(FeedbackRated.class, e -> Optional.of(rated(e)))
                .on(CaseResolved.class, this::resolved));
    }

    @KafkaListener(topics = {Topics.FEEDBACK, Topics.CASE}, groupId = GROUP, batch = "true",
            containerPostProcessor = EventsProperties.SPACED_POLLS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        events.acceptAll(records); // one inbox lookup per poll
    }

    private EventCounters.Counted submitted(FeedbackSubmitted e) {
        Map<String, Long> add = new LinkedHashMap<>();
        add.put("submitted", 1L);
        add.put("byCategory." + e.category(), 1L);
        add.put("byChannel." + e.channel(), 1L);
        add.put("byType." + e.type(), 1L);
        if (e.needsHandling()) {
            add.put("needsHandling", 1L);
        }
        return counters.counting("submitted:" + e.feedbackId(), e.district(), BulletinPeriods.of(e.submittedAt()), add,
                e.enterprise(), e.needsHandling() ? 1 : 0);
    }

    private Optional<EventCounters.Counted> resolved(CaseResolved e) {
        if (e.feedbackId() == null) {
            return Optional.empty();
        }
        return items.byId(e.feedbackId()).map(item -> counters.counting("resolved:" + e.feedbackId() + ":" + e.resolvedAt().toEpochMilli(),
                item.enterprise().district(), BulletinPeriods.of(e.resolvedAt()), Map.of("resolved", 1L), item.enterprise().uscc(), -1));
    }

    /** A default rating is nobody's answer: it is counted beside the workers' ratings, never among them. */
    private EventCounters.Counted rated(FeedbackRated e) {
        Map<String, Long> add = new LinkedHashMap<>();
        if (e.defaulted()) {
            add.put("ratedByDefault", 1L);
            add.put("defaultRatings." + e.rating(), 1L);
        } else {
            add.put("satisfaction." + e.rating(), 1L);
        }
        return counters.counting("rated:" + e.feedbackId() + ":" + e.ratedAt().toEpochMilli(), e.district(),
                BulletinPeriods.of(e.ratedAt()), add, null, 0);
    }
}
