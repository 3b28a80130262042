package cn.unionhub.test;

import cn.unionhub.devstack.EmbeddedKafka;
import cn.unionhub.devstack.EmbeddedMongo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The Kafka broker and MongoDB-wire server every integration test talks to, started once per JVM.
 *
 * <p>With a Docker engine it runs the real {@code apache/kafka} and {@code mongo} images through
 * Testcontainers; without one, the same embedded KRaft broker and mongo-java-server that
 * {@code ./unionhub up} runs (in memory and a temporary folder). Chosen automatically;
 * {@code -Dunionhub.test.infra=embedded} or {@code =containers} forces one, and {@code containers}
 * fails loudly without Docker instead of skipping. Everything listens on free ports, so tests pass
 * beside a running platform, and everything is removed when the JVM exits.
 */
public final class TestInfrastructure {

    public static final String MODE_PROPERTY = "unionhub.test.infra";

    private static volatile TestInfrastructure instance;

    private final String mode;
    private final String kafkaBootstrapServers;
    private final String mongoUri;
    private final Runnable stop;

    private TestInfrastructure(String mode, String kafkaBootstrapServers, String mongoUri, Runnable stop) {
        this.mode = mode;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.mongoUri = mongoUri;
        this.stop = stop;
    }

    /** The shared infrastructure, started on first use and stopped when the JVM exits. */
    public static TestInfrastructure get() {
        if (instance == null) {
            synchronized (TestInfrastructure.class) {
                if (instance == null) {
                    TestInfrastructure started = start(chooseMode());
                    Runtime.getRuntime().addShutdownHook(new Thread(started.stop, "test-infrastructure-stop"));
                    instance = started;
                }
            }
        }
        return instance;
    }

    static String chooseMode() {
        String requested = System.getProperty(MODE_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (requested) {
            case "embedded", "containers" -> requested;
            case "auto", "" -> dockerAvailable() ? "containers" : "embedded";
            default -> throw new IllegalArgumentException(MODE_PROPERTY + " must be auto, embedded or containers, not " + requested);
        };
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static TestInfrastructure start(String mode) {
        if (mode.equals("containers")) {
            KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
            MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");
            kafka.start();
            mongo.start();
            return new TestInfrastructure(mode, kafka.getBootstrapServers(), mongo.getConnectionString(), () -> {
                kafka.stop();
                mongo.stop();
            });
        }
        EphemeralKafka kafka = EphemeralKafka.start(freePort());
        EmbeddedMongo mongo = EmbeddedMongo.start(null, 0);
        return new TestInfrastructure(mode, kafka.bootstrapServers(), mongo.connectionString(), () -> {
            mongo.close();
            kafka.close();
        });
    }

    public static int freePort() {
        return freePorts(1)[0];
    }

    /**
     * Distinct free ports, each reserved for this JVM's life against every other test JVM.
     *
     * <p>A probe socket is closed before the port is used, and the system hands a just-closed port
     * to the next asker: asked one at a time, it once gave discovery-server and case-service the same
     * port, and the parallel build once gave two modules' test brokers the same controller port within
     * one second (KRaft halts the JVM when its bind fails). So each port chosen is also claimed with a
     * lock on a file named after it in a shared folder; a port another JVM holds, or this JVM chose
     * before, is skipped. The locks go with the process; the files are removed at exit.
     */
    public static int[] freePorts(int count) {
        java.util.List<ServerSocket> sockets = new java.util.ArrayList<>();
        try {
            int[] ports = new int[count];
            int chosen = 0;
            for (int probe = 0; chosen < count; probe++) {
                if (probe > 200) {
                    throw new IllegalStateException("no free port found that no other test holds");
                }
                // every probe stays open until all are chosen, so the system does not offer it again
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                if (PortReservations.claim(socket.getLocalPort())) {
                    ports[chosen++] = socket.getLocalPort();
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a socket that only reserved a number
                }
            }
        }
    }

    public String mode() {
        return mode;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** Connection string without a database: each test context picks its own database name. */
    public String mongoUri() {
        return mongoUri;
    }

    /**
     * A real KRaft broker on a chosen port with a temporary log directory that is deleted on
     * close. Tests that need a broker of their own (one that appears only after the service has
     * accepted writes, say) start one directly.
     */
    public static final class EphemeralKafka implements AutoCloseable {

        private final EmbeddedKafka kafka;
        private final Path logDir;

        private EphemeralKafka(EmbeddedKafka kafka, Path logDir) {
            this.kafka = kafka;
            this.logDir = logDir;
        }

        public static EphemeralKafka start(int port) {
            try {
                Path logDir = Files.createTempDirectory("unionhub-kafka-");
                return new EphemeralKafka(EmbeddedKafka.start(logDir, port, freePort()), logDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String bootstrapServers() {
            return kafka.bootstrapServers();
        }

        @Override
        public void close() {
            kafka.close();
            try (Stream<Path> files = Files.walk(logDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
