package cn.unionhub.station.registry;

import cn.unionhub.platform.domain.Choices;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.web.CsvRows;
import cn.unionhub.security.Actor;
import cn.unionhub.station.map.domain.Datum;
import cn.unionhub.station.map.domain.Position;
import cn.unionhub.station.registry.domain.Station;
import cn.unionhub.station.registry.domain.StationAccess;
import cn.unionhub.station.registry.domain.StationNumbers;
import cn.unionhub.station.registry.domain.StationType;
import cn.unionhub.station.registry.store.Stations;
import cn.unionhub.station.service.domain.StationServiceType;
import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Imports an existing network's stations with the numbers they already have (福建: 2,600+ stations
 * under one numbering), from a CSV whose header names the columns: {@code number, name, type,
 * district, address, latitude, longitude, datum, services} (separated by {@code |}), {@code
 * openingHours} (OSM), {@code managerName, managerPhone}, and optionally {@code status} (LISTED, the
 * default, or APPLIED). Row by row: a bad row is reported and the rest go on; the same file twice
 * changes nothing; a changed row updates its station. A station registered later never gets an imported
 * number (the counter passes over them). Only the city union's administrators import stations as listed (an
 * existing network, inspected under its own rules); a district union's rows come in as APPLIED, and go on the
 * map through an inspection like any other — a district's import put stations on the map with none.
 */
@Service
public class StationImports {

    /** The most rows one file imports; the answer lists every row, so larger networks come in several files. */
    public static final int MAX_ROWS = 20_000;
    private static final List<String> REQUIRED = List.of("number", "name", "type", "district", "address", "latitude", "longitude",
            "datum", "services", "openingHours");

    /** One row's outcome: CREATED, UPDATED, UNCHANGED or ERROR with what was wrong. */
    public record RowResult(long line, String number, String result, List<FieldViolation> errors) {
    }

    public record Report(int created, int updated, int unchanged, int failed, List<RowResult> rows) {
    }

    private final Stations stations;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;

    StationImports(Stations stations, Clock clock, ApplicationEventPublisher publisher) {
        this.stations = stations;
        this.clock = clock;
        this.publisher = publisher;
    }

    public Report importCsv(Reader in, Actor actor) throws IOException {
        if (!actor.has(cn.unionhub.security.Role.ADMIN) && !actor.has(cn.unionhub.security.Role.DISTRICT_UNION)) {
            throw new ForbiddenException("station-not-yours");
        }
        CsvRows csv = new CsvRows(in);
        List<String> header = csv.next();
        Map<String, Integer> column = new HashMap<>();
        if (header != null) {
            for (int i = 0; i < header.size(); i++) {
                column.put(header.get(i).strip().replace("\uFEFF", ""), i);
            }
        }
        List<FieldViolation> missing = REQUIRED.stream().filter(c -> !column.containsKey(c))
                .map(c -> new FieldViolation("header", "missing-column", c)).toList();
        if (!missing.isEmpty()) {
            throw new RuleViolationException("invalid-station-import", missing);
        }
        List<RowResult> results = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int[] counts = new int[4];
        for (List<String> row = csv.next(); row != null; row = csv.next()) {
            if (results.size() >= MAX_ROWS) {
                // The rows so far are in; the rest are not read: the answer says where to start the next file.
                results.add(new RowResult(csv.line(), null, "ERROR", List.of(new FieldViolation("rows", "too-many", MAX_ROWS))));
                counts[3]++;
                break;
            }
            RowResult result = importRow(csv.line(), row, column, seen, actor);
            results.add(result);
            counts[switch (result.result()) {
                case "CREATED" -> 0;
                case "UPDATED" -> 1;
                case "UNCHANGED" -> 2;
                default -> 3;
            }]++;
        }
        return new Report(counts[0], counts[1], counts[2], counts[3], results);
    }

