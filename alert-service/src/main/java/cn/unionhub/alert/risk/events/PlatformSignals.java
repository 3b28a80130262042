package cn.unionhub.alert.risk.events;

import cn.unionhub.alert.AlertProperties;
import cn.unionhub.alert.risk.RiskService;
import cn.unionhub.alert.risk.domain.EventSignals;
import cn.unionhub.alert.risk.domain.Signal;
import cn.unionhub.alert.risk.store.Signals;
import cn.unionhub.events.Topics;
import cn.unionhub.events.cases.CaseClueVerified;
import cn.unionhub.events.cases.CaseEscalated;
import cn.unionhub.events.cases.CaseOpened;
import cn.unionhub.events.cases.CaseReopened;
import cn.unionhub.events.feedback.FeedbackRated;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import cn.unionhub.platform.events.EventRouter;
import cn.unionhub.platform.events.EventsProperties;
import cn.unionhub.platform.events.InboundEvents;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Complaints, cases filed by staff (hotline, assignments, public opinion), dissatisfaction and
 * escalations from feedback-service and case-service become risk signals. Its own consumer group, beside the external-signal listener.
 */
@Component
class PlatformSignals {

    static final String GROUP = "alert-service.platform-signals";

    private final EventRouter events;
    private final EventSignals mapping;
    private final Signals signals;

    PlatformSignals(InboundEvents inbound, AlertProperties properties, RiskService risk, Signals signals) {
        this.mapping = new EventSignals(properties.complaintKinds(), properties.defaultComplaintKind());
        this.signals = signals;
        // A poll's signals are applied together, an enterprise at a time (RiskService.recordAll).
        this.events = inbound.router(GROUP).gathered(risk::recordAll, signalsOf -> signalsOf
                .on(FeedbackSubmitted.class, mapping::of)
                .on(FeedbackRated.class, mapping::of)
                .on(CaseOpened.class, mapping::of)
                .onReadingEarlier(CaseReopened.class, this::reopened) // reads the complaint's signal
                .on(CaseEscalated.class, mapping::of)
                .on(CaseClueVerified.class, mapping::of));
    }

    @KafkaListener(topics = {Topics.FEEDBACK, Topics.CASE}, groupId = GROUP, batch = "true",
            containerPostProcessor = EventsProperties.SPACED_POLLS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        events.acceptAll(records); // one inbox lookup per poll
    }

    /** The reopened case names no enterprise: the complaint it came from does. */
    private Optional<Signal> reopened(CaseReopened e) {
        if (e.feedbackId() == null) {
            return Optional.empty();
        }
        return signals.byId("feedback:" + e.feedbackId()).map(complaint -> EventSignals.dissatisfaction(e.feedbackId(),
                complaint.enterprise(), complaint.district(), e.reopenedAt(), e.caseNumber()));
    }
}
