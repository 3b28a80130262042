package cn.unionhub.station.visit.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import cn.unionhub.platform.store.Sequences;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Visits to stations: one mark per person, station and day (so a worker who comes back at noon is
 * counted once that day), and a counter per station-day and district-day that reports read by key —
 * a year of a district is 365 look-ups, however many visits there were (seed 003: 2 million+).
 */
@Repository
public class VisitCounts {

    private static final String MARKS = "station_visit_marks";
    private static final String COUNTS = "station_visit_counts";

    private final MongoTemplate mongo;
    private final Sequences counters;

    VisitCounts(MongoTemplate mongo) {
        this.mongo = mongo;
        this.counters = new Sequences(mongo, COUNTS);
    }

    /** Counts a visit unless this person was counted at this station that day; true if counted now. */
    public boolean count(String station, String district, LocalDate day, String who, Instant at) {
        try {
            mongo.insert(new Document("_id", station + ":" + day + ":" + who).append("at", Date.from(at)), MARKS);
        } catch (DuplicateKeyException alreadyCounted) {
            return false;
        }
        counters.next("station:" + station + ":" + day);
        counters.next("district:" + district + ":" + day);
        // The city's and the province's counts too, by key: a city union asking for 330200 read nothing (exploratory test,
        // 2026-12-04). Counted from that day on; earlier days have their districts' counts only.
        String city = cn.unionhub.security.Divisions.cityOf(district);
        if (!city.equals(district)) {
            counters.next("district:" + city + ":" + day);
        }
        String province = district.length() == 6 ? district.substring(0, 2) + "0000" : district;
        if (!province.equals(city) && !province.equals(district)) {
            counters.next("district:" + province + ":" + day);
        }
        return true;
    }

    /** Visits per day from {@code from} to {@code to} (inclusive) of a station or a district, 0 for days without. */
    public Map<LocalDate, Long> perDay(String scope, String id, LocalDate from, LocalDate to) {
        List<String> keys = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            keys.add(scope + ":" + id + ":" + day);
        }
        Map<String, Long> found = new HashMap<>();
        mongo.find(new Query(where("_id").in(keys)), Document.class, COUNTS)
                .forEach(d -> found.put(d.getString("_id"), Sequences.valueOf(d)));
        Map<LocalDate, Long> days = new java.util.LinkedHashMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.put(day, found.getOrDefault(scope + ":" + id + ":" + day, 0L));
        }
        return days;
    }
}
