package cn.unionhub.test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import org.awaitility.Awaitility;
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

    /**
     * As {@link #read()}, counting only the commands on collections whose name starts with {@code prefix}
     * when the server says which collection each command named (the embedded server does, in
     * {@code unionhubCommands}; real MongoDB does not, and then every command counts). A test of one
     * component's commands is then not thrown off by a poll of another component in the same process that
     * happens to fall inside its window.
     */
    public Reading read(String prefix) {
        Document status = client.getDatabase("admin").runCommand(new Document("serverStatus", 1));
        Document byTarget = status.get("unionhubCommands", Document.class);
        Reading all = read();
        if (byTarget == null) {
            return all;
        }
        long commands = 0;
        for (var target : byTarget.entrySet()) {
            // "database.collection command"
            String key = target.getKey();
            int dot = key.indexOf('.');
            int space = key.indexOf(' ');
            String collection = dot < 0 || space < dot ? "" : key.substring(dot + 1, space);
            if (collection.startsWith(prefix)) {
                commands += ((Number) target.getValue()).longValue();
            }
        }
        return new Reading(all.examined(), commands);
    }

    /**
     * Waits until no document has been examined for half a second: the services' background work
     * (relays sending what a test just caused, consumers catching up) at rest, so a reading around one
     * request counts that request's work. A scan on a periodic path never rests, and fails here.
     */
    public void awaitNoDocumentsExamined() {
        Reading[] since = {read()};
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .during(Duration.ofMillis(500)).until(() -> {
                    Reading now = read();
                    boolean quiet = now.examined() == since[0].examined();
                    since[0] = now;
                    return quiet;
                });
    }

    @Override
    public void close() {
        client.close();
    }
}
