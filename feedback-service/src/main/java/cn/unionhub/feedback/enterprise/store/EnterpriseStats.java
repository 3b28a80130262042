package cn.unionhub.feedback.enterprise.store;

import cn.unionhub.feedback.enterprise.domain.EnterprisePage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** One counters document per enterprise, moved by atomic updates as events arrive. */
@Repository
public class EnterpriseStats {

    private static final String COLLECTION = "enterprise_pages";

    private final MongoTemplate mongo;

    EnterpriseStats(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void increment(String enterprise, Map<String, Long> increments) {
        Update update = new Update();
        increments.forEach(update::inc);
        upsert(enterprise, update);
    }

    /**
     * Counts a resolution in its hour (up to {@link EnterprisePage#HOURS_KEPT}, then in the last one):
     * a bounded histogram, where a list of every resolution time made the page's document, and every
     * read of it, grow with the enterprise's history.
     */
    public void resolved(String enterprise, long minutesToResolve) {
        long hour = Math.min(minutesToResolve / 60, EnterprisePage.HOURS_KEPT);
        upsert(enterprise, new Update().inc("resolved", 1).inc("resolvedInHour." + hour, 1));
    }

    public EnterprisePage.Stats read(String enterprise) {
        Document d = mongo.findById(enterprise, Document.class, COLLECTION);
        if (d == null) {
            return new EnterprisePage.Stats(0, 0, Map.of(), Map.of(), Map.of(), 0, 0, 0, Map.of());
        }
        Map<Long, Long> byHour = new java.util.TreeMap<>();
        counts(d, "resolvedInHour").forEach((hour, count) -> byHour.merge(Long.parseLong(hour), count, Long::sum));
        // Pages written before the histogram kept every time: folded in as they are read.
        d.getList("minutesToResolve", Number.class, List.of())
                .forEach(m -> byHour.merge(Math.min(m.longValue() / 60, EnterprisePage.HOURS_KEPT), 1L, Long::sum));
        return new EnterprisePage.Stats(number(d, "reviews"), number(d, "reviewers"), counts(d, "ratingSums"),
                counts(d, "ratingCounts"), counts(d, "raters"),
                number(d, "handled"), number(d, "responded"), number(d, "resolved"), byHour);
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
