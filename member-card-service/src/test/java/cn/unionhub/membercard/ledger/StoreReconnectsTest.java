package cn.unionhub.membercard.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.devstack.EmbeddedMongo;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The journal's memory of accounts' last lines is only safe while the store keeps what it
 * acknowledged; the local run's store can restart without its last second. The driver clearing its
 * connection pool is what tells the journal: this checks the driver does so when the store restarts.
 */
class StoreReconnectsTest {

    @Test
    void aStoreThatWentAwayAndCameBackIsReported() throws Exception {
        LedgerConfiguration configuration = new LedgerConfiguration();
        LedgerConfiguration.StoreReconnects reconnects = configuration.storeReconnects();
        AtomicInteger heard = new AtomicInteger();
        reconnects.onReconnect(heard::incrementAndGet);
        EmbeddedMongo store = EmbeddedMongo.start(null, 0);
        try {
            MongoClientSettings.Builder settings = MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(store.connectionString()));
            configuration.journalForgetsOnReconnect(reconnects).customize(settings);
            try (MongoClient client = MongoClients.create(settings.build())) {
                client.getDatabase("ledger").getCollection("lines").insertOne(new Document("_id", "line-1"));
                int before = heard.get();

                int port = store.port();
                store.close();
                store = EmbeddedMongo.start(null, port);

                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    try {
                        client.getDatabase("ledger").getCollection("lines").find().first();
                    } catch (RuntimeException whileItWasAway) {
                        // the first command after the restart may fail; the pool is cleared either way
                    }
                    return heard.get() > before;
                });
                assertThat(heard.get()).isGreaterThan(before);
            }
        } finally {
            store.close();
        }
    }
}
