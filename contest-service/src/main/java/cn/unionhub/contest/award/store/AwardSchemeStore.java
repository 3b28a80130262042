package cn.unionhub.contest.award.store;

import cn.unionhub.contest.award.domain.AwardScheme;
import cn.unionhub.contest.award.domain.AwardSchemes;
import cn.unionhub.contest.common.store.Bodies;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/** Each contest's award scheme, by contest id; the 十百千 provincial-final scheme until the office sets one. */
@Repository
public class AwardSchemeStore {

    private static final String COLLECTION = "award_schemes";

    private final MongoTemplate mongo;
    private final Bodies bodies;

    AwardSchemeStore(MongoTemplate mongo, Bodies bodies) {
        this.mongo = mongo;
        this.bodies = bodies;
    }

    public AwardScheme of(String contestId) {
        Document kept = mongo.findById(contestId, Document.class, COLLECTION);
        return kept == null ? AwardSchemes.provincialFinal(contestId, "", 0)
                : bodies.read(kept.get("scheme", Document.class), AwardScheme.class);
    }

    public void put(String contestId, AwardScheme scheme) {
        mongo.save(new Document("_id", contestId).append("scheme", bodies.write(scheme)), COLLECTION);
    }
}
