package cn.unionhub.events.station;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * An activity at a station (health check, legal advice, cool-drink day) open for sign-up.
 *
 * @param activityId the activity's id
 * @param station the station's number
 * @param district its district
 * @param title what it is
 * @param startsAt when it starts
 * @param endsAt when it ends
 * @param capacity places
 * @param publishedAt when
 */
@EventContract(type = "cn.unionhub.station.activity-published.v1", topic = Topics.STATION)
public record ActivityPublished(String activityId, String station, String district, String title, Instant startsAt, Instant endsAt, int capacity, Instant publishedAt) implements DomainEvent {

    @Override
    public String subject() {
        return activityId;
    }
}
