package cn.unionhub.station.visit;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.Pseudonyms;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import cn.unionhub.station.registry.StationService;
import cn.unionhub.station.registry.domain.Station;
import cn.unionhub.station.registry.domain.StationAccess;
import cn.unionhub.station.visit.store.VisitCounts;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Check-in at a station with the code on its QR poster, and visit counts per station and district.
 * The code is a keyed hash of the station number (the installation's pseudonym key, kept apart by a
 * prefix), so it cannot be made up for a station one is not at. A poster stays valid until the station's keepers
 * replace its code (a photo of it shared in a drivers' group counted visits from anywhere): then only the new poster
 * checks in. A worker is counted once per station and day; who visited is never kept beyond that mark.
 */
@Service
public class VisitService {

    /** The longest period one report covers. */
    static final int MAX_DAYS = 366;

    /** A report: visits per day and the total. */
    public record Report(String scope, String id, LocalDate from, LocalDate to, long total, Map<LocalDate, Long> days) {
    }

    private final StationService stations;
    private final VisitCounts counts;
    private final cn.unionhub.station.visit.store.CheckInCodes codes;
    private final Pseudonyms pseudonyms;
    private final Clock clock;

    VisitService(StationService stations, VisitCounts counts, cn.unionhub.station.visit.store.CheckInCodes codes, Pseudonyms pseudonyms,
            Clock clock) {
        this.stations = stations;
        this.counts = counts;
        this.codes = codes;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    /** The code printed on a station's QR poster, for those who keep it. */
    public String code(String number, Actor actor) {
        String station = stations.record(number, actor).number();
        return codeOf(station, codes.generation(station));
    }

    /** A new code for the station's poster (the old one was shared or photographed); the old poster checks in no more. */
    public String replaceCode(String number, Actor actor) {
        String station = stations.record(number, actor).number();
        return codeOf(station, codes.replace(station));
    }

    /** Counts the worker's visit (true) unless already counted there today (false); a wrong code is refused. */
    public boolean checkIn(String number, String code, Actor worker) {
        Station station = stations.visible(number);
        if (code == null || code.isBlank()) {
            throw new RuleViolationException("invalid-check-in", List.of(new FieldViolation("code", "required")));
        }
        if (!MessageDigest.isEqual(codeOf(station.number(), codes.generation(station.number())).getBytes(StandardCharsets.US_ASCII),
                code.strip().getBytes(StandardCharsets.US_ASCII))) {
            throw new RuleViolationException("invalid-check-in", List.of(new FieldViolation("code", "wrong-code")));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LocalDate today = now.atZone(BusinessCalendar.BEIJING).toLocalDate();
        return counts.count(number, station.district(), today, pseudonyms.of(worker.subject()), now);
    }

    public Report ofStation(String number, LocalDate from, LocalDate to, Actor actor) {
        Station station = stations.record(number, actor);
        check(from, to);
        return report("station", station.number(), from, to);
    }

    public Report ofDistrict(String district, LocalDate from, LocalDate to, Actor actor) {
        if (!actor.has(Role.GOV_SYSTEM) && !StationAccess.mayGovern(actor, district)) {
            throw new ForbiddenException("station-not-yours");
        }
        check(from, to);
        return report("district", district, from, to);
    }

    private Report report(String scope, String id, LocalDate from, LocalDate to) {
        Map<LocalDate, Long> days = counts.perDay(scope, id, from, to);
        return new Report(scope, id, from, to, days.values().stream().mapToLong(Long::longValue).sum(), days);
    }

    /** Generation 0 is the first poster's code, as it was before codes could be replaced (posters on walls stay valid). */
    private String codeOf(String number, long generation) {
        return pseudonyms.of("station-check-in:" + number + (generation == 0 ? "" : ":" + generation)).substring(0, 16);
    }

    private static void check(LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            throw new RuleViolationException("invalid-request", List.of(new FieldViolation("to", "ends-before-start")));
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new RuleViolationException("invalid-request", List.of(new FieldViolation("to", "out-of-range", 1, MAX_DAYS)));
        }
    }
}
