package cn.unionhub.events.contest;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;
import java.util.List;

/** A contest opened for registration with its events (比赛项目) and their rules fixed. */
@EventContract(type = "cn.unionhub.contest.published.v1", topic = Topics.CONTEST)
public record ContestPublished(String contestId, String name, String tier, String region, int year, List<String> eventIds,
        String advancesTo, Instant publishedAt) implements DomainEvent {

    public ContestPublished {
        eventIds = List.copyOf(eventIds);
    }

    @Override
    public String subject() {
        return contestId;
    }
}
