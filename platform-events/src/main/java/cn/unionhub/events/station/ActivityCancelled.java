package cn.unionhub.events.station;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The activity was called off by those who keep its station: the people signed up should not come.
 * Who they are is never in the event, only how many.
 *
 * @param activityId the activity's id
 * @param station the station's number
 * @param district the station's district
 * @param reason why, as the people signed up are shown
 * @param confirmed people who had a place
 * @param waiting people on the waitlist
 * @param cancelledAt when
 */
@EventContract(type = "cn.unionhub.station.activity-cancelled.v1", topic = Topics.STATION)
public record ActivityCancelled(String activityId, String station, String district, String reason, int confirmed, int waiting,
        Instant cancelledAt) implements DomainEvent {

    @Override
    public String subject() {
        return activityId;
    }
}
