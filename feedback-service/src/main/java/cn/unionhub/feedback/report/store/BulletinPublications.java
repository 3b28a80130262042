package cn.unionhub.feedback.report.store;

import cn.unionhub.events.feedback.BulletinPublished;
import cn.unionhub.platform.events.AggregateStore;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Which bulletins were published. One document per district and month, written with its event in
 * the same insert: the id makes a second publication (a retry, another instance's scheduler) fail
 * as a duplicate, so each bulletin is announced exactly once.
 */
@Repository
public class BulletinPublications {

    @Document("bulletin_publications")
    static class Publication {
        @Id
        String id;
        @Version
        Long version;
        String district;
        String period;
        Instant publishedAt;
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;

    BulletinPublications(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    /** True if this call published it; false if it had been published before. */
    public boolean publish(BulletinPublished event) {
        Publication p = new Publication();
        p.id = event.bulletinId();
        p.district = event.district();
        p.period = event.period();
        p.publishedAt = event.publishedAt();
        return store.insertOnce(p, List.of(event));
    }

    public Optional<Instant> publishedAt(String bulletinId) {
        return Optional.ofNullable(mongo.findById(bulletinId, Publication.class)).map(p -> p.publishedAt);
    }

    /** Districts with counters for the month: the ones that have a bulletin to publish. */
    public List<String> districtsWithData(YearMonth period) {
        return mongo.findDistinct(new Query(Criteria.where("period").is(period.toString())), "district",
                BulletinCounters.COLLECTION, String.class);
    }
}
