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

    public void resolved(String enterprise, long minutesToResolve) {
        upsert(enterprise, new Update().inc("resolved", 1).push("minutesToResolve", minutesToResolve));
    }

    public EnterprisePage.Stats read(String enterprise) {
        Document d = mongo.findById(enterprise, Document.class, COLLECTION);
        if (d == null) {
            return new EnterprisePage.Stats(0, 0, Map.of(), Map.of(), Map.of(), 0, 0, 0, List.of());
        }
        List<Long> minutes = d.getList("minutesToResolve", Number.class, List.of()).stream().map(Number::longValue).toList();
        return new EnterprisePage.Stats(number(d, "reviews"), number(d, "reviewers"), counts(d, "ratingSums"),
                counts(d, "ratingCounts"), counts(d, "raters"),
                number(d, "handled"), number(d, "responded"), number(d, "resolved"), minutes);
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
