package cn.unionhub.cases.casework.queue;

import cn.unionhub.cases.routing.domain.HandlingOrganisation;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.stream.LogStreams;
import cn.unionhub.platform.stream.StreamSettings;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Divisions;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.bson.Document;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The work queue of the caller's organisation as server-sent events ({@link LogStreams} over
 * {@link QueueLog}): one {@code queue} event per step of a case in it — the organisation decides,
 * as routing does, never a parameter. The enterprise's own union sees an anonymous worker's steps
 * by Beijing day, as in the case view: the moment a case reached it is the moment the worker complained.
 */
@Component
public class QueueStreams implements DisposableBean {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** One step of a case in the queue; {@code inQueue} is false when the case left this organisation (transferred). */
    record StepView(long number, String caseNumber, String action, String status, OffsetDateTime at, boolean inQueue) {
    }

    private final LogStreams streams;

    QueueStreams(QueueLog queues, StreamSettings settings) {
        this.streams = new LogStreams(queues.log(), "queue", settings);
    }

    public SseEmitter open(Actor actor, String lastEventId) {
        String organisation = HandlingOrganisation.of(actor).map(HandlingOrganisation::id)
                .orElseThrow(() -> new ForbiddenException("no-handling-organisation"));
        boolean enterpriseSide = actor.isEnterpriseSide();
        // One organisation id, CITY_UNION, is the city union of every city the platform serves: its staff are shown
        // their city's cases (their scope's division), as in the queue they list, from their city's own log.
        String division = actor.scope().map(Actor.Scope::division).orElse(null);
        // A province's office (330000) spans cities: it reads the shared log, passing over what lies outside it.
        String city = division == null || division.endsWith("0000") ? null : QueueLog.cityLog(organisation, division);
        return streams.open(city != null ? city : organisation, lastEventId, logged -> {
            Document d = logged.body();
            String district = d.getString("district");
            if (division != null && district != null && !Divisions.contains(division, district)) {
                return null;
            }
            OffsetDateTime at = d.getDate("at").toInstant().atZone(BEIJING).toOffsetDateTime();
            if (enterpriseSide && Boolean.TRUE.equals(d.getBoolean("anonymous"))) {
                at = at.truncatedTo(ChronoUnit.DAYS);
            }
            return new LogStreams.Sent("queue", new StepView(logged.number(), d.getString("caseNumber"), d.getString("action"),
                    d.getString("status"), at, organisation.equals(d.getString("organisation"))));
        });
    }

    @Override
    public void destroy() {
        streams.stop();
    }
}
