package cn.unionhub.devstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local run's Kafka process: an {@link EmbeddedKafka} whose log directory lives under the
 * stack's data folder, so topics and offsets survive restarts.
 *
 * <p>Usage: {@code KafkaNode <dataDir> <port> <controllerPort>}.
 */
public final class KafkaNode {

    private static final Logger log = LoggerFactory.getLogger(KafkaNode.class);

    private KafkaNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("logs"), port, controllerPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "kafka-shutdown"));
        log.info("Kafka broker (KRaft) listening on {} with data in {}", kafka.bootstrapServers(), dataDir);
        stopped.await();
    }
}
