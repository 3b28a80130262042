package cn.unionhub.station.registry.domain;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.station.StationDelisted;
import cn.unionhub.events.station.StationHoursChanged;
import cn.unionhub.events.station.StationInspected;
import cn.unionhub.events.station.StationListed;
import cn.unionhub.events.station.StationRectificationOrdered;
import cn.unionhub.events.station.StationRegistered;
import cn.unionhub.events.station.StationUpdated;
import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.calendar.SlaClock;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.station.hours.domain.OpeningHours;
import cn.unionhub.station.hours.domain.OsmOpeningHours;
import cn.unionhub.station.map.domain.Datum;
import cn.unionhub.station.map.domain.Position;
import cn.unionhub.station.service.domain.StationServiceType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An outdoor-worker service station (户外劳动者服务站点) and where it stands in the exit mechanism:
 * applied → listed → ordered to rectify (by a deadline in working days) → listed again or delisted.
 * Delisting is final: its number is never given to another station, and a station that wants back in
 * applies again under a new number. Workers see listed stations, and stations under rectification
 * (still serving while they put things right, marked as such); never applied or delisted ones.
 *
 * @param number   the unified number ({@link StationNumbers})
 * @param location where it is, in WGS-84
 * @param manager  who runs it day to day and their phone (masked in public answers)
 */
