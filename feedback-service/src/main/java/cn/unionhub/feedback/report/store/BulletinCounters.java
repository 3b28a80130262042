package cn.unionhub.feedback.report.store;

import cn.unionhub.feedback.report.domain.Bulletin;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Monthly counters per district, one document each ({@code district:<code>:<yyyy-MM>}), moved by
 * atomic {@code $inc}s as events arrive; a bulletin reads two documents instead of every item.
 */
@Repository
public class BulletinCounters {

    static final String COLLECTION = "bulletin_counters";

    private final MongoTemplate mongo;

    BulletinCounters(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Adds the given amounts (dotted field paths such as {@code byCategory.WAGES_ARREARS}) to a district's month. */
    public void add(String district, YearMonth period, Map<String, Long> increments) {
        add(district, period, increments, null, 0);
    }

    /**
     * {@link #add} and, unless {@code openDelta} is 0, moves the current backlog of open items of
     * {@code enterprise} (not per month: what is still open now) — in one command: a submission and a
     * resolution move both, and a burst of complaints made that two round trips each.
     */
    public void add(String district, YearMonth period, Map<String, Long> increments, String enterprise, long openDelta) {
        Update month = new Update().setOnInsert("district", district).setOnInsert("period", period.toString());
        increments.forEach(month::inc);
        BulkOperations both = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION)
                .upsert(new Query(Criteria.where("_id").is(id(district, period))), month);
        if (openDelta != 0) {
            both.upsert(new Query(Criteria.where("_id").is("district:" + district + ":open")),
                    new Update().setOnInsert("district", district).inc("openByEnterprise." + enterprise, openDelta));
        }
        both.execute();
    }

    /** The month's counters, with the district's current backlog per enterprise. */
    public Bulletin.Counters read(String district, YearMonth period) {
        Document open = mongo.findById("district:" + district + ":open", Document.class, COLLECTION);
        Bulletin.Counters month = readMonth(district, period);
        return new Bulletin.Counters(month.submitted(), month.needsHandling(), month.resolved(), month.byCategory(),
                month.byChannel(), month.byType(), month.satisfaction(), month.ratedByDefault(), month.defaultRatings(),
                open == null ? Map.of() : counts(open, "openByEnterprise"));
    }

    public Bulletin.Counters readMonth(String district, YearMonth period) {
        Document d = mongo.findById(id(district, period), Document.class, COLLECTION);
        if (d == null) {
            return Bulletin.Counters.empty();
        }
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
