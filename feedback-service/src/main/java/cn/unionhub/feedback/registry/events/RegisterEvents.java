package cn.unionhub.feedback.registry.events;

import cn.unionhub.events.Topics;
import cn.unionhub.events.membercard.MemberChanged;
import cn.unionhub.events.membercard.MemberEnrolled;
import cn.unionhub.events.membercard.OrganisationClosed;
import cn.unionhub.events.membercard.OrganisationRegistered;
import cn.unionhub.events.membercard.OrganisationUpdated;
import cn.unionhub.feedback.registry.RegisterCopy;
import cn.unionhub.platform.events.EventRouter;
import cn.unionhub.platform.events.InboundEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The register's organisation and member events feed the copy; card events are skipped. Its own
 * consumer group, shared by the instances: {@code feedback-service.register} unless
 * {@code unionhub.feedback.register-group} names another.
 */
@Component
class RegisterEvents {

    static final String GROUP = "feedback-service.register";

    private final EventRouter events;

    RegisterEvents(InboundEvents inbound, RegisterCopy copy) {
        this.events = inbound.router(GROUP)
                .onRevisioned(OrganisationRegistered.class, copy::registered)
                .onRevisioned(OrganisationUpdated.class, copy::updated)
                .onRevisioned(OrganisationClosed.class, copy::closed)
                .onRevisioned(MemberEnrolled.class, copy::enrolled)
                .onRevisioned(MemberChanged.class, copy::memberChanged);
    }

    @KafkaListener(topics = Topics.MEMBER_CARD, groupId = "${unionhub.feedback.register-group:" + GROUP + "}")
    void on(ConsumerRecord<String, byte[]> record) {
        events.accept(record);
    }
}
