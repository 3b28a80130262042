package cn.unionhub.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local run's infrastructure processes, with their data under the stack's data folder so it
 * survives restarts:
 * <pre>
 * InfrastructureNode kafka   &lt;dataDir&gt; &lt;port&gt; &lt;controllerPort&gt;
 * InfrastructureNode mongodb &lt;dataDir&gt; &lt;port&gt;
 * </pre>
 * Each runs until SIGTERM, then shuts down cleanly (Kafka flushes its logs, MongoDB its file).
 */
public final class InfrastructureNode {

    static {
        // A file named logback.xml would also take over every Spring service that has devstack on its
        // (test) class path, bypassing the starter's logback-spring.xml; so devstack's has its own name.
        System.setProperty("logback.configurationFile",
                System.getProperty("logback.configurationFile", "unionhub-devstack-logback.xml"));
    }

    private static final Logger log = LoggerFactory.getLogger(InfrastructureNode.class);

    private InfrastructureNode() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[1]).toAbsolutePath();
        int port = Integer.parseInt(args[2]);
        Files.createDirectories(dataDir);
        AutoCloseable node;
        if (args[0].equals(Component.KAFKA)) {
            EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("logs"), port, Integer.parseInt(args[3]));
            log.info("Kafka broker (KRaft) listening on {} with data in {}", kafka.bootstrapServers(), dataDir);
            node = kafka;
        } else {
            EmbeddedMongo mongo = EmbeddedMongo.start(dataDir.resolve("unionhub.mv"), port);
            log.info("MongoDB-wire server listening on {} with data in {}", mongo.connectionString(), dataDir);
            node = mongo;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                log.error("Unclean shutdown of {}", args[0], e);
            }
            stopped.countDown();
        }, args[0] + "-shutdown"));
        stopped.await();
    }
}
