import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;

/**
 * The embedded store's command counters by database, collection and command, one
 * {@code <count> <database.collection command>} line each: the local stack's MongoDB-wire server keeps
 * them in {@code serverStatus.unionhubCommands}. The benchmarks take one snapshot before and one after a
 * run and divide the difference by what they sent (store commands per complaint, per redemption). Run
 * single-file with the driver jars of the local Maven repository:
 * {@code java -cp <mongodb-driver-sync>:<mongodb-driver-core>:<bson> bench/StoreCommands.java mongodb://127.0.0.1:27017}.
 */
public class StoreCommands {

    public static void main(String[] args) {
        try (MongoClient client = MongoClients.create(args.length > 0 ? args[0] : "mongodb://127.0.0.1:27017")) {
            Document status = client.getDatabase("admin").runCommand(new Document("serverStatus", 1));
            Document counts = status.get("unionhubCommands", Document.class);
            if (counts == null) {
                System.err.println("no unionhubCommands in serverStatus: not the local stack's store");
                System.exit(1);
            }
            counts.forEach((target, n) -> System.out.println(((Number) n).longValue() + " " + target));
        }
    }
}
