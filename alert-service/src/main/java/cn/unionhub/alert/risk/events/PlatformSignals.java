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
import cn.unionhub.platform.events.InboundEvents;
import java.util.List;
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
    private final RiskService risk;
    private final Signals signals;

    PlatformSignals(InboundEvents inbound, AlertProperties properties, RiskService risk, Signals signals) {
        this.mapping = new EventSignals(properties.complaintKinds(), properties.defaultComplaintKind());
        this.risk = risk;
        this.signals = signals;
        this.events = inbound.router(GROUP)
                .on(FeedbackSubmitted.class, e -> mapping.of(e).ifPresent(risk::record))
                .on(FeedbackRated.class, e -> mapping.of(e).ifPresent(risk::record))
                .on(CaseOpened.class, e -> mapping.of(e).ifPresent(risk::record))
                .on(CaseReopened.class, this::reopened)
                .on(CaseEscalated.class, e -> mapping.of(e).ifPresent(risk::record))
                .on(CaseClueVerified.class, e -> mapping.of(e).ifPresent(risk::record));
    }

    @KafkaListener(topics = {Topics.FEEDBACK, Topics.CASE}, groupId = GROUP, batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        events.acceptAll(records); // one inbox lookup per poll
    }

    /** The reopened case names no enterprise: the complaint it came from does. */
    private void reopened(CaseReopened e) {
        if (e.feedbackId() == null) {
            return;
        }
        signals.byId("feedback:" + e.feedbackId()).ifPresent(complaint -> {
            Signal dissatisfied = EventSignals.dissatisfaction(e.feedbackId(), complaint.enterprise(), complaint.district(),
                    e.reopenedAt(), e.caseNumber());
            risk.record(dissatisfied);
        });
    }
}
