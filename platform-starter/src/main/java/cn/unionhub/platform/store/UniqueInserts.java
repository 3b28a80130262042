package cn.unionhub.platform.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Inserting many documents whose {@code _id}s may already be taken, in one command: where an id
 * says "this happened once" (an event applied, a signal received, an account opened), an insert
 * that finds it taken is the answer "already done", not an error. Unordered, so one taken id does
 * not stop the rest.
 */
public final class UniqueInserts {

    /** MongoDB's code for a unique-key violation. */
    public static final int DUPLICATE_KEY = 11000;

    private UniqueInserts() {
    }

    /**
     * Inserts the documents; the positions (in {@code documents}) of those whose id was taken.
     * Any other write error is thrown, after the rest were inserted.
     */
    public static Set<Integer> insertUnlessTaken(MongoCollection<Document> collection, List<Document> documents) {
        Set<Integer> taken = new HashSet<>();
        if (documents.isEmpty()) {
            return taken;
        }
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException partly) {
            for (BulkWriteError error : partly.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw partly;
                }
                taken.add(error.getIndex());
            }
        }
        return taken;
    }
}
