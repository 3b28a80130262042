package cn.unionhub.alert.registry.events;

import cn.unionhub.alert.registry.RegisterCopy;
import cn.unionhub.events.Topics;
import cn.unionhub.events.membercard.OrganisationClosed;
import cn.unionhub.events.membercard.OrganisationRegistered;
import cn.unionhub.events.membercard.OrganisationUpdated;
import cn.unionhub.platform.events.EventRouter;
import cn.unionhub.platform.events.InboundEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The register's organisation events feed the copy; member and card events are skipped. Its own
 * consumer group, shared by the instances: {@code alert-service.register} unless
 * {@code unionhub.alerts.register-group} names another.
 */
@Component
class RegisterEvents {

    static final String GROUP = "alert-service.register";

    private final EventRouter events;

    RegisterEvents(InboundEvents inbound, RegisterCopy copy) {
        this.events = inbound.router(GROUP)
                .onRevisioned(OrganisationRegistered.class, copy::registered)
                .onRevisioned(OrganisationUpdated.class, copy::updated)
                .onRevisioned(OrganisationClosed.class, copy::closed);
    }

    @KafkaListener(topics = Topics.MEMBER_CARD, groupId = "${unionhub.alerts.register-group:" + GROUP + "}")
    void on(ConsumerRecord<String, byte[]> record) {
        events.accept(record);
    }
}
