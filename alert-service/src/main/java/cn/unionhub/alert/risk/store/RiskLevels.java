package cn.unionhub.alert.risk.store;

import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The enterprises whose profile has a level ({@code risk_levels}, one document per enterprise), so
 * that the re-assessment job reads a collection as large as what is currently at risk instead of
 * searching every profile ever scored (a search mongo-java-server cannot index).
 *
 * <p>The profile stays the truth; this list only has to include every enterprise with a level. So
 * an enterprise is listed before the profile write that gives it a level (a crash in between leaves
 * an extra entry, which is harmless), and entries are removed only by the job, after a profile
 * write that left the enterprise without a level. Each listing carries a fresh token and the job
 * removes an entry only if its token is still the one it read before loading the profile: a raise
 * that listed the enterprise in the meantime keeps its entry.
 */
@Repository
public class RiskLevels {

    @Document("risk_levels")
    static class LevelDocument {
        @Id
        String id;
        String listing;
    }

    private final MongoTemplate mongo;

    RiskLevels(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Lists the enterprise (again, with a new token): before the profile write that gives it a level. */
    public void list(String enterprise) {
        mongo.upsert(new Query(Criteria.where("_id").is(enterprise)),
                new Update().set("listing", UUID.randomUUID().toString()), LevelDocument.class);
    }

    /** The enterprise's current listing token, or null if it is not listed. */
    public String listing(String enterprise) {
        LevelDocument d = mongo.findById(enterprise, LevelDocument.class);
        return d == null ? null : d.listing;
    }

    /** Removes the entry, unless the enterprise was listed again since {@code listing} was read. */
    public void unlist(String enterprise, String listing) {
        mongo.remove(new Query(Criteria.where("_id").is(enterprise).and("listing").is(listing)), LevelDocument.class);
    }

    /** Every listed enterprise: those with a level, and perhaps a few that lost theirs since. */
    public List<String> enterprises() {
        Query all = new Query();
        all.fields().include("_id");
        return mongo.find(all, LevelDocument.class).stream().map(d -> d.id).toList();
    }
}
