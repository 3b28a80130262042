package cn.unionhub.platform.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Short lists of ids kept by key — a district's campaigns, its merchants, an employer's payroll batches, a clerk's queue
 * — so that a list is one read by key, never a query on a field (on the embedded store a query not by a unique key
 * scans the whole collection, and every read would grow with all the districts' data). One document per list
 * ({@code _id} = the list, {@code ids} in the order they were added, each once). For lists that stay short (hundreds):
 * a long one, such as a busy merchant's day of orders, belongs in a key range ({@link KeyRanges}).
 *
 * <p>Add an id <em>before</em> storing what it names: a stop in between leaves an id naming nothing, which readers skip,
 * instead of something stored that no list finds.
 */
public final class IdLists {

    private final MongoTemplate mongo;
    private final String collection;

    public IdLists(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** Adds the id to the list (nothing if it is there); the list is made by its first id. */
    public void add(String list, String id) {
        Query byKey = new Query(where("_id").is(list));
        Update add = new Update().addToSet("ids", id);
        try {
            mongo.upsert(byKey, add, collection);
        } catch (org.springframework.dao.DuplicateKeyException firstIdsRaced) {
            mongo.upsert(byKey, add, collection); // two first ids made the list at once: it exists now
        }
    }

    public void remove(String list, String id) {
        mongo.updateFirst(new Query(where("_id").is(list)), new Update().pull("ids", id), collection);
    }

    /** The list's ids, oldest first; empty for a list never made. */
    public List<String> ids(String list) {
        Document found = mongo.findById(list, Document.class, collection);
        return found == null ? List.of() : found.getList("ids", String.class, List.of());
    }
}