    private RowResult importRow(long line, List<String> row, Map<String, Integer> column, Set<String> seen, Actor actor) {
        String number = cell(row, column, "number");
        try {
            List<FieldViolation> wrong = new ArrayList<>();
            String district = cell(row, column, "district");
            if (!StationNumbers.isValid(number)) {
                wrong.add(new FieldViolation("number", "invalid-station-number"));
            } else if (!number.substring(3, 9).equals(district)) {
                wrong.add(new FieldViolation("number", "number-not-of-district", district));
            }
            if (!seen.add(number)) {
                wrong.add(new FieldViolation("number", "duplicate-in-file"));
            }
            if (district != null && !StationAccess.mayGovern(actor, district)) {
                wrong.add(new FieldViolation("district", "not-your-district"));
            }
            Station.Application form = application(row, column, wrong);
            String status = cell(row, column, "status");
            boolean admin = actor.has(cn.unionhub.security.Role.ADMIN);
            boolean listed = status == null || status.isBlank() ? admin : status.strip().equalsIgnoreCase("LISTED");
            if (status != null && !status.isBlank() && !listed && !status.strip().equalsIgnoreCase("APPLIED")) {
                wrong.add(new FieldViolation("status", "unknown-value", status));
            } else if (listed && !admin) {
                wrong.add(new FieldViolation("status", "listed-after-inspection"));
            }
            if (!wrong.isEmpty()) {
                return new RowResult(line, number, "ERROR", wrong);
            }
            var existing = stations.byNumber(number); // the form is checked by describedAs or imported, either way
            if (existing.isPresent()) {
                if (existing.get().status() == Station.Status.DELISTED) {
                    return new RowResult(line, number, "ERROR", List.of(new FieldViolation("number", "delisted")));
                }
                Station before = existing.get();
                Station after = stations.change(number, s -> s.describedAs(form, clock.instant())).orElseThrow();
                if (after.updatedAt().equals(before.updatedAt())) {
                    return new RowResult(line, number, "UNCHANGED", List.of());
                }
                publisher.publishEvent(new StationService.StationChanged(number));
                return new RowResult(line, number, "UPDATED", List.of());
            }
            stations.insert(Station.imported(number, form, listed, clock.instant()));
            publisher.publishEvent(new StationService.StationChanged(number));
            return new RowResult(line, number, "CREATED", List.of());
        } catch (RuleViolationException e) {
            return new RowResult(line, number, "ERROR", e.violations());
        } catch (DuplicateKeyException concurrent) {
            return new RowResult(line, number, "ERROR", List.of(new FieldViolation("number", "imported-concurrently")));
        }
    }

    private static Station.Application application(List<String> row, Map<String, Integer> column, List<FieldViolation> wrong) {
        StationType type = Choices.read(StationType.class, cell(row, column, "type"), "type", wrong);
        Set<StationServiceType> services = EnumSet.noneOf(StationServiceType.class);
        String listedServices = cell(row, column, "services");
        if (listedServices != null && !listedServices.isBlank()) {
            for (String s : listedServices.split("\\|")) {
                StationServiceType service = Choices.read(StationServiceType.class, s, "services", wrong);
                if (service != null) {
                    services.add(service);
                }
            }
        }
        Position position = null;
        try {
            Datum datum = Choices.read(Datum.class, cell(row, column, "datum"), "datum", wrong);
            if (datum != null) {
                position = new Position(Double.parseDouble(cell(row, column, "latitude")),
                        Double.parseDouble(cell(row, column, "longitude")), datum);
            }
        } catch (NumberFormatException | NullPointerException e) {
            wrong.add(new FieldViolation("latitude", "not-a-number"));
        } catch (RuleViolationException e) {
            wrong.addAll(e.violations());
        }
        String managerName = cell(row, column, "managerName");
        String managerPhone = cell(row, column, "managerPhone");
        Station.Manager manager = (managerName == null || managerName.isBlank()) && (managerPhone == null || managerPhone.isBlank()) ? null
                : new Station.Manager(blankToNull(managerName), blankToNull(managerPhone));
        return new Station.Application(cell(row, column, "name"), type, cell(row, column, "district"), cell(row, column, "address"),
                position, services, cell(row, column, "openingHours"), manager, List.of());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String cell(List<String> row, Map<String, Integer> column, String name) {
        Integer i = column.get(name);
        return i == null || i >= row.size() ? null : row.get(i).strip();
    }
}
