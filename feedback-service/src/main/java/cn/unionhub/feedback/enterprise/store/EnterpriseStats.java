package cn.unionhub.feedback.enterprise.store;

import cn.unionhub.feedback.enterprise.domain.EnterprisePage;
import cn.unionhub.platform.store.EventCounters;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One counters document per enterprise, moved by atomic updates as events arrive. It also names the
 * items resolved last, so the page reads them by id: searching the stored items for an enterprise's
 * newest resolutions read every item stored (the local store keeps no secondary indexes, and on
 * MongoDB it needs one more index on the largest collection) — 60 s per page with 124,000 stored.
 */
@Repository
public class EnterpriseStats {

    private static final String COLLECTION = "enterprise_pages";
    /** More than the page shows: an item reopened since, or named twice after a redelivery, leaves room. */
    public static final int RESOLVED_KEPT = 10;
    private static final String RECENT = "recentlyResolved";

    /** What the page reads: the counters, and the items resolved last, newest first. */
    public record Stored(EnterprisePage.Stats stats, List<String> recentlyResolved) {
    }

    /** An item resolved at a time, as the page's list keeps it. */
    public record Resolution(String itemId, Instant resolvedAt) {
    }

    private final MongoTemplate mongo;
    private final EventCounters counters;

    EnterpriseStats(MongoTemplate mongo) {
        this.mongo = mongo;
        this.counters = new EventCounters(mongo, COLLECTION);
    }

    public void increment(String enterprise, Map<String, Long> increments) {
        Update update = new Update();
        increments.forEach(update::inc);
        upsert(enterprise, update);
    }

    /**
     * What one event counts on an enterprise's page, for {@link #countAll}.
     *
     * @param key names what happened, so it is counted once however often it is told ({@link EventCounters})
     */
    public EventCounters.Counted counting(String key, String enterprise, Map<String, Long> increments) {
        return new EventCounters.Counted(key, List.of(new EventCounters.Increment(enterprise, increments, Map.of())));
    }

    /** Counts a poll's events: one read and one write per part (a {@code PollWork}). */
    public void countAll(List<EventCounters.Counted> events, Consumer<List<EventCounters.Counted>> counted) {
        counters.countAll(events, counted);
    }

    /**
     * Counts a resolution in its hour (up to {@link EnterprisePage#HOURS_KEPT}, then in the last one):
     * a bounded histogram, where a list of every resolution time made the page's document, and every
     * read of it, grow with the enterprise's history.
     */
    public void resolved(String enterprise, long minutesToResolve, Resolution resolution) {
        Update update = new Update();
        resolvedCounts(minutesToResolve).forEach(update::inc);
        upsert(enterprise, keep(update, List.of(resolution)));
    }

    /** What one resolution adds to the counters: one resolved, one in its hour. */
    public static Map<String, Long> resolvedCounts(long minutesToResolve) {
        return Map.of("resolved", 1L, "resolvedInHour." + Math.min(minutesToResolve / 60, EnterprisePage.HOURS_KEPT), 1L);
    }

    /** Adds resolutions to the enterprise's list (newest kept): for pages kept before the list existed. */
    public void rememberResolved(String enterprise, Collection<Resolution> resolutions) {
        upsert(enterprise, keep(new Update(), resolutions));
    }

    private static Update keep(Update update, Collection<Resolution> resolutions) {
        Object[] entries = resolutions.stream()
                .map(r -> new Document("id", r.itemId()).append("at", Date.from(r.resolvedAt()))).toArray();
        return update.push(RECENT).sort(Sort.by(Sort.Direction.DESC, "at")).slice(RESOLVED_KEPT).each(entries);
    }

    public Stored read(String enterprise) {
        Document d = mongo.findById(enterprise, Document.class, COLLECTION);
        if (d == null) {
            return new Stored(new EnterprisePage.Stats(0, 0, Map.of(), Map.of(), Map.of(), 0, 0, 0, Map.of()), List.of());
        }
        Map<Long, Long> byHour = new java.util.TreeMap<>();
        counts(d, "resolvedInHour").forEach((hour, count) -> byHour.merge(Long.parseLong(hour), count, Long::sum));
        // Pages written before the histogram kept every time: folded in as they are read.
        d.getList("minutesToResolve", Number.class, List.of())
                .forEach(m -> byHour.merge(Math.min(m.longValue() / 60, EnterprisePage.HOURS_KEPT), 1L, Long::sum));
        var stats = new EnterprisePage.Stats(number(d, "reviews"), number(d, "reviewers"), counts(d, "ratingSums"),
                counts(d, "ratingCounts"), counts(d, "raters"),
                number(d, "handled"), number(d, "responded"), number(d, "resolved"), byHour);
        LinkedHashSet<String> recent = new LinkedHashSet<>();
        d.getList(RECENT, Document.class, List.of()).forEach(entry -> recent.add(entry.getString("id")));
        return new Stored(stats, List.copyOf(recent));
    }

    private void upsert(String enterprise, Update update) {
        mongo.findAndModify(new Query(Criteria.where("_id").is(enterprise)), update,
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
    }

    private static long number(Document d, String field) {
        return d.get(field) instanceof Number n ? n.longValue() : 0;
    }

    private static Map<String, Long> counts(Document d, String field) {
        Map<String, Long> counts = new HashMap<>();
        if (d.get(field) instanceof Document nested) {
            nested.forEach((key, value) -> counts.put(key, value instanceof Number n ? n.longValue() : 0L));
        }
        return counts;
    }
}
