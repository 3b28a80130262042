package cn.unionhub.e2e;

import cn.unionhub.devstack.Component;
import cn.unionhub.devstack.Launcher;
import cn.unionhub.devstack.StackConfig;
import cn.unionhub.test.TestInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole platform, started by the same launcher as {@code ./unionhub up}, on free ports and in a
 * temporary home so it can run beside a developer's own platform, and removed afterwards.
 */
final class RunningPlatform implements AutoCloseable {

    private final StackConfig config;
    private final Launcher launcher;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningPlatform(StackConfig config) {
        this.config = config;
        PrintStream console = new PrintStream(new TeeStream(output, System.out), true, StandardCharsets.UTF_8);
        this.launcher = new Launcher(config, console);
    }

    /** How often anonymous workers' items reach the enterprise side in this platform (AnonymousRelease). */
    static final Duration RELEASE_EVERY = Duration.ofSeconds(20);

    static RunningPlatform start() {
        Map<String, Integer> ports = new HashMap<>();
        int[] free = TestInfrastructure.freePorts(Component.ALL.size() + 1);
        for (int i = 0; i < Component.ALL.size(); i++) {
            ports.put(Component.ALL.get(i).name(), free[i]);
        }
        ports.put("kafka-controller", free[Component.ALL.size()]);
        try {
            Path repoRoot = Path.of("").toAbsolutePath().getParent();
            Path home = Files.createTempDirectory("unionhub-e2e-");
            // Without class archives: recording them makes the first start and stop of every JVM slower,
            // and a test run starts each JVM about once (ClassSharingTest runs a real JVM through it).
            // contest-service's clock can be moved ahead (/internal/clock): its notices run for working days.
            // Anonymous workers' items reach the enterprise side every 20 seconds instead of every three hours
            // (the tests wait for a release), and case-service tells the chair's queue within 5 seconds of one.
            RunningPlatform platform = new RunningPlatform(new StackConfig(repoRoot, home, ports,
                    StackConfig.DEFAULT_JAVA_OPTIONS, Duration.ofMinutes(6),
                    Map.of("contest-service", java.util.List.of("--unionhub.clock.adjustable=true"),
                            "feedback-service", java.util.List.of("--unionhub.anonymity.release-every=" + RELEASE_EVERY.toSeconds() + "s"),
                            "alert-service", java.util.List.of("--unionhub.anonymity.release-every=" + RELEASE_EVERY.toSeconds() + "s"),
                            "case-service", java.util.List.of("--unionhub.anonymity.release-every=" + RELEASE_EVERY.toSeconds() + "s",
                                    "--unionhub.cases.watch-interval=PT5S")), false));
            platform.up();
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void up() {
        int rc = launcher.up();
        if (rc != Launcher.OK) {
            throw new IllegalStateException("./unionhub up failed with exit code " + rc + ":\n" + output());
        }
    }

    int upAgain() {
        return launcher.up();
    }

    void down() {
        launcher.down();
    }

    void stop(String component) {
        launcher.stop(Component.named(component));
    }

    void start(String component) {
        int rc = launcher.startOne(Component.named(component));
        if (rc != Launcher.OK) {
            throw new IllegalStateException("./unionhub start " + component + " failed with exit code " + rc + ":\n" + output());
        }
    }

    /** {@code ./unionhub demo} with the given sizes; its output joins the launcher's. */
    int demo(cn.unionhub.devstack.Demo.Sizes sizes) {
        return new cn.unionhub.devstack.Demo(config, new PrintStream(output, true, StandardCharsets.UTF_8), sizes).run();
    }

    Path demoJournal() {
        return cn.unionhub.devstack.Demo.journal(config);
    }

    long pid(String component) {
        return launcher.pid(Component.named(component)).orElseThrow(() -> new IllegalStateException(component + " is not running"));
    }

    boolean isRunning(String component) {
        return launcher.isRunning(Component.named(component));
    }

    String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    String gateway(String path) {
        return config.gatewayUrl() + path;
    }

    String eureka(String path) {
        return config.eurekaUrl() + path;
    }

    /** The Authorization header value the platform's processes use with the service registry. */
    String registryAuthorization() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(("unionhub:" + launcher.registryPassword())
                .getBytes(StandardCharsets.UTF_8));
    }

    String direct(String component, String path) {
        return "http://127.0.0.1:" + config.port(component) + path;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String identity(String path) {
        return config.issuerUrl() + path;
    }

    /** A token for a demo account from the identity server that the run command started. */
    String demoToken(String account) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(identity("/demo/tokens")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"account\":\"" + account + "\"}")).build());
        return accessTokenOf(response, account);
    }

    /** A machine client's token, the way another government system gets one. */
    String clientCredentialsToken(String clientId, String secret) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(identity("/oauth2/token")))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
        return accessTokenOf(response, clientId);
    }

    private static String accessTokenOf(HttpResponse<String> response, String who) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("No token for " + who + ": " + response.statusCode() + " " + response.body());
        }
        return response.body().replaceAll(".*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    /**
     * Runs a service's clock {@code ahead} of real time (zero: real time again), through its
     * {@code /internal/clock}: only services the platform started with an adjustable clock have one.
     */
    void runClockAhead(String component, Duration ahead) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(direct(component, "/internal/clock")))
                .header("Authorization", "Bearer " + demoToken("admin-zhou")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"offset\":\"" + ahead + "\"}")).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("moving " + component + "'s clock: " + response.statusCode() + " " + response.body());
        }
    }

    /** The platform's Kafka broker, for clients outside the JVM such as kcat. */
    String kafkaBootstrapServers() {
        return "127.0.0.1:" + config.port(Component.KAFKA);
    }

    String mongoUri() {
        return "mongodb://127.0.0.1:" + config.port(Component.MONGO);
    }

    HttpResponse<String> get(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    @Override
    public void close() {
        launcher.down();
        try (Stream<Path> files = Files.walk(config.home())) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shows the launcher's progress in the build log while keeping it for assertions. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
