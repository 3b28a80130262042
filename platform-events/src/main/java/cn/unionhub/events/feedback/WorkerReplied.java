package cn.unionhub.events.feedback;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The worker answered the union about their item (补充说明: the documents or facts a paused case waits for). Case-service
 * records it on the case and starts its clock again. Never names the worker; personal numbers in the text are masked.
 *
 * @param feedbackId     aggregate id
 * @param trackingNumber the worker's tracking number
 * @param text           what the worker wrote
 * @param repliedAt      when
 */
@EventContract(type = "cn.unionhub.feedback.worker-replied.v1", topic = Topics.FEEDBACK)
public record WorkerReplied(String feedbackId, String trackingNumber, String text, Instant repliedAt) implements DomainEvent {

    @Override
    public String subject() {
        return feedbackId;
    }
}
