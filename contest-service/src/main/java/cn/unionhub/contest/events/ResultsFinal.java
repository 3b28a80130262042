package cn.unionhub.contest.events;

import cn.unionhub.events.DomainEvent;
import java.time.Instant;

/** An event's results became final: its last notice closed with every objection answered. */
public record ResultsFinal(String eventId, String contestId, String noticeId, int round, int ledgerSequence, Instant finalAt)
        implements DomainEvent {

    @Override
    public String subject() {
        return eventId;
    }
}
