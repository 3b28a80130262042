package cn.unionhub.events.contest;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/** An event's results became final: its last notice closed with every objection answered. */
@EventContract(type = "cn.unionhub.contest.results-final.v1", topic = Topics.CONTEST)
public record ResultsFinal(String eventId, String contestId, String noticeId, int round, int ledgerSequence, Instant finalAt)
        implements DomainEvent {

    @Override
    public String subject() {
        return eventId;
    }
}
