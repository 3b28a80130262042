package cn.unionhub.events.station;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * Every place of the activity is taken; further sign-ups join the waitlist.
 *
 * @param activityId the activity's id
 * @param station the station's number
 * @param capacity places
 * @param fullAt when
 */
@EventContract(type = "cn.unionhub.station.activity-full.v1", topic = Topics.STATION)
public record ActivityFull(String activityId, String station, int capacity, Instant fullAt) implements DomainEvent {

    @Override
    public String subject() {
        return activityId;
    }
}
