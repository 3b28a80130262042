package cn.unionhub.membercard.award.events;

import cn.unionhub.events.Topics;
import cn.unionhub.events.contest.AwardGranted;
import cn.unionhub.events.contest.ContestPublished;
import cn.unionhub.membercard.award.AwardPayments;
import cn.unionhub.platform.events.EventRouter;
import cn.unionhub.platform.events.InboundEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * contest.events: which region's union runs each contest (contest-published), and the prize money
 * to pay (award-granted). Its own consumer group, shared by the instances; every other contest event
 * is skipped.
 */
@Component
class ContestAwards {

    static final String GROUP = "member-card-service.awards";

    private final EventRouter events;

    ContestAwards(InboundEvents inbound, AwardPayments payments) {
        this.events = inbound.router(GROUP)
                .on(ContestPublished.class, payments::published)
                .on(AwardGranted.class, payments::granted);
    }

    @KafkaListener(topics = Topics.CONTEST, groupId = "${unionhub.awards.group:" + GROUP + "}")
    void on(ConsumerRecord<String, byte[]> record) {
        events.accept(record);
    }
}
