package cn.unionhub.station.registry;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.security.Actor;
import cn.unionhub.station.registry.domain.SixHaves;
import cn.unionhub.station.registry.domain.Station;
import cn.unionhub.station.registry.domain.StationAccess;
import cn.unionhub.station.registry.domain.StationNumbers;
import cn.unionhub.station.registry.store.Stations;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** The station registry and the exit mechanism, with who may do what (StationAccess). */
@Service
public class StationService {

    /** Published in-process after every change, so this instance's map follows at once. */
    public record StationChanged(String number) {
    }

    private final Stations stations;
    private final StationProperties properties;
    private final BusinessCalendar calendar;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;

    /** Looked up when needed: the activity feature's service depends on this one. */
    private final ObjectProvider<UpcomingActivities> activities;

    StationService(Stations stations, StationProperties properties, BusinessCalendar calendar, Clock clock,
            ApplicationEventPublisher publisher, ObjectProvider<UpcomingActivities> activities) {
        this.stations = stations;
        this.properties = properties;
        this.calendar = calendar;
        this.clock = clock;
        this.publisher = publisher;
        this.activities = activities;
    }

    /**
     * Registers a station, once per {@code Idempotency-Key} (per caller): the key is claimed with the number the station
     * will have before it is stored, so a retry answers that station (a timed-out request sent again made a second
     * station and used up a second number of the district's 9,999 for good).
     */
    public Station register(Station.Application form, String idempotencyKey, Actor actor) {
        if (form.district() == null || !StationNumbers.isProvince(form.district())) {
            throw new RuleViolationException("invalid-station", List.of(new RuleViolationException.FieldViolation("district",
                    "invalid-district")));
        }
        if (!StationAccess.mayGovern(actor, form.district())) {
            throw new ForbiddenException("station-not-yours");
        }
        Station.check(form); // before taking a number: a refused form leaves no gap in the district's numbers
        var claim = stations.registrationKeys().claim(actor.subject(), idempotencyKey,
                cn.unionhub.platform.domain.HashChain.fields().add(form.toString()).sha256(), () -> stations.nextNumber(form.district()));
        if (claim.isPresent() && !claim.get().first()) {
            var earlier = stations.byNumber(claim.get().id());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        String number = claim.map(cn.unionhub.platform.store.RequestKeys.Claim::id).orElseGet(() -> stations.nextNumber(form.district()));
        Station.Changed registered = Station.register(number, form, clock.instant());
        try {
            stations.insert(registered);
        } catch (org.springframework.dao.DuplicateKeyException twice) {
            // the same key's first request stored it a moment ago
            return stations.byNumber(number).orElseThrow(() -> twice);
        }
        publisher.publishEvent(new StationChanged(registered.station().number()));
        return registered.station();
    }

    /** A station as the public sees it: only while visible to workers. */
    public Station visible(String number) {
        return stations.byNumber(number).filter(Station::isVisibleToWorkers)
                .orElseThrow(() -> new NotFoundException("station-not-found", number));
    }

    /** A district's stations workers can see, for map providers (public data). */
    public List<Station> visibleOfDistrict(String district) {
        if (!StationNumbers.isProvince(district)) {
            throw new RuleViolationException("invalid-request", List.of(new RuleViolationException.FieldViolation("district",
                    "invalid-district")));
        }
        return stations.visibleOfDistrict(district);
    }

    /** A station's full record, for those who keep or govern it. */
    public Station record(String number, Actor actor) {
        Station station = stations.byNumber(number).orElseThrow(() -> new NotFoundException("station-not-found", number));
        if (!StationAccess.mayKeep(actor, station)) {
            throw new NotFoundException("station-not-found", number);
        }
        return station;
    }

    public List<Station> ofDistrict(String district, List<Station.Status> statuses, int page, int size, Actor actor) {
        if (!StationAccess.mayGovern(actor, district)) {
            throw new ForbiddenException("station-not-yours");
        }
        return stations.ofDistrict(district, statuses, page, Math.min(Math.max(size, 1), 200));
    }

    public Station inspect(String number, Set<SixHaves> met, LocalDate mapInfoUpdatedOn, String note, Actor actor) {
        return govern(number, actor, s -> s.inspect(actor.subject(), met, mapInfoUpdatedOn, properties.maxMapAgeDays(), note,
                clock.instant()));
    }

    public Station list(String number, Actor actor) {
        return govern(number, actor, s -> s.list(clock.instant()));
    }

    public Station orderRectification(String number, String reason, int workingDays, Actor actor) {
        return govern(number, actor, s -> s.orderRectification(actor.subject(), reason, workingDays, calendar, clock.instant()));
    }

    /**
     * Delists the station, after calling off its activities that have not ended (the people signed up see
     * why): they go first and are called off idempotently, so a stop in between leaves the station listed
     * with its activities off, and delisting again finishes it. The step is tried on the station as read
     * before anything is called off, so a delisting that would be refused calls nothing off.
     */
    public Station delist(String number, String reason, Actor actor) {
        Station current = record(number, actor);
        if (!StationAccess.mayGovern(actor, current.district())) {
            throw new ForbiddenException("station-not-yours");
        }
        current.delist(reason, clock.instant());
        activities.getObject().callOffAll(number, "站点已摘牌：" + reason.strip(), actor.subject());
        return govern(number, actor, s -> s.delist(reason, clock.instant()));
    }

    public Station changeHours(String number, String openingHours, Actor actor) {
        return change(number, actor, false, s -> s.changeHours(openingHours, clock.instant()));
    }

    private Station govern(String number, Actor actor, Function<Station, Station.Changed> step) {
        return change(number, actor, true, step);
    }

    /**
     * One step on the freshly loaded station, with who may take it decided on that same load: those
     * who neither keep nor govern it get 404 (as for reading it), keepers a 403 for what only
     * governors may do.
     */
    private Station change(String number, Actor actor, boolean governorsOnly, Function<Station, Station.Changed> step) {
        Station changed = stations.change(number, current -> {
            if (!StationAccess.mayKeep(actor, current)) {
                throw new NotFoundException("station-not-found", number);
            }
            if (governorsOnly && !StationAccess.mayGovern(actor, current.district())) {
                throw new ForbiddenException("station-not-yours");
            }
            return step.apply(current);
        }).orElseThrow(() -> new NotFoundException("station-not-found", number));
        publisher.publishEvent(new StationChanged(number));
        return changed;
    }
}
