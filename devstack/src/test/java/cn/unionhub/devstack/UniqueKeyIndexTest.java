package cn.unionhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unique indexes ordered by value: lookups, uniqueness, and data files the stock backend wrote. */
class UniqueKeyIndexTest {

    private static final int STORED = 3_000;

    @TempDir
    Path dir;

    @Test
    void aStoreWrittenByTheStockBackendIsFoundByEveryKeyAfterReopening() throws Exception {
        Path file = dir.resolve("stock.mv");
        MongoServer stock = new MongoServer(new H2Backend(new MVStore.Builder().fileName(file.toString()).open()));
        InetSocketAddress address = stock.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            fill(client.getDatabase("test").getCollection("items"));
        } finally {
            stock.shutdown();
        }
        assertThat(Files.size(file)).isPositive();

        try (EmbeddedMongo server = EmbeddedMongo.start(file, 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> items = client.getDatabase("test").getCollection("items");
            // In the stock store the keys are in serialised-byte order; unless the map is re-sorted
            // when opened, a search in value order misses most of them.
            for (int i = 0; i < STORED; i += 7) {
                assertThat(items.find(Filters.eq("number", "N" + i)).first()).as("N" + i)
                        .isNotNull().extracting(d -> d.get("_id")).isEqualTo("item-" + i);
            }
            assertThatThrownBy(() -> items.insertOne(new Document("_id", "again").append("number", "N1234")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        }
        // Re-sorted once: the next start finds them too.
        try (EmbeddedMongo server = EmbeddedMongo.start(file, 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(client.getDatabase("test").getCollection("items").find(Filters.eq("number", "N2999")).first())
                    .isNotNull();
        }
    }

    @Test
    void keysAreUniqueByValueAsInMongoDb() throws Exception {
        try (EmbeddedMongo server = EmbeddedMongo.start(null, 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> items = client.getDatabase("test").getCollection("items");
            fill(items);
            assertThatThrownBy(() -> items.insertOne(new Document("_id", "item-17")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            items.insertOne(new Document("_id", "a").append("number", 5));
            // 5 and 5.0 are one key in a MongoDB index.
            assertThatThrownBy(() -> items.insertOne(new Document("_id", "b").append("number", 5.0)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThat(items.find(Filters.eq("number", 5L)).first()).extracting(d -> d.get("_id")).isEqualTo("a");
            assertThat(items.countDocuments()).isEqualTo(STORED + 1);
        }
    }

    /**
     * The string shortcut must order exactly as the server's comparator does, or a B-tree search
     * would miss keys: strings with characters beyond the BMP (surrogate pairs), CJK, ASCII, and
     * keys mixing strings with other types.
     */
    @Test
    void keysOrderAsTheServersComparatorOrdersThem() {
        UniqueKeyIndex.KeyType keys = new UniqueKeyIndex.KeyType();
        ValueComparator server = ValueComparator.ascWithoutListHandling();
        Random random = new Random(17);
        String alphabet = "aZ09-:_工会\uFF5E\uD83D\uDE00\uE000 ";
        List<Object> values = new ArrayList<>(List.of(1, 1.5, 2L, true, new de.bwaldvogel.mongo.bson.Document("a", 1)));
        for (int i = 0; i < 400; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(s.toString());
        }
        for (Object a : values) {
            for (Object b : values) {
                int expected = Integer.signum(server.compare(a, b));
                assertThat(Integer.signum(keys.compare(new KeyValue(a), new KeyValue(b)))).as("%s vs %s", a, b).isEqualTo(expected);
                assertThat(Integer.signum(keys.compare(new KeyValue(a, "x"), new KeyValue(b, "y"))))
                        .isEqualTo(expected != 0 ? expected : -1);
            }
        }
    }

    private static void fill(MongoCollection<Document> items) {
        items.createIndex(new Document("number", 1), new IndexOptions().unique(true));
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < STORED; i++) {
            documents.add(new Document("_id", "item-" + i).append("number", "N" + i));
        }
        items.insertMany(documents);
    }
}
