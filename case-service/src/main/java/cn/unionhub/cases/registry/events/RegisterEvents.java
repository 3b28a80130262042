package cn.unionhub.cases.registry.events;

import cn.unionhub.cases.registry.RegisterCopy;
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
 * consumer group, shared by the instances: {@code case-service.register-unions} unless
 * {@code unionhub.cases.register-group} names another.
 */
@Component
class RegisterEvents {

    /**
     * Named anew each time the copy began keeping a kind of record its earlier group had read past: enterprises
     * (2026-12-03, was {@code case-service.register}), enterprises' unions (2026-12-04, was
     * {@code case-service.register-organisations}). A new group reads the topic from its start, and the copy takes
     * only records newer than its own, so reading the others again changes nothing.
     */
    static final String GROUP = "case-service.register-unions";

    private final EventRouter events;

    RegisterEvents(InboundEvents inbound, RegisterCopy copy) {
        this.events = inbound.router(GROUP)
                .onRevisioned(OrganisationRegistered.class, copy::registered)
                .onRevisioned(OrganisationUpdated.class, copy::updated)
                .onRevisioned(OrganisationClosed.class, copy::closed);
    }

    @KafkaListener(topics = Topics.MEMBER_CARD, groupId = "${unionhub.cases.register-group:" + GROUP + "}")
    void on(ConsumerRecord<String, byte[]> record) {
        events.accept(record);
    }
}
