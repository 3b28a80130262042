package cn.unionhub.events.contest;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * An event's results went on public notice (公示): the first time, or again after an upheld
 * objection changed them ({@code round} 2, 3, …).
 *
 * @param provisional the closing day falls in a year whose holiday schedule is not yet published
 */
@EventContract(type = "cn.unionhub.contest.results-noticed.v1", topic = Topics.CONTEST)
public record ResultsNoticed(String eventId, String contestId, String noticeId, int round, Instant opensAt, Instant closesAt,
        boolean provisional, int ranked, int unranked, int ledgerSequence) implements DomainEvent {

    @Override
    public String subject() {
        return eventId;
    }
}
