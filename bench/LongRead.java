import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCursor;
import org.bson.Document;

/**
 * A long read as an export makes it: every case of case-service sorted by opening time, 500 a batch
 * ({@code Cases.forEach}), timed to the first document and to the last. On the local store it shows
 * whether such a read holds every match at once (the stock backend did, and ran out of heap with
 * 124,000 complaints stored); watch the store with {@code jstat -gc <pid>} beside it. Run single-file
 * with the driver jars of the local Maven repository:
 * {@code java -cp <mongodb-driver-sync>:<mongodb-driver-core>:<bson> bench/LongRead.java [mongodb-uri] [sort-field]}.
 */
public class LongRead {

    public static void main(String[] args) {
        String uri = args.length > 0 ? args[0] : "mongodb://127.0.0.1:27017";
        String field = args.length > 1 ? args[1] : "openedAt";
        try (MongoClient client = MongoClients.create(uri)) {
            long start = System.nanoTime();
            long first = 0;
            long n = 0;
            try (MongoCursor<Document> cursor = client.getDatabase("case-service").getCollection("cases").find()
                    .sort(new Document(field, 1)).batchSize(500).cursor()) {
                while (cursor.hasNext()) {
                    cursor.next();
                    if (n++ == 0) {
                        first = System.nanoTime();
                    }
                }
            }
            System.out.printf("%d cases sorted by %s: the first after %.1f s, all after %.1f s%n", n, field,
                    (first - start) / 1e9, (System.nanoTime() - start) / 1e9);
        }
    }
}
