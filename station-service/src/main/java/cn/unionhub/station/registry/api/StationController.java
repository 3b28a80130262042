package cn.unionhub.station.registry.api;

import cn.unionhub.platform.domain.Choices;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Actor;
import cn.unionhub.station.hours.domain.OsmOpeningHours;
import cn.unionhub.station.map.domain.Datum;
import cn.unionhub.station.map.domain.Position;
import cn.unionhub.station.registry.StationImports;
import cn.unionhub.station.registry.StationService;
import cn.unionhub.station.registry.domain.Inspection;
import cn.unionhub.station.registry.domain.SixHaves;
import cn.unionhub.station.registry.domain.Station;
import cn.unionhub.station.registry.domain.StationType;
import cn.unionhub.station.service.domain.StationServiceType;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The station registry: district unions register, inspect (六有), list, order rectification and
 * delist; a station's manager keeps its opening hours; anyone reads a station workers can see.
 */
@RestController
@RequestMapping("/api/v1/stations")
class StationController {

    private final StationService stations;
    private final StationImports imports;
    private final cn.unionhub.platform.problem.Problems problems;
    private final java.time.Clock clock;

    StationController(StationService stations, StationImports imports, cn.unionhub.platform.problem.Problems problems,
            java.time.Clock clock) {
        this.stations = stations;
        this.imports = imports;
        this.problems = problems;
        this.clock = clock;
    }

    /** An import's report as answered: each refused row's errors with their message in the caller's language. */
    record ImportReport(int created, int updated, int unchanged, int failed, java.util.List<ImportRow> rows) {
    }

    record ImportRow(long line, String number, String result, java.util.List<cn.unionhub.platform.problem.Problems.FieldError> errors) {
    }

    /** The full record as of now (whether a rectification is overdue depends on the time). */
    private StationRecord full(Station station) {
        return StationRecord.of(station, clock.instant());
    }

    /** An existing network's stations with their numbers (CSV, see StationImports): every row's result. */
    @PostMapping(path = "/imports", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    ImportReport importStations(jakarta.servlet.http.HttpServletRequest request, Actor actor) throws java.io.IOException {
        StationImports.Report report;
        // Read in the encoding the file is in: Excel's "CSV" on a Chinese Windows is GBK, and it went onto the map as mojibake.
        byte[] file = request.getInputStream().readAllBytes();
        java.nio.charset.Charset encoding;
        try {
            encoding = cn.unionhub.platform.web.CsvEncoding.of(java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(file)));
        } catch (cn.unionhub.platform.web.CsvEncoding.MixedEncoding mixed) {
            throw new cn.unionhub.platform.domain.RuleViolationException("invalid-station-import", List.of(
                    new cn.unionhub.platform.domain.RuleViolationException.FieldViolation("file", "mixed-encoding", mixed.line())));
        }
        try (var reader = new java.io.InputStreamReader(new java.io.ByteArrayInputStream(file), encoding)) {
            report = imports.importCsv(reader, actor);
        }
        return new ImportReport(report.created(), report.updated(), report.unchanged(), report.failed(), report.rows().stream()
                .map(r -> new ImportRow(r.line(), r.number(), r.result(), problems.fieldErrors(r.errors()))).toList());
    }

    /** The form: position in the datum given ({@code GCJ02} from a Chinese map, or {@code WGS84}). */
    record Registration(String name, String type, String district, String address, Double latitude, Double longitude,
            String datum, List<String> services, String openingHours, String managerName, String managerPhone,
            List<Station.Photo> photos) {
    }

    @PostMapping
    ResponseEntity<StationRecord> register(@RequestBody Registration form,
            @org.springframework.web.bind.annotation.RequestHeader(name = "Idempotency-Key", required = false) String key, Actor actor) {
        Station station = stations.register(application(form), key, actor);
        return ResponseEntity.created(URI.create("/api/v1/stations/" + station.number())).body(full(station));
    }

