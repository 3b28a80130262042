package cn.unionhub.platform.store;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The one write a copy of the register needs: apply a record by {@code _id} only if it is newer
 * than what the copy holds. The register sends whole records with a revision that grows with every
 * change, so a redelivered, replayed or reordered older record never takes a copy back.
 */
public final class Revisions {

    private Revisions() {
    }

    /** Writes {@code update} (and the revision) if the copy has no record {@code id} or an older one; true if written. */
    public static boolean upsertIfNewer(MongoTemplate mongo, String collection, String id, long revision, Update update) {
        Query older = new Query(Criteria.where("_id").is(id).and("revision").lt(revision));
        update.set("revision", revision);
        try {
            var result = mongo.upsert(older, update, collection);
            return result.getMatchedCount() > 0 || result.getUpsertedId() != null;
        } catch (DuplicateKeyException present) {
            // The record is there at this revision or a later one (nothing to do), or a concurrent
            // delivery inserted it a moment ago: then the update applies if it is still newer.
            return mongo.updateFirst(older, update, collection).getMatchedCount() > 0;
        }
    }
}
