package cn.unionhub.cases.casework.events;

import cn.unionhub.cases.casework.CaseService;
import cn.unionhub.events.Topics;
import cn.unionhub.events.feedback.FeedbackRated;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import cn.unionhub.platform.events.EventRouter;
import cn.unionhub.platform.events.InboundEvents;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A new complaint, appeal or suggestion starts the routing pipeline; a dissatisfied worker reopens its case. */
@Component
class FeedbackIntake {

    private final EventRouter events;

    FeedbackIntake(InboundEvents inbound, CaseService cases) {
        // A poll's new cases are opened together: one read, then one command each for their timers,
        // pointers and documents. A rating flushes the cases gathered before it first.
        this.events = inbound.router("case-intake")
                .gathered(cases::openAll, intake -> intake.on(FeedbackSubmitted.class, cases::intakeOf))
                .on(FeedbackRated.class, cases::onRating)
                .on(cn.unionhub.events.feedback.WorkerReplied.class, cases::onWorkerReply);
    }

    /** One consumer per partition of the feedback topic (see unionhub.events.pipeline-consumers). */
    @KafkaListener(topics = Topics.FEEDBACK, concurrency = "${unionhub.events.pipeline-consumers}", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        events.acceptAll(records); // one inbox lookup per poll
    }
}
