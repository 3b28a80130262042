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
        // A poll's steps are applied together: one read and one write for all the items they concern.
        this.events = inbound.router("feedback-case-progress").gathered(submissions::recordAll, steps -> steps
                .on(CaseRouted.class, submissions::routed)
                .on(CaseResponded.class, submissions::responded)
                .on(CaseResolved.class, submissions::resolved)
                .on(CaseReopened.class, submissions::reopened)
                .on(CaseAccepted.class, submissions::accepted)
                .on(CasePaused.class, submissions::paused)
                .on(CaseResumed.class, submissions::resumed)
                .on(CaseDeadlinesRecalculated.class, submissions::deadlinesRecalculated)
                .on(CaseEscalated.class, submissions::escalated));
    }

    /** One consumer per partition of the case topic (see unionhub.events.pipeline-consumers). */
    @KafkaListener(topics = Topics.CASE, concurrency = "${unionhub.events.pipeline-consumers}", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        events.acceptAll(records); // one inbox lookup per poll
    }
}
