package cn.unionhub.test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;

/**
 * How much work the MongoDB-wire server has done: documents examined
 * ({@code metrics.queryExecutor.scannedObjects}) and commands ({@code opcounters}), as real MongoDB
 * and the embedded server both report them in {@code serverStatus}. Scaling tests compare the work
 * one request causes with few and with many documents stored: a query that scans shows up at once,
 * whatever the machine's speed.
 */
public final class StoreWork implements AutoCloseable {

    /** A reading of the server's counters; subtract two to get the work in between. */
    public record Reading(long examined, long commands) {
        public Reading minus(Reading earlier) {
            return new Reading(examined - earlier.examined, commands - earlier.commands);
        }
    }

    private final MongoClient client;

    public StoreWork(String mongoUri) {
        this.client = MongoClients.create(mongoUri);
    }

    public Reading read() {
        Document status = client.getDatabase("admin").runCommand(new Document("serverStatus", 1));
        Document executor = status.get("metrics", Document.class).get("queryExecutor", Document.class);
        long commands = 0;
        for (Object n : status.get("opcounters", Document.class).values()) {
            commands += ((Number) n).longValue();
        }
        return new Reading(((Number) executor.get("scannedObjects")).longValue(), commands);
    }

    @Override
    public void close() {
        client.close();
    }
}
