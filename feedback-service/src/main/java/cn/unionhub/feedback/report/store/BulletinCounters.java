package cn.unionhub.feedback.report.store;

import cn.unionhub.feedback.report.domain.Bulletin;
import cn.unionhub.platform.store.EventCounters;
import cn.unionhub.platform.store.Filters;
import cn.unionhub.security.Divisions;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Monthly counters per district, one document each ({@code district:<code>:<yyyy-MM>}), moved by
 * atomic {@code $inc}s as events arrive; a bulletin reads two documents instead of every item.
 */
@Repository
public class BulletinCounters {

    static final String COLLECTION = "bulletin_counters";

    private final MongoTemplate mongo;
    private final EventCounters counters;

    BulletinCounters(MongoTemplate mongo) {
        this.mongo = mongo;
        this.counters = new EventCounters(mongo, COLLECTION);
    }

    /**
     * What one event counts in a district's month (amounts by dotted field path, such as
     * {@code byCategory.WAGES_ARREARS}) and, unless {@code openDelta} is 0, in the current backlog of
     * open items of {@code enterprise} (not per month: what is still open now).
     *
     * @param key names what happened, so it is counted once however often it is told ({@link EventCounters})
     */
    public EventCounters.Counted counting(String key, String district, YearMonth period, Map<String, Long> increments,
            String enterprise, long openDelta) {
        List<EventCounters.Increment> moves = new ArrayList<>(2);
        moves.add(new EventCounters.Increment(id(district, period), increments,
                Map.of("district", district, "period", period.toString())));
        if (openDelta != 0) {
            moves.add(new EventCounters.Increment("district:" + district + ":open", Map.of("openByEnterprise." + enterprise, openDelta),
                    Map.of("district", district)));
        }
        return new EventCounters.Counted(key, moves);
    }

    /** Counts a poll's events: one read and one write per part (a {@code PollWork}). */
    public void countAll(List<EventCounters.Counted> events, Consumer<List<EventCounters.Counted>> counted) {
        counters.countAll(events, counted);
    }

    /**
     * The month's counters, with the current backlog per enterprise: of a district (two reads by key), or summed over
     * the districts of a city or province ({@code 330200}: its city union's bulletin), which is a query by the
     * documents' district, not a key — a person reading a report, never an event's path.
     */
    public Bulletin.Counters read(String district, YearMonth period) {
        if (Divisions.isAboveCounty(district)) {
            Bulletin.Counters month = readMonth(district, period);
            Map<String, Long> open = new HashMap<>();
            mongo.find(new Query(Filters.equal("district", Filters.within(district))).addCriteria(Criteria.where("period").exists(false)),
                    Document.class, COLLECTION).forEach(d -> counts(d, "openByEnterprise").forEach((k, v) -> open.merge(k, v, Long::sum)));
            return month.withOpen(open);
        }
        Document open = mongo.findById("district:" + district + ":open", Document.class, COLLECTION);
        return readMonth(district, period).withOpen(open == null ? Map.of() : counts(open, "openByEnterprise"));
    }

    /** A month's counters of a district, or summed over the districts of a city or province. */
    public Bulletin.Counters readMonth(String district, YearMonth period) {
        if (Divisions.isAboveCounty(district)) {
            Bulletin.Counters sum = Bulletin.Counters.empty();
            for (Document d : mongo.find(new Query(Filters.equal("district", Filters.within(district), "period", period.toString())),
                    Document.class, COLLECTION)) {
                sum = sum.plus(counters(d));
            }
            return sum;
        }
        Document d = mongo.findById(id(district, period), Document.class, COLLECTION);
        return d == null ? Bulletin.Counters.empty() : counters(d);
    }

    private static Bulletin.Counters counters(Document d) {
        return new Bulletin.Counters(number(d, "submitted"), number(d, "needsHandling"), number(d, "resolved"),
                counts(d, "byCategory"), counts(d, "byChannel"), counts(d, "byType"), counts(d, "satisfaction"),
                number(d, "ratedByDefault"), counts(d, "defaultRatings"), counts(d, "openByEnterprise"));
    }

    private static String id(String district, YearMonth period) {
        return "district:" + district + ":" + period;
    }

    private static long number(Document d, String field) {
        Object value = d.get(field);
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static Map<String, Long> counts(Document d, String field) {
        Map<String, Long> counts = new HashMap<>();
        if (d.get(field) instanceof Document nested) {
            nested.forEach((key, value) -> counts.put(key, value instanceof Number n ? n.longValue() : 0L));
        }
        return counts;
    }
}
