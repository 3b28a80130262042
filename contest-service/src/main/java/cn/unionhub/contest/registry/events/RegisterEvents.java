package cn.unionhub.contest.registry.events;

import cn.unionhub.contest.registry.RegisterCopy;
import cn.unionhub.events.Topics;
import cn.unionhub.events.membercard.MemberChanged;
import cn.unionhub.events.membercard.MemberEnrolled;
import cn.unionhub.platform.events.EventRouter;
import cn.unionhub.platform.events.InboundEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The register's member events feed the copy; organisation and card events are skipped. Its own
 * consumer group, shared by the instances: {@code contest-service.register}.
 */
@Component
class RegisterEvents {

    static final String GROUP = "contest-service.register";

    private final EventRouter events;

    RegisterEvents(InboundEvents inbound, RegisterCopy copy) {
        this.events = inbound.router(GROUP)
                .onRevisioned(MemberEnrolled.class, copy::enrolled)
                .onRevisioned(MemberChanged.class, copy::memberChanged);
    }

    @KafkaListener(topics = Topics.MEMBER_CARD, groupId = GROUP)
    void on(ConsumerRecord<String, byte[]> record) {
        events.accept(record);
    }
}
