package cn.unionhub.feedback.enterprise.store;

import cn.unionhub.platform.store.EventCounters;
import cn.unionhub.platform.store.DueTimers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * What an anonymous worker's item adds to its enterprise's public page, held until the item's release
 * ({@link cn.unionhub.platform.domain.AnonymousRelease}): a count that moves the moment a complaint or review is
 * filed tells anyone watching the page (the chair too) when an anonymous worker filed it. Kept in
 * {@code enterprise_page_deferred} (one document per counting key) with a timer each ({@code enterprise-page-releases});
 * a released count is applied under its counting key, so releasing it twice counts it once.
 */
@Repository
public class DeferredCounts {

    static final String COLLECTION = "enterprise_page_deferred";

    private final MongoTemplate mongo;
    private final EnterpriseStats stats;
    private final DueTimers timers;

    DeferredCounts(MongoTemplate mongo, EnterpriseStats stats, Clock clock) {
        this.mongo = mongo;
        this.stats = stats;
        this.timers = new DueTimers(mongo, "enterprise-page-releases", Duration.ofSeconds(10), Duration.ofMinutes(2), clock);
    }

    /** Holds the counting {@code key} of {@code enterprise} until {@code release}. Holding it again changes nothing. */
    public void hold(String key, String enterprise, Map<String, Long> increments, Instant release) {
        timers.schedule(key, release); // before the document: never a held count without its timer
        mongo.upsert(new Query(Criteria.where("_id").is(key)), new Update().setOnInsert("enterprise", enterprise)
                .setOnInsert("increments", new Document(increments)).setOnInsert("release", release), COLLECTION);
    }

    /**
     * Applies every held count whose release has come by {@code now}; key lookups only, however many are stored.
     *
     * @return how many were released
     */
    public int releaseDue(Instant now) {
        return timers.fire(now, due -> {
            Document held = mongo.findById(due.id(), Document.class, COLLECTION);
            if (held == null) {
                return; // released before (a timer that fired twice)
            }
            Map<String, Long> increments = new LinkedHashMap<>();
            held.get("increments", Document.class).forEach((field, value) -> increments.put(field, ((Number) value).longValue()));
            List<EventCounters.Counted> counted = List.of(stats.counting(due.id(), held.getString("enterprise"), increments));
            stats.countAll(counted, applied -> { });
            mongo.remove(new Query(Criteria.where("_id").is(due.id())), COLLECTION);
        }, List::of);
    }
}