public record Station(String number, String name, StationType type, String district, String address, Position location,
        Set<StationServiceType> services, OpeningHours hours, Manager manager, List<Photo> photos, Status status,
        Rectification rectification, Inspection lastInspection, Instant registeredAt, Instant updatedAt, Instant hoursByManagerAt) {

    public enum Status {
        APPLIED, LISTED, RECTIFYING, DELISTED
    }

    /** The station's manager. */
    public record Manager(String name, String phone) {
    }

    /** A photo's metadata; the image itself lives in object storage under {@code key}. */
    /**
     * A photo of the station as the upload service stored it: its key there (no path climbing), an image type, a size.
     * "../../../etc/passwd" as text/html of -5 bytes was taken.
     */
    public record Photo(String key, String contentType, long bytes, String caption) {

        boolean isValid() {
            return key != null && key.matches("[A-Za-z0-9][A-Za-z0-9/_.-]{0,199}") && !key.contains("..") && contentType != null
                    && contentType.matches("image/(jpeg|png|webp|heic)") && bytes > 0 && bytes <= 20_000_000L
                    && (caption == null || caption.length() <= 100);
        }
    }

    /** An order to rectify: why, by when, and who gave it. */
    public record Rectification(String reason, Instant dueAt, String by, Instant orderedAt) {
    }

    /** A changed station and the events its change caused. */
    public record Changed(Station station, List<DomainEvent> events) {
    }

    public Station {
        services = services.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(services));
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    /** What registering a station needs, as the form gives it (position in either datum). */
    public record Application(String name, StationType type, String district, String address, Position position,
            Set<StationServiceType> services, String openingHours, Manager manager, List<Photo> photos) {
    }

    public static Changed register(String number, Application form, Instant at) {
        OpeningHours hours = check(form);
        Position wgs = form.position().in(Datum.WGS84);
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Station s = new Station(number, form.name().strip(), form.type(), form.district(), form.address().strip(), wgs,
                form.services(), hours, form.manager(), form.photos(), Status.APPLIED, null, null, now, now, null);
        return new Changed(s, List.of(new StationRegistered(number, s.name, s.district, s.type.name(), wgs.latitude(),
                wgs.longitude(), s.services.stream().map(Enum::name).sorted().toList(), now)));
    }

    /**
     * A station of an existing network, imported with the number it already has (福建's unified
     * numbering): listed at once when the network had it listed, applied otherwise.
     */
    public static Changed imported(String number, Application form, boolean listed, Instant at) {
        Changed registered = register(number, form, at);
        if (!listed) {
            return registered;
        }
        Station s = registered.station();
        Station listedStation = s.with(Status.LISTED, null, null, s.hours, s.updatedAt);
        List<DomainEvent> events = new ArrayList<>(registered.events());
        events.add(new StationListed(number, s.district, s.updatedAt));
        return new Changed(listedStation, events);
    }

    /**
     * The station described anew (a re-imported row): name, type, address, position, services, manager and — until its
     * manager sets them — its hours; no change when they are the same, so importing a file twice changes nothing.
     */
    public Changed describedAs(Application form, Instant at) {
        OpeningHours fileHours = check(form);
        // Hours the station's manager set (PUT …/hours) are the manager's: a district's re-import of its network file undid
        // such a change silently (exploratory test, 2026-12-05). Until the manager sets them, the file's hours are taken.
        OpeningHours nextHours = hoursByManagerAt == null ? fileHours : hours;
        Position wgs = form.position().in(Datum.WGS84);
        Station next = new Station(number, form.name().strip(), form.type(), district, form.address().strip(), wgs,
                form.services(), nextHours, form.manager(), photos, status, rectification, lastInspection, registeredAt, updatedAt,
                hoursByManagerAt);
        boolean samePlace = next.location.metresTo(location) < 0.01;
        if (samePlace && next.name.equals(name) && next.type == type && next.address.equals(address) && next.services.equals(services)
                && OsmOpeningHours.format(nextHours).equals(OsmOpeningHours.format(hours)) && java.util.Objects.equals(form.manager(), manager)) {
            return new Changed(this, List.of());
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Station changed = new Station(number, next.name, next.type, district, next.address, samePlace ? location : wgs, next.services,
                nextHours, next.manager, photos, status, rectification, lastInspection, registeredAt, now, hoursByManagerAt);
        return new Changed(changed, List.of(new StationUpdated(number, changed.name, district, changed.type.name(),
                changed.location.latitude(), changed.location.longitude(), changed.services.stream().map(Enum::name).sorted().toList(),
                OsmOpeningHours.format(nextHours), now)));
    }

    /** Checks a form and returns its opening hours; a 400 naming every mistake otherwise. */
    public static OpeningHours check(Application form) {
        List<FieldViolation> wrong = violations(form);
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-station", wrong);
        }
        return OsmOpeningHours.parse(form.openingHours());
    }

    /** Everything wrong with the form, none when it may be registered. */
    public static List<FieldViolation> violations(Application form) {
        List<FieldViolation> wrong = new ArrayList<>();
        requireText(wrong, "name", form.name(), 100);
        requireText(wrong, "address", form.address(), 200);
        if (form.type() == null) {
            wrong.add(new FieldViolation("type", "required"));
        }
        if (form.district() == null || !form.district().matches("[1-6][0-9]{5}")) {
            wrong.add(new FieldViolation("district", "invalid-district"));
        }
        if (form.position() == null) {
            wrong.add(new FieldViolation("position", "required"));
        } else {
            // Within China's extent (a rough box: no boundary data here): 0,0 and other slips went on the map, and a 厦门
            // station at 长春's position answered there as the nearest (exploratory test, 2026-12-05).
            Position wgs = form.position().in(Datum.WGS84);
            if (wgs.latitude() < 3.5 || wgs.latitude() > 53.6 || wgs.longitude() < 73.4 || wgs.longitude() > 135.1) {
                wrong.add(new FieldViolation("position", "outside-china"));
            }
        }
        if (form.services() == null || form.services().isEmpty()) {
            wrong.add(new FieldViolation("services", "required"));
        }
        // Published on the sign and in the app: a phone with digits to dial ("-----" was taken), and whose it is.
        String phone = form.manager() == null ? null : form.manager().phone();
        if (phone != null && (!phone.matches("[0-9+\\- ]{5,20}") || phone.replaceAll("[^0-9]", "").length() < 7)) {
            wrong.add(new FieldViolation("managerPhone", "invalid-phone"));
        }
        if (form.photos() != null && form.photos().stream().anyMatch(p -> p == null || !p.isValid())) {
            wrong.add(new FieldViolation("photos", "photo-invalid"));
        }
        if (form.manager() != null && (form.manager().name() == null || form.manager().name().isBlank())) {
            wrong.add(new FieldViolation("managerName", "required"));
        }
        try {
            OsmOpeningHours.parse(form.openingHours());
        } catch (RuleViolationException e) {
            wrong.addAll(e.violations());
        }
        return wrong;
    }

    /** Whether workers see it: listed, or under rectification (still open to them). */
    public boolean isVisibleToWorkers() {
        return status == Status.LISTED || status == Status.RECTIFYING;
    }

    /**
     * The district union lists the station (挂牌): a new one once it has passed an inspection, one
     * under rectification once it has passed an inspection after the order.
     */
    public Changed list(Instant at) {
        if (status != Status.APPLIED && status != Status.RECTIFYING) {
            throw new ConflictException("station-status", number, status.name());
        }
        Instant since = status == Status.RECTIFYING ? rectification.orderedAt() : registeredAt;
        if (lastInspection == null || !lastInspection.passed() || lastInspection.at().isBefore(since)) {
            throw new ConflictException("station-not-inspected", number);
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        return new Changed(with(Status.LISTED, null, lastInspection, hours, now), List.of(new StationListed(number, district, now)));
    }

    /** A 六有 inspection, passed or not; map information older than {@code maxMapAgeDays} fails. */
    public Changed inspect(String by, Set<SixHaves> met, LocalDate mapInfoUpdatedOn, int maxMapAgeDays, String note, Instant at) {
        LocalDate today = at.atZone(BusinessCalendar.BEIJING).toLocalDate();
        if (status == Status.DELISTED) {
            throw new ConflictException("station-status", number, status.name());
        }
        if (mapInfoUpdatedOn != null && mapInfoUpdatedOn.isAfter(today)) {
            throw new RuleViolationException("invalid-inspection", List.of(new FieldViolation("mapInfoUpdatedOn", "in-the-future")));
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Inspection inspection = Inspection.of(by, now, met == null ? Set.of() : met, mapInfoUpdatedOn, today, maxMapAgeDays,
                note == null ? null : note.strip());
        return new Changed(with(status, rectification, inspection, hours, now), List.of(new StationInspected(number, district,
                inspection.passed(), inspection.failed().stream().map(Enum::name).toList(), now)));
    }

    /** 限期整改: a listed station must put things right within {@code workingDays} working days. */
    public Changed orderRectification(String by, String reason, int workingDays, BusinessCalendar calendar, Instant at) {
        if (status != Status.LISTED) {
            throw new ConflictException("station-status", number, status.name());
        }
        List<FieldViolation> wrong = new ArrayList<>();
        requireText(wrong, "reason", reason, 500);
        if (workingDays < 1 || workingDays > 60) {
            wrong.add(new FieldViolation("workingDays", "out-of-range", 1, 60));
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-rectification", wrong);
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Instant due = calendar.plus(now, Duration.ofDays(workingDays), SlaClock.WORKING_DAYS);
        Rectification order = new Rectification(reason.strip(), due, by, now);
        return new Changed(with(Status.RECTIFYING, order, lastInspection, hours, now),
                List.of(new StationRectificationOrdered(number, district, order.reason(), due, now)));
    }

    /** 摘牌: the station leaves the network for good. */
    public Changed delist(String reason, Instant at) {
        if (status == Status.DELISTED) {
            throw new ConflictException("station-status", number, status.name());
        }
        List<FieldViolation> wrong = new ArrayList<>();
        requireText(wrong, "reason", reason, 500);
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-delisting", wrong);
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        return new Changed(with(Status.DELISTED, rectification, lastInspection, hours, now),
                List.of(new StationDelisted(number, district, reason.strip(), now)));
    }

    public Changed changeHours(String openingHours, Instant at) {
        if (status == Status.DELISTED) {
            throw new ConflictException("station-status", number, status.name());
        }
        OpeningHours next = OsmOpeningHours.parse(openingHours);
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        return new Changed(new Station(number, name, type, district, address, location, services, next, manager, photos, status,
                rectification, lastInspection, registeredAt, now, now), List.of(new StationHoursChanged(number, district,
                OsmOpeningHours.format(next), now)));
    }

    /** Whether the rectification deadline has passed without the station being listed again. */
    public boolean isOverdue(Instant now) {
        return status == Status.RECTIFYING && !now.isBefore(rectification.dueAt());
    }

    public boolean isOpenAt(Instant at, BusinessCalendar calendar) {
        return hours.isOpenAt(at, calendar);
    }

    private Station with(Status nextStatus, Rectification nextRectification, Inspection inspection, OpeningHours nextHours,
            Instant now) {
        return new Station(number, name, type, district, address, location, services, nextHours, manager, photos, nextStatus,
                nextRectification, inspection, registeredAt, now, hoursByManagerAt);
    }

    private static void requireText(List<FieldViolation> wrong, String field, String value, int max) {
        // Zero-width characters are no reason: "\u200b\u2060" delisted a station with nothing said.
        if (value == null || value.replaceAll("[\\s\\u200B-\\u200D\\u2060\\uFEFF]", "").isEmpty()) {
            wrong.add(new FieldViolation(field, "required"));
        } else if (value.strip().length() > max) {
            wrong.add(new FieldViolation(field, "too-long", max));
        }
    }
}
