package cn.unionhub.feedback.submission.events;

import cn.unionhub.events.Topics;
import cn.unionhub.events.cases.CaseAccepted;
import cn.unionhub.events.cases.CaseDeadlinesRecalculated;
import cn.unionhub.events.cases.CaseEscalated;
import cn.unionhub.events.cases.CasePaused;
import cn.unionhub.events.cases.CaseReopened;
import cn.unionhub.events.cases.CaseResolved;
import cn.unionhub.events.cases.CaseResponded;
import cn.unionhub.events.cases.CaseResumed;
import cn.unionhub.events.cases.CaseRouted;
import cn.unionhub.feedback.submission.SubmissionService;
import cn.unionhub.platform.events.EventRouter;
import cn.unionhub.platform.events.InboundEvents;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The feedback pipeline: what happens to a worker's case shows up on their timeline. */
@Component
class CaseProgress {

    private final EventRouter events;

    CaseProgress(InboundEvents inbound, SubmissionService submissions) {
        this.events = inbound.router("feedback-case-progress")
                .on(CaseRouted.class, submissions::recordRouted)
                .on(CaseResponded.class, submissions::recordResponded)
                .on(CaseResolved.class, submissions::recordResolved)
                .on(CaseReopened.class, submissions::recordReopened)
                .on(CaseAccepted.class, submissions::recordAccepted)
                .on(CasePaused.class, submissions::recordPaused)
                .on(CaseResumed.class, submissions::recordResumed)
                .on(CaseDeadlinesRecalculated.class, submissions::recordDeadlinesRecalculated)
                .on(CaseEscalated.class, submissions::recordEscalated);
    }

    /** One consumer per partition of the case topic (see unionhub.events.pipeline-consumers). */
    @KafkaListener(topics = Topics.CASE, concurrency = "${unionhub.events.pipeline-consumers}", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        events.acceptAll(records); // one inbox lookup per poll
    }
}