    /**
     * A district's stations for map providers: GeoJSON (RFC 7946) with OpenStreetMap-style properties
     * ({@code ref}, {@code name}, {@code opening_hours}); coordinates in WGS-84 as the RFC says, or in
     * GCJ-02 for Chinese map providers ({@code datum=GCJ02}). Public: it is what the map shows anyway.
     */
    @GetMapping(path = "/export", produces = {"application/geo+json", "application/json"})
    java.util.Map<String, Object> export(@RequestParam String district, @RequestParam(defaultValue = "WGS84") String datum) {
        Datum in = datum(datum);
        List<java.util.Map<String, Object>> features = new ArrayList<>();
        for (Station s : stations.visibleOfDistrict(district)) {
            Position there = s.location().in(in);
            java.util.Map<String, Object> properties = new java.util.LinkedHashMap<>();
            properties.put("ref", s.number());
            properties.put("name", s.name());
            properties.put("addr:full", s.address());
            properties.put("opening_hours", OsmOpeningHours.format(s.hours()));
            properties.put("services", s.services().stream().map(Enum::name).sorted().toList());
            properties.put("rectifying", s.status() == Station.Status.RECTIFYING);
            features.add(java.util.Map.of("type", "Feature", "geometry",
                    java.util.Map.of("type", "Point", "coordinates", List.of(there.longitude(), there.latitude())),
                    "properties", properties));
        }
        return java.util.Map.of("type", "FeatureCollection", "datum", in.name(), "features", features);
    }

    /** A station workers can see, as the public sees it (the manager's phone masked); 404 otherwise. */
    @GetMapping("/{number}")
    PublicStation station(@PathVariable String number, @RequestParam(defaultValue = "WGS84") String datum) {
        Datum in = datum(datum);
        return PublicStation.of(stations.visible(number), in);
    }

    /** The full record (status, inspections, rectification, the manager's phone) for those who keep or govern it. */
    @GetMapping("/{number}/record")
    StationRecord record(@PathVariable String number, Actor actor) {
        return full(stations.record(number, actor));
    }

    @GetMapping
    List<StationRecord> ofDistrict(@RequestParam String district, @RequestParam(required = false) List<String> status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size, Actor actor) {
        List<Station.Status> statuses = status == null ? List.of()
                : status.stream().map(s -> Choices.read(Station.Status.class, s, "status")).toList();
        return stations.ofDistrict(district, statuses, page, size, actor).stream().map(this::full).toList();
    }

    record InspectionForm(List<String> met, LocalDate mapInfoUpdatedOn, String note) {
    }

    @PostMapping("/{number}/inspections")
    StationRecord inspect(@PathVariable String number, @RequestBody InspectionForm form, Actor actor) {
        Set<SixHaves> met = EnumSet.noneOf(SixHaves.class);
        if (form.met() != null) {
            form.met().forEach(item -> met.add(Choices.read(SixHaves.class, item, "met")));
        }
        return full(stations.inspect(number, met, form.mapInfoUpdatedOn(), form.note(), actor));
    }

    @PostMapping("/{number}/listing")
    StationRecord list(@PathVariable String number, Actor actor) {
        return full(stations.list(number, actor));
    }

    record RectificationForm(String reason, Integer workingDays) {
    }

    @PostMapping("/{number}/rectification")
    StationRecord rectify(@PathVariable String number, @RequestBody RectificationForm form, Actor actor) {
        return full(stations.orderRectification(number, form.reason(), form.workingDays() == null ? 0 : form.workingDays(),
                actor));
    }

    record DelistingForm(String reason) {
    }

    @PostMapping("/{number}/delisting")
    StationRecord delist(@PathVariable String number, @RequestBody DelistingForm form, Actor actor) {
        return full(stations.delist(number, form.reason(), actor));
    }

    record HoursForm(String openingHours) {
    }

