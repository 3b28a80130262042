package cn.unionhub.station.registry.store;

import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.Filters;
import cn.unionhub.platform.store.RequestKeys;
import cn.unionhub.platform.store.Sequences;
import cn.unionhub.station.hours.domain.OsmOpeningHours;
import cn.unionhub.station.map.domain.Position;
import cn.unionhub.station.registry.domain.Station;
import cn.unionhub.station.registry.domain.StationNumbers;
import cn.unionhub.station.registry.domain.StationType;
import cn.unionhub.station.service.domain.StationServiceType;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Stations in MongoDB, each written with its events in one document write (outbox); numbers come
 * from a counter per district that only grows.
 */
@Repository
public class Stations {

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final Sequences sequences;
    private final RequestKeys registrationKeys;

    Stations(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
        this.sequences = new Sequences(mongo, "station_counters");
        this.registrationKeys = new RequestKeys(mongo, "station_registration_keys");
    }

    /** {@code Idempotency-Key}s of registrations, each with the number its station has. */
    public RequestKeys registrationKeys() {
        return registrationKeys;
    }

    /**
     * The district's next number never given before: the counter's next, passing over numbers an import brought with it.
     * The counter used to jump past every imported number, so one mistyped row ({@code …-9999}) used up a district's
     * numbers for good (exploratory test, 2026-12-04); now an imported number costs only itself. 409 once all 9,999 are
     * given.
     */
    public String nextNumber(String district) {
        while (true) {
            long next = sequences.next(district);
            if (next > StationNumbers.MAX_SEQUENCE) {
                throw new ConflictException("station-numbers-used-up", district, StationNumbers.MAX_SEQUENCE);
            }
            String number = StationNumbers.of(district, next);
            if (mongo.findById(number, StationDocument.class) == null) {
                return number;
            }
        }
    }

    public void insert(Station.Changed registered) {
        store.insert(toDocument(registered.station()), registered.events());
    }

    public Optional<Station> byNumber(String number) {
        return Optional.ofNullable(mongo.findById(number, StationDocument.class)).map(Stations::toDomain);
    }

    /** Applies a step to a station (retried on a concurrent change); empty if there is no such station. */
    public Optional<Station> change(String number, Function<Station, Station.Changed> step) {
        return store.modify(StationDocument.class, number, current -> {
            Station.Changed changed = step.apply(toDomain(current));
            StationDocument updated = toDocument(changed.station());
            updated.version = current.version;
            return new AggregateStore.Change<>(updated, changed.events());
        }).map(Stations::toDomain);
    }

    /** A district's stations for its union's staff, by number (a page). */
    public List<Station> ofDistrict(String district, List<Station.Status> statuses, int page, int size) {
        // A city's or a province's code: the districts in it (it read nothing, exploratory test, 2026-12-04).
        Criteria criteria = Filters.equal("district", Filters.within(district));
        if (statuses != null && !statuses.isEmpty()) {
            criteria = criteria.and("status").in(statuses.stream().map(Enum::name).toList());
        }
        return mongo.find(Filters.page(new Query(criteria).with(Sort.by("_id")), page, size), StationDocument.class)
                .stream().map(Stations::toDomain).toList();
    }

    /** A district's stations workers may see, by number: for an export to map providers. */
    public List<Station> visibleOfDistrict(String district) {
        Criteria inDivision = Filters.equal("district", Filters.within(district));
        Query visible = new Query(inDivision.and("status").in(Station.Status.LISTED.name(), Station.Status.RECTIFYING.name()))
                .with(Sort.by("_id"));
        return mongo.find(visible, StationDocument.class).stream().map(Stations::toDomain).toList();
    }

    /**
     * Every station workers may see, handed over one by one: read once when an instance starts its
     * map, in batches and without the inspection and rectification records, so a province's stations
     * never sit in memory as documents all at once.
     */
    public void forEachVisible(Consumer<Station> each) {
        Query visible = new Query(Criteria.where("status").in(Station.Status.LISTED.name(), Station.Status.RECTIFYING.name()))
                .cursorBatchSize(1_000);
        visible.fields().exclude("lastInspection").exclude("rectification").exclude("photos").exclude("_outbox");
        try (var stream = mongo.stream(visible, StationDocument.class)) {
            stream.map(Stations::toDomain).forEach(each);
        }
    }

    private static StationDocument toDocument(Station s) {
        StationDocument d = new StationDocument();
        d.number = s.number();
        d.name = s.name();
        d.type = s.type().name();
        d.district = s.district();
        d.address = s.address();
        d.latitude = s.location().latitude();
        d.longitude = s.location().longitude();
        d.services = s.services().stream().map(Enum::name).sorted().toList();
        d.openingHours = OsmOpeningHours.format(s.hours());
        d.manager = s.manager();
        d.photos = s.photos();
        d.status = s.status().name();
        d.rectification = s.rectification();
        d.lastInspection = s.lastInspection();
        d.registeredAt = s.registeredAt();
        d.updatedAt = s.updatedAt();
        d.hoursByManagerAt = s.hoursByManagerAt();
        return d;
    }

    private static Station toDomain(StationDocument d) {
        return new Station(d.number, d.name, StationType.valueOf(d.type), d.district, d.address, Position.wgs84(d.latitude, d.longitude),
                d.services.stream().map(StationServiceType::valueOf).collect(Collectors.toSet()), OsmOpeningHours.parse(d.openingHours),
                d.manager, d.photos, Station.Status.valueOf(d.status), d.rectification, d.lastInspection, d.registeredAt, d.updatedAt,
                d.hoursByManagerAt);
    }
}
