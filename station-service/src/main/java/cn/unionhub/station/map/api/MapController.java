package cn.unionhub.station.map.api;

import cn.unionhub.platform.domain.Choices;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.station.map.StationMap;
import cn.unionhub.station.map.domain.Datum;
import cn.unionhub.station.map.domain.Position;
import cn.unionhub.station.registry.StationProperties;
import cn.unionhub.station.service.domain.StationServiceType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The nearest open stations, for a worker in the street (no sign-in): from a position in GCJ-02 (as
 * WeChat's {@code wx.getLocation} gives it with {@code type: 'gcj02'}) or WGS-84, answered with the
 * coordinates in the same datum so the map pin lands on the station.
 */
@RestController
@RequestMapping("/api/v1/stations/nearest")
class MapController {

    private final StationMap map;
    private final StationProperties properties;
    private final java.time.Clock clock;

    MapController(StationMap map, StationProperties properties, java.time.Clock clock) {
        this.map = map;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @param latitude     degrees
     * @param longitude    degrees
     * @param datum        GCJ02 or WGS84: required, since the two differ by hundreds of metres in China
     * @param service      only stations offering it (e.g. PHONE_CHARGING)
     * @param limit        how many (default and most: unionhub.stations.nearest-limit)
     * @param radiusMetres how far to look (default unionhub.stations.nearest-radius)
     * @param at           open at this time instead of now (ISO 8601 with offset, e.g. 2026-10-01T22:30+08:00): planning a night shift
     */
    @GetMapping
    List<NearbyStation> nearest(@RequestParam(required = false) Double latitude, @RequestParam(required = false) Double longitude,
            @RequestParam(required = false) String datum, @RequestParam(required = false) String service,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer radiusMetres,
            @RequestParam(required = false) String at) {
        List<FieldViolation> wrong = new ArrayList<>();
        Datum inDatum = Choices.read(Datum.class, datum, "datum", wrong);
        StationServiceType wanted = service == null || service.isBlank() ? null : Choices.read(StationServiceType.class, service, "service", wrong);
        int count = limit == null ? properties.nearestLimit() : limit;
        int radius = radiusMetres == null ? properties.nearestRadius() : radiusMetres;
        if (count < 1 || count > properties.nearestLimit()) {
            wrong.add(new FieldViolation("limit", "out-of-range", 1, properties.nearestLimit()));
        }
        if (radius < 1 || radius > properties.nearestMaxRadius()) {
            wrong.add(new FieldViolation("radiusMetres", "out-of-range", 1, properties.nearestMaxRadius()));
        }
        if (latitude == null) {
            wrong.add(new FieldViolation("latitude", "required"));
        }
        if (longitude == null) {
            wrong.add(new FieldViolation("longitude", "required"));
        }
        java.time.Instant when = clock.instant();
        if (at != null && !at.isBlank()) {
            try {
                when = java.time.OffsetDateTime.parse(at.strip()).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                wrong.add(new FieldViolation("at", "not-a-time"));
            }
        }
        if (!wrong.isEmpty()) {
            // "Give a right position" only when the position is what is wrong; a bad time or limit says so as any request.
            boolean position = wrong.stream().allMatch(v -> List.of("latitude", "longitude", "datum").contains(v.field()));
            throw new RuleViolationException(position ? "invalid-position" : "invalid-request", wrong);
        }
        Position from = new Position(latitude, longitude, inDatum);
        return map.nearestOpen(from, wanted, count, radius, when).stream()
                .map(nearby -> NearbyStation.of(nearby.pin(), nearby.metres(), inDatum)).toList();
    }

    /**
     * One station as the map shows it: open now (that is what was asked), where it is in the caller's
     * datum, how far in a straight line, and the manager's phone masked.
     */
    record NearbyStation(String number, String name, String type, String address, List<String> services, String openingHours,
            boolean rectifying, long distanceMetres, double latitude, double longitude, String datum, String phone) {

        static NearbyStation of(StationMap.Pin pin, double metres, Datum datum) {
            Position there = pin.location().in(datum);
            return new NearbyStation(pin.number(), pin.name(), pin.type(), pin.address(), pin.serviceNames(), pin.openingHours(),
                    pin.rectifying(), Math.round(metres), there.latitude(), there.longitude(), datum.name(), pin.phone());
        }
    }
}
