package cn.unionhub.platform.store;

import java.time.Clock;
import java.util.Date;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * One-time steps over a service's stored data (filling a field that older documents lack), each run
 * to its end once per database and remembered in {@value #COLLECTION}: a start looks up one key per
 * step instead of searching the data again. A step must be safe to run twice — two instances starting
 * together may both run it, and a step cut off by a crash runs again at the next start.
 */
public final class DataSteps {

    static final String COLLECTION = "data-steps";
    private static final Logger log = LoggerFactory.getLogger(DataSteps.class);

    private final MongoTemplate mongo;
    private final Clock clock;

    public DataSteps(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** A step that reports how many documents it changed. */
    @FunctionalInterface
    public interface Step {
        long run();
    }

    /**
     * A step's body for a field added to a collection: sets {@code field} to the value of {@code from} on every
     * document of {@code type} that lacks it (one read of their ids, one write each, conditional on the field
     * still missing, so running it twice or beside new writes changes nothing twice).
     *
     * @return how many documents were filled in
     */
    public long copyWhereMissing(Class<?> type, String field, String from) {
        String collection = mongo.getCollectionName(type);
        Query missing = new Query(Criteria.where(field).exists(false));
        missing.fields().include("_id").include(from);
        long filled = 0;
        for (Document legacy : mongo.find(missing, Document.class, collection)) {
            filled += mongo.updateFirst(new Query(Criteria.where("_id").is(legacy.get("_id")).and(field).exists(false)),
                    new Update().set(field, legacy.get(from)), collection).getModifiedCount();
        }
        return filled;
    }

    /** Runs the step unless it has finished in this database before; true if it ran. */
    public boolean runOnce(String name, Step step) {
        if (done(name)) {
            return false;
        }
        long changed = step.run();
        mongo.upsert(new Query(Criteria.where("_id").is(name)),
                new Update().setOnInsert("finishedAt", Date.from(clock.instant())).setOnInsert("changed", changed), COLLECTION);
        log.info("Data step {} finished: {} documents changed", name, changed);
        return true;
    }

    public boolean done(String name) {
        return mongo.findById(name, Document.class, COLLECTION) != null;
    }
}