    @PutMapping("/{number}/hours")
    StationRecord hours(@PathVariable String number, @RequestBody HoursForm form, Actor actor) {
        return full(stations.changeHours(number, form.openingHours(), actor));
    }

    private static Station.Application application(Registration f) {
        List<FieldViolation> wrong = new ArrayList<>();
        StationType type = f.type() == null ? null : Choices.read(StationType.class, f.type(), "type", wrong);
        Set<StationServiceType> services = EnumSet.noneOf(StationServiceType.class);
        if (f.services() != null) {
            f.services().forEach(s -> {
                StationServiceType parsed = Choices.read(StationServiceType.class, s, "services", wrong);
                if (parsed != null) {
                    services.add(parsed);
                }
            });
        }
        Position position = null;
        if (f.latitude() == null || f.longitude() == null) {
            wrong.add(new FieldViolation("latitude", "required"));
        } else {
            Datum datum = Choices.read(Datum.class, f.datum(), "datum", wrong);
            if (datum != null) {
                try {
                    position = new Position(f.latitude(), f.longitude(), datum);
                } catch (RuleViolationException e) {
                    wrong.addAll(e.violations());
                }
            }
        }
        Station.Manager manager = f.managerName() == null && f.managerPhone() == null ? null
                : new Station.Manager(f.managerName(), f.managerPhone());
        Station.Application form = new Station.Application(f.name(), type, f.district(), f.address(), position, services,
                f.openingHours(), manager, f.photos());
        if (!wrong.isEmpty()) {
            // Every wrong field at once: the form's own rules too, but not again for a field named above (an unknown type is
            // not also a missing one, a wrong datum not also a missing position). It named the first kind of error only.
            java.util.Set<String> named = new java.util.HashSet<>();
            wrong.forEach(v -> named.add(v.field()));
            if (named.contains("latitude") || named.contains("datum")) {
                named.add("position");
            }
            Station.violations(form).stream().filter(v -> !named.contains(v.field())).forEach(wrong::add);
            throw new RuleViolationException("invalid-station", wrong);
        }
        return form;
    }

    private static Datum datum(String value) {
        return Choices.read(Datum.class, value, "datum");
    }

    /**
     * What anyone may read of a visible station, as its sign publishes it (seed 003: opening hours, free services, the
     * manager's name and phone): the phone was masked and the name left out, so a worker could not call the station.
     */
    record PublicStation(String number, String name, String type, String district, String address, double latitude,
            double longitude, String datum, List<String> services, String openingHours, boolean rectifying, String managerName,
            String phone) {

        static PublicStation of(Station s, Datum datum) {
            Position there = s.location().in(datum);
            return new PublicStation(s.number(), s.name(), s.type().name(), s.district(), s.address(), there.latitude(),
                    there.longitude(), datum.name(), s.services().stream().map(Enum::name).sorted().toList(),
                    OsmOpeningHours.format(s.hours()), s.status() == Station.Status.RECTIFYING,
                    s.manager() == null ? null : s.manager().name(), s.manager() == null ? null : s.manager().phone());
        }
    }

    /** The full record, for those who keep or govern the station (location in WGS-84, as stored). */
    record StationRecord(String number, String name, String type, String district, String address, double latitude,
            double longitude, List<String> services, String openingHours, Station.Manager manager, List<Station.Photo> photos,
            String status, Station.Rectification rectification, boolean rectificationOverdue, Inspection lastInspection,
            Instant registeredAt, Instant updatedAt) {

        static StationRecord of(Station s, Instant now) {
            return new StationRecord(s.number(), s.name(), s.type().name(), s.district(), s.address(), s.location().latitude(),
                    s.location().longitude(), s.services().stream().map(Enum::name).sorted().toList(),
                    OsmOpeningHours.format(s.hours()), s.manager(), s.photos(), s.status().name(), s.rectification(),
                    s.isOverdue(now), s.lastInspection(), s.registeredAt(), s.updatedAt());
        }
    }
}
