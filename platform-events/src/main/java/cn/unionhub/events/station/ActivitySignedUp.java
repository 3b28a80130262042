package cn.unionhub.events.station;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * Someone signed up, confirmed or on the waitlist, with the counts after it; who signed up is never in the event.
 *
 * @param activityId the activity's id
 * @param station the station's number
 * @param outcome CONFIRMED or WAITLISTED
 * @param confirmed places taken
 * @param waitlisted people waiting
 * @param signedUpAt when
 */
@EventContract(type = "cn.unionhub.station.activity-signed-up.v1", topic = Topics.STATION)
public record ActivitySignedUp(String activityId, String station, String outcome, int confirmed, int waitlisted, Instant signedUpAt) implements DomainEvent {

    @Override
    public String subject() {
        return activityId;
    }
}
