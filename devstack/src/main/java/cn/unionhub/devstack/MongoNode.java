package cn.unionhub.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local run's MongoDB process: an {@link EmbeddedMongo} persisting to one file under the
 * stack's data folder, so data survives restarts.
 *
 * <p>Usage: {@code MongoNode <dataDir> <port>}.
 */
public final class MongoNode {

    private static final Logger log = LoggerFactory.getLogger(MongoNode.class);

    private MongoNode() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("unionhub.mv");
        EmbeddedMongo mongo = EmbeddedMongo.start(file, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.close();
            stopped.countDown();
        }, "mongo-shutdown"));
        log.info("MongoDB-wire server listening on {} with data in {}", mongo.connectionString(), file);
        stopped.await();
    }
}
