package cn.unionhub.cases.casework.calendar;

import cn.unionhub.events.cases.CalendarYearPublished;
import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.events.AggregateStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The holiday schedules administrators loaded, every version kept ({@code <year>-v<n>}, never
 * overwritten): who loaded which version, when, and from which document — the audit trail of the
 * deadlines computed from them. The newest version of a year is the one in force.
 */
@Repository
public class CalendarSchedules {

    /** One loaded version of a year's schedule. */
    public record Version(int year, int version, Map<String, List<LocalDate>> holidays, List<LocalDate> makeUpWorkdays,
            String source, String loadedBy, Instant loadedAt) {

        public BusinessCalendar.Year toYear() {
            Set<LocalDate> days = new java.util.HashSet<>();
            holidays.values().forEach(range -> range.get(0).datesUntil(range.get(range.size() - 1).plusDays(1)).forEach(days::add));
            return new BusinessCalendar.Year(year, days, Set.copyOf(makeUpWorkdays), false);
        }
    }

    @Document("calendar_schedules")
    static class ScheduleDocument {
        @Id
        String id;
        int year;
        int version;
        Map<String, List<LocalDate>> holidays;
        List<LocalDate> makeUpWorkdays;
        String source;
        String loadedBy;
        Instant loadedAt;
        /** For the event store's optimistic locking; a version document is written once. */
        @org.springframework.data.annotation.Version
        Long revision;
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;

    CalendarSchedules(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    /**
     * Stores a new version and, in the same write, the calendar-published event that tells the other
     * services counting working days (station-service) to take it; DuplicateKeyException if that
     * version number was taken meanwhile.
     */
    public void insert(Version v) {
        ScheduleDocument d = new ScheduleDocument();
        d.id = v.year() + "-v" + v.version();
        d.year = v.year();
        d.version = v.version();
        d.holidays = v.holidays();
        d.makeUpWorkdays = v.makeUpWorkdays();
        d.source = v.source();
        d.loadedBy = v.loadedBy();
        d.loadedAt = v.loadedAt();
        BusinessCalendar.Year year = v.toYear();
        store.insert(d, List.of(new CalendarYearPublished(v.year(), v.version(),
                year.holidays().stream().sorted().map(LocalDate::toString).toList(),
                year.makeUpWorkdays().stream().sorted().map(LocalDate::toString).toList(), v.source(), v.loadedAt())));
    }

    /** The version in force: the newest. Versions of a year are few (one or two a year): reading them all is cheap. */
    public Optional<Version> latest(int year) {
        return mongo.find(new Query(Criteria.where("year").is(year)).with(Sort.by(Sort.Direction.DESC, "version")).limit(1),
                ScheduleDocument.class).stream().findFirst()
                .map(d -> new Version(d.year, d.version, d.holidays, d.makeUpWorkdays, d.source, d.loadedBy, d.loadedAt));
    }
}
