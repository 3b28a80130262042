package cn.unionhub.contest.registration.store;

import cn.unionhub.contest.common.store.Bodies;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.platform.store.Sequences;
import java.time.Duration;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The store side of an event's roster for load drivers: registrations written in the service's shape, read by its own {@link Registrations}. */
public final class RosterReads {

    private final Registrations registrations;
    private final MongoTemplate mongo;
    private final Bodies bodies;

    public RosterReads(MongoTemplate mongo, Bodies bodies) {
        // approved() reads with the template, the bodies and the counters only
        this.registrations = new Registrations(mongo, null, bodies, new Sequences(mongo, "contest_counters"), 50_000, Duration.ofMinutes(5));
        this.mongo = mongo;
        this.bodies = bodies;
    }

    public void write(List<Registration> roster) {
        for (int from = 0; from < roster.size(); from += 1000) {
            mongo.insertAll(roster.subList(from, Math.min(roster.size(), from + 1000)).stream().map(r -> {
                RegistrationDocument d = new RegistrationDocument();
                d.id = r.id();
                d.eventId = r.eventId();
                d.registration = bodies.write(r);
                return d;
            }).toList());
        }
    }

    /** As a ranking request reads them. */
    public List<Registration> approved(String eventId) {
        return registrations.approved(eventId);
    }
}
