package cn.unionhub.station.activity.store;

import cn.unionhub.station.activity.domain.Activity;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** An activity with its places and waitlist in one document: one write decides who gets the last place. */
@Document("activities")
class ActivityDocument {

    @Id
    String id;
    @Version
    Long version;
    @Indexed
    String station;
    String district;
    String title;
    String description;
    Instant startsAt;
    Instant endsAt;
    int capacity;
    List<Activity.Entry> confirmed;
    List<Activity.Entry> waiting;
    boolean cancelled;
    String cancelReason;
    String cancelledBy;
    Instant cancelledAt;
    String publishedBy;
    Instant publishedAt;
}
