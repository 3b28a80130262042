package cn.unionhub.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker, KRaft mode, broker and controller in one node, running in this JVM
 * on fixed ports. The local run keeps its log directory across restarts; tests use a temporary one.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Formats {@code logDir} on first use, then starts the broker and returns once it serves. */
    public static EmbeddedKafka start(Path logDir, int port, int controllerPort) {
        try {
            Files.createDirectories(logDir);
            Properties properties = serverProperties(logDir, port, controllerPort);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                Path config = Files.createTempFile("kafka-format", ".properties");
                try (var out = Files.newOutputStream(config)) {
                    properties.store(out, "format only");
                }
                int rc = kafka.tools.StorageTool.execute(new String[] {"format", "--cluster-id",
                        Uuid.randomUuid().toString(), "--config", config.toString(), "--ignore-formatted"},
                        new PrintStream(PrintStream.nullOutputStream()));
                Files.deleteIfExists(config);
                if (rc != 0) {
                    throw new IllegalStateException("Formatting the Kafka log directory " + logDir + " failed (" + rc + ")");
                }
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties), Time.SYSTEM);
            server.startup();
            return new EmbeddedKafka(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    static Properties serverProperties(Path logDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        // One broker: every internal topic has a single replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("num.partitions", "3");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // The controller appends a no-op record to the metadata log when nothing else happens, every
        // 500 ms by default, and the broker loads each one: the broker's largest cost at rest (JFR:
        // raft I/O, metadata loader and controller threads). With one node there is no follower to
        // keep in step, so once in five seconds is plenty.
        p.setProperty("metadata.max.idle.interval.ms", "5000");
        // A laptop, not a data centre: a week of events in small segments.
        p.setProperty("log.retention.hours", "168");
        p.setProperty("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        return p;
    }
}
