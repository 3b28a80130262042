package cn.unionhub.alert.risk.events;

import cn.unionhub.alert.AlertProperties;
import cn.unionhub.alert.risk.RiskService;
import cn.unionhub.alert.risk.domain.ExternalSignals;
import cn.unionhub.events.Topics;
import cn.unionhub.events.alert.RiskSignalReported;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.events.EventRouter;
import cn.unionhub.platform.events.InboundEvents;
import cn.unionhub.platform.events.InvalidEventException;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Signals other systems publish on {@code alert.signals}. One that breaks the rules can never
 * succeed, so it goes to {@code alert.signals.dlt} at once, with the reasons in the exception header.
 */
@Component
class ReportedSignals {

    static final String GROUP = "alert-service.reported-signals";

    private final EventRouter events;
    private final ExternalSignals rules;
    private final RiskService risk;
    private final Clock clock;

    ReportedSignals(InboundEvents inbound, AlertProperties properties, RiskService risk, Clock clock) {
        this.rules = new ExternalSignals(risk.model(), properties.signalMaxAge());
        this.risk = risk;
        this.clock = clock;
        this.events = inbound.router(GROUP).on(RiskSignalReported.class, this::reported);
    }

    @KafkaListener(topics = Topics.ALERT_SIGNALS, groupId = GROUP)
    void on(ConsumerRecord<String, byte[]> record) {
        events.accept(record);
    }

    private void reported(RiskSignalReported e) {
        ExternalSignals.Report report = new ExternalSignals.Report(e.enterprise(), e.enterpriseName(), e.district(),
                e.industry(), e.kind(), e.magnitude(), e.occurredAt(), e.source(), e.reference(), e.amountFen());
        List<FieldViolation> violations = rules.violations(report, "", clock.instant());
        if (!violations.isEmpty()) {
            throw new InvalidEventException("Risk signal refused: " + violations.stream()
                    .map(v -> v.field() + " " + v.code()).collect(Collectors.joining(", ")));
        }
        risk.record(ExternalSignals.toSignal(report));
    }
}
