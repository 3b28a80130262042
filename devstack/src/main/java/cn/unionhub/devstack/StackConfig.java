package cn.unionhub.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the local stack lives and which ports it uses. {@code ./unionhub} builds it from the
 * environment; the end-to-end tests build one with free ports and a temporary home.
 *
 * @param repoRoot     checkout whose module jars are run
 * @param home         folder for data, logs and pid files (default {@code <repoRoot>/.unionhub})
 * @param ports        port per component name
 * @param javaOptions  JVM options for the Spring processes
 * @param startTimeout how long {@code up} waits for everything to be healthy and routed
 * @param extraArguments more command-line arguments per component name (tests tune limits this way)
 * @param classSharing   whether the JVMs record and reuse class archives ({@link ClassSharing}; {@code UNIONHUB_CLASS_SHARING})
 */
public record StackConfig(Path repoRoot, Path home, Map<String, Integer> ports, String javaOptions,
        Duration startTimeout, Map<String, List<String>> extraArguments, boolean classSharing) {

    public StackConfig(Path repoRoot, Path home, Map<String, Integer> ports, String javaOptions, Duration startTimeout) {
        this(repoRoot, home, ports, javaOptions, startTimeout, Map.of(), true);
    }

    /** Small heaps and a quick JIT: a laptop runs ten JVMs, and start-up matters more than peak speed. */
    public static final String DEFAULT_JAVA_OPTIONS =
            "-Xms32m -Xmx256m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=64m";

    /**
     * The gateway is on the path of every request, so it keeps the JVM's full JIT: at 200 lookups a
     * second it needed about half the CPU per request with C2, and it is one process, so start-up
     * barely changes. (C2 in all eleven JVMs made {@code up} take 4 minutes instead of 2.5.)
     */
    public static final String GATEWAY_JAVA_OPTIONS = "-Xms64m -Xmx256m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=96m";

    /**
     * The services every complaint or redemption passes through keep the full JIT too. Measured on
     * this 2-core machine once warm (docs/benchmarks.md, "JIT for the busy services"): the complaint
     * pipeline used 61–64 instead of 85 ms of CPU per complaint (about 27 instead of 20 complaints/s
     * before it saturates), and redemptions no longer saturated at 60/s (before: at 45–60/s). The
     * price is a slower first minute under load while C2 compiles; the quiet services stay on C1.
     */
    public static final String BUSY_SERVICE_JAVA_OPTIONS = "-Xms32m -Xmx256m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=96m";

    /** The broker's heap; Kafka and the store never take {@code UNIONHUB_JAVA_OPTS}. */
    public static final String KAFKA_JAVA_OPTIONS = "-Xms32m -Xmx512m -XX:+UseSerialGC";

    /**
     * The store's heap: a young generation whose survivor spaces (64 MB) hold its small page cache
     * ({@link EmbeddedMongo}), so cached pages die young instead of being promoted. With a 128 MB
     * cache in a 640 MB heap, every page the cache took in outlived a young collection, the old
     * generation filled by about 4 MB/s under load, and a full collection of the ~170 MB live set
     * stopped every request for 0.25–0.6 s every 20–40 s: the tail of every latency benchmark. Now
     * the old generation grows by about 0.3 MB/s under load (a full collection every half hour of
     * load, of a small live set) and young pauses take 20–45 ms. Sized once, not grown from 32 MB,
     * so the young generation keeps its size. docs/benchmarks.md, "Pipeline throughput", session 25.
     */
    public static final String STORE_JAVA_OPTIONS =
            "-Xms768m -Xmx768m -Xmn320m -XX:SurvivorRatio=3 -XX:TargetSurvivorRatio=80 -XX:+UseSerialGC";

    static final Set<String> BUSY_SERVICES = Set.of("feedback-service", "case-service", "alert-service",
            "member-card-service");

    /**
     * contest-service keeps the ledgers it ranks in memory, up to a quarter of its heap (a 10,000-
     * competitor event's 100,000 lines weigh about 85 MB): a larger heap, taken only when used.
     */
    public static final String CONTEST_JAVA_OPTIONS = DEFAULT_JAVA_OPTIONS.replace("-Xmx256m", "-Xmx384m");

    /** Options set with {@code UNIONHUB_JAVA_OPTS} apply to every process, the gateway and contest-service included. */
    public String javaOptionsFor(String component) {
        if (!javaOptions.equals(DEFAULT_JAVA_OPTIONS)) {
            return javaOptions;
        }
        if (component.equals(Component.GATEWAY)) {
            return GATEWAY_JAVA_OPTIONS;
        }
        if (BUSY_SERVICES.contains(component)) {
            return BUSY_SERVICE_JAVA_OPTIONS;
        }
        return component.equals("contest-service") ? CONTEST_JAVA_OPTIONS : javaOptions;
    }

    public static StackConfig fromEnvironment(Path repoRoot, Map<String, String> env) {
        Map<String, Integer> ports = new HashMap<>();
        for (Component c : Component.ALL) {
            ports.put(c.name(), parsePort(c, env.get(c.portKey())));
        }
        Path home = env.containsKey("UNIONHUB_HOME") ? Path.of(env.get("UNIONHUB_HOME")) : repoRoot.resolve(".unionhub");
        // Loopback unless asked otherwise: the local run hands out demo tokens (an administrator's
        // too) to anyone who can reach the identity server. Kafka and MongoDB always stay on loopback.
        String bind = env.getOrDefault("UNIONHUB_BIND_ADDRESS", "127.0.0.1").trim();
        Map<String, List<String>> extra = new HashMap<>();
        for (Component c : Component.ALL) {
            if (!c.isInfrastructure()) {
                extra.put(c.name(), List.of("--server.address=" + bind));
            }
        }
        return new StackConfig(repoRoot.toAbsolutePath(), home.toAbsolutePath(), ports,
                env.getOrDefault("UNIONHUB_JAVA_OPTS", DEFAULT_JAVA_OPTIONS),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("UNIONHUB_START_TIMEOUT", "360"))), Map.copyOf(extra),
                !"false".equalsIgnoreCase(env.getOrDefault("UNIONHUB_CLASS_SHARING", "true").trim()));
    }

    private static int parsePort(Component c, String value) {
        if (value == null || value.isBlank()) {
            return c.defaultPort();
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(c.portKey() + "=" + value + " is not a port number (1-65535)");
        }
    }

    public int port(String component) {
        return ports.get(component);
    }

    /** The KRaft controller listens next to the broker; overridable for crowded machines. */
    public int kafkaControllerPort() {
        return ports.getOrDefault("kafka-controller", port(Component.KAFKA) + 1);
    }

    public Path dataDir() {
        return home.resolve("data");
    }

    public Path logDir() {
        return home.resolve("logs");
    }

    /** Class archives (about 100 MB per process), rebuilt after every build. */
    public Path classArchiveDir() {
        return home.resolve("cds");
    }

    public Path runDir() {
        return home.resolve("run");
    }

    public String gatewayUrl() {
        return "http://localhost:" + port(Component.GATEWAY);
    }

    /** The token issuer every service trusts: the local identity server. */
    public String issuerUrl() {
        return "http://localhost:" + port(Component.IDENTITY);
    }

    public String eurekaUrl() {
        return "http://localhost:" + port(Component.DISCOVERY);
    }
}
