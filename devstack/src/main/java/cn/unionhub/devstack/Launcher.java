package cn.unionhub.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Runs the whole platform on one machine without Docker: Kafka and MongoDB first, then Eureka,
 * then the gateway and the six services, each as its own process with its log in a file, gated
 * on health and on being routed through the gateway. {@code ./unionhub up|down|status} calls this.
 *
 * <p>Exit codes: 0 done, 1 partly running, 2 not built, 3 port taken, 4 did not become healthy, 5 not running (demo).
 */
public final class Launcher {

    static {
        // A file named logback.xml would also take over every Spring service that has devstack on its
        // (test) class path, bypassing the starter's logback-spring.xml; so devstack's has its own name.
        System.setProperty("logback.configurationFile",
                System.getProperty("logback.configurationFile", "unionhub-devstack-logback.xml"));
    }

    public static final int OK = 0;
    public static final int PARTLY_RUNNING = 1;
    public static final int NOT_BUILT = 2;
    public static final int PORT_TAKEN = 3;
    public static final int UNHEALTHY = 4;
    /** {@code demo} needs a running platform. */
    public static final int NOT_RUNNING_FOR_DEMO = 5;

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration RECORDING_STOP_GRACE = Duration.ofSeconds(90);
    private static final int ROUTE_READY_STREAK = 3;

    private final StackConfig config;
    private final PrintStream out;
    private final ClassSharing classSharing;
    /** Environment variable with the installation's service-registry password (discovery-server's RegistryAccess). */
    static final String REGISTRY_PASSWORD = "UNIONHUB_EUREKA_PASSWORD";
    /** The processes this launcher started, by component: known by their handle, not only by their pid file. */
    private final Map<String, Process> startedHere = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public Launcher(StackConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.classSharing = new ClassSharing(config.classArchiveDir(), config.classSharing());
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        StackConfig config;
        try {
            config = StackConfig.fromEnvironment(Path.of(System.getProperty("unionhub.repo", ".")), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("配置错误 / configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Launcher launcher = new Launcher(config, System.out);
        int rc = switch (command) {
            case "up" -> launcher.up();
            case "down" -> launcher.down();
            case "status" -> launcher.status();
            case "demo" -> new Demo(config, System.out).run();
            case "stop" -> args.length > 1 ? launcher.stop(Component.named(args[1])) : usage();
            case "start" -> args.length > 1 ? launcher.startOne(Component.named(args[1])) : usage();
            default -> usage();
        };
        System.exit(rc);
    }

    private static int usage() {
        System.out.println("usage: unionhub up | down | status | stop <component> | start <component>");
        return 2;
    }

    // ---------------------------------------------------------------- up

    public int up() {
        long started = System.nanoTime();
        List<Component> alive = Component.ALL.stream().filter(this::isRunning).toList();
        if (alive.size() == Component.ALL.size()) {
            out.println("UnionHub 已在运行 / is already running: " + config.gatewayUrl()
                    + "  (./unionhub status, ./unionhub down)");
            return OK;
        }
        if (!alive.isEmpty()) {
            out.println("UnionHub 部分进程仍在运行 / is partly running: " + names(alive)
                    + ". 请先执行 / run ./unionhub down first.");
            return PARTLY_RUNNING;
        }
        List<String> missing = missingJars();
        if (!missing.isEmpty()) {
            out.println("尚未构建 / not built: " + String.join(", ", missing) + ". Run ./mvnw -DskipTests package.");
            return NOT_BUILT;
        }
        List<String> busy = busyPorts();
        if (!busy.isEmpty()) {
            busy.forEach(b -> out.println("端口已被占用 / port in use: " + b));
            out.println("请释放端口或改用其他端口 / free the port or choose another one with the variable shown.");
            return PORT_TAKEN;
        }
        createDirectories();

        Thread abort = new Thread(this::down, "unionhub-abort");
        Runtime.getRuntime().addShutdownHook(abort);
        try {
            out.println("启动 UnionHub / starting UnionHub — logs in " + config.logDir());
            // The Spring processes start together once the broker and the database answer: none needs
            // another to be up at start (registration, the signing keys and the routes are fetched and
            // retried later), and on two cores a staged start left a core idle while the last process of
            // each stage finished (measured: 79 s staged, see docs/benchmarks.md).
            boolean healthy = startAndAwait(List.of(Component.named(Component.KAFKA), Component.named(Component.MONGO)), started)
                    && startAndAwait(Component.ALL.stream().filter(c -> !c.isInfrastructure()).toList(), started)
                    && awaitRoutes(started)
                    && awaitDemoRegister(started);
            if (!healthy) {
                out.println("启动失败，正在停止 / start failed, stopping what was started.");
                down();
                return UNHEALTHY;
            }
        } finally {
            removeHook(abort);
        }
        out.printf("UnionHub 已就绪 / is up in %ds%n", seconds(started));
        out.println("  gateway     " + config.gatewayUrl());
        out.println("  API docs    " + config.gatewayUrl() + "/swagger-ui.html");
        out.println("  Eureka      " + config.eurekaUrl());
        out.println("  identity    " + config.issuerUrl() + "   (demo accounts: GET /demo/accounts, tokens: POST /demo/tokens)");
        out.println("  Kafka       127.0.0.1:" + config.port(Component.KAFKA));
        out.println("  MongoDB     mongodb://127.0.0.1:" + config.port(Component.MONGO));
        out.println("  stop with   ./unionhub down");
        return OK;
    }

    private boolean startAndAwait(List<Component> components, long started) {
        components.forEach(this::start);
        Set<Component> waiting = new LinkedHashSet<>(components);
        long deadline = started + config.startTimeout().toNanos();
        long lastReport = System.nanoTime();
        while (!waiting.isEmpty()) {
            for (Component c : List.copyOf(waiting)) {
                if (!isRunning(c)) {
                    Process process = startedHere.get(c.name());
                    String exit = process != null && !process.isAlive() ? " with exit code " + process.exitValue() : "";
                    out.printf("  ✗ %-20s 进程已退出 / exited%s — last lines of %s:%n", c.name(), exit, logFile(c));
                    tail(logFile(c), 25).forEach(line -> out.println("      " + line));
                    return false;
                }
                if (isHealthy(c)) {
                    waiting.remove(c);
                    out.printf("  ✓ %-20s 健康 / healthy on port %d (%ds)%n", c.name(), config.port(c.name()), seconds(started));
                }
            }
            if (waiting.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                out.println("  ✗ 超时 / timed out waiting for: " + names(waiting));
                waiting.forEach(c -> {
                    out.println("    last lines of " + logFile(c) + ":");
                    tail(logFile(c), 15).forEach(line -> out.println("      " + line));
                });
                return false;
            }
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                out.printf("  … 等待 / waiting for %s (%ds)%n", names(waiting), seconds(started));
                lastReport = System.nanoTime();
            }
            pause(Duration.ofMillis(500));
        }
        return true;
    }

    /**
     * member-card-service loads the demo register at start and publishes it; the other services
     * build their copies from those events a moment later. The platform is ready for the demo when a
     * demo enterprise has its public page in feedback-service, i.e. the copies have caught up.
     */
    private boolean awaitDemoRegister(long started) {
        String page = config.gatewayUrl() + "/api/v1/feedback/enterprises/" + DEMO_ENTERPRISE;
        long deadline = started + config.startTimeout().toNanos();
        while (httpStatus(page) != 200) {
            if (System.nanoTime() > deadline) {
                out.println("  ✗ 演示登记数据未送达 / the demo register did not reach feedback-service: " + page);
                return false;
            }
            pause(Duration.ofMillis(500));
        }
        out.printf("  ✓ %-20s 演示登记数据已送达 / demo register delivered (%ds)%n", "member-card-service", seconds(started));
        return true;
    }

    /** 宁波富德能源, the first enterprise of the demo register (member-card-service registry/demo/enterprises.csv). */
    static final String DEMO_ENTERPRISE = "91330211MA2H3K5Q1G";

    /**
     * The gateway learns instances from Eureka a few seconds after they register, and its circuit
     * breakers count the failed probes meanwhile. A route counts as ready after {@value #ROUTE_READY_STREAK}
     * answers in a row: enough for a half-open breaker to close again.
     */
    private boolean awaitRoutes(long started) {
        Map<Component, Integer> streaks = new LinkedHashMap<>();
        Component.ALL.stream().filter(Component::isDomainService).forEach(c -> streaks.put(c, 0));
        long deadline = started + config.startTimeout().toNanos();
        while (streaks.values().stream().anyMatch(n -> n < ROUTE_READY_STREAK)) {
            streaks.replaceAll((c, n) -> n >= ROUTE_READY_STREAK ? n
                    : httpStatus(config.gatewayUrl() + c.routeProbe()) == 200 ? n + 1 : 0);
            if (System.nanoTime() > deadline) {
                out.println("  ✗ 网关路由超时 / gateway does not route to: " + names(streaks.entrySet().stream()
                        .filter(e -> e.getValue() < ROUTE_READY_STREAK).map(Map.Entry::getKey).toList()));
                return false;
            }
            pause(Duration.ofMillis(250));
        }
        out.printf("  ✓ %-20s 已路由全部服务 / routes every service (%ds)%n", Component.GATEWAY, seconds(started));
        return true;
    }

    private void start(Component c) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // own session: closing the terminal does not take the platform down
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dunionhub.stack=" + config.home());
        command.add("-Dunionhub.component=" + c.name());
        command.add("-Dfile.encoding=UTF-8");
        // The JVM's statistics sampler (the hsperfdata counters jstat reads) ticks every 50 ms: about
        // 0.3 % of a core in each of the eleven JVMs at rest, together more than the broker's own
        // housekeeping. Once a second keeps jstat and jcmd working. (Options of UNIONHUB_JAVA_OPTS
        // come later on the command line, so one given there wins.)
        command.add("-XX:PerfDataSamplingInterval=1000");
        if (c.isInfrastructure()) {
            command.addAll(List.of((c.name().equals(Component.KAFKA) ? StackConfig.KAFKA_JAVA_OPTIONS : StackConfig.STORE_JAVA_OPTIONS).split(" ")));
            command.add("-cp");
            command.add(devstackJar().toString());
            command.add(InfrastructureNode.class.getName());
            command.add(c.name());
            command.add(config.dataDir().resolve(c.name()).toString());
            command.add(String.valueOf(config.port(c.name())));
            if (c.name().equals(Component.KAFKA)) {
                command.add(String.valueOf(config.kafkaControllerPort()));
            }
        } else {
            command.addAll(List.of(config.javaOptionsFor(c.name()).trim().split("\\s+")));
            command.addAll(classpathOf(c));
            command.addAll(springArguments(c));
        }
        // Class sharing options go right after the java binary; the plan fingerprints everything after it.
        int javaAt = command.indexOf(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ClassSharing.Plan sharing = classSharing.plan(c.name(), command.subList(javaAt + 1, command.size()));
        command.addAll(javaAt + 1, sharing.options());
        try {
            Path log = logFile(c);
            Files.writeString(log, "=== " + java.time.OffsetDateTime.now() + " " + String.join(" ", command) + System.lineSeparator(),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put(REGISTRY_PASSWORD, registryPassword());
            Process process = builder
                    .directory(config.home().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            Files.writeString(pidFile(c), String.valueOf(process.pid()));
            startedHere.put(c.name(), process);
            out.printf("  ▶ %-20s 启动中 / starting (pid %d, port %d)%s%n", c.name(), process.pid(), config.port(c.name()),
                    switch (sharing.mode()) {
                        case USE -> " · 类存档 / class archive";
                        case RECORD -> " · 记录类存档 / recording a class archive";
                        case FIRST_RUN, OFF -> "";
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + c.name(), e);
        }
    }

    /**
     * How the JVM finds the service: its own classes and the jars the build listed
     * ({@code target/runtime-classpath.txt}), with the main class from the fat jar's manifest. Spring
     * Boot's nested-jar class loading cost a third of each start's CPU (measured: 19.5 s against
     * 12.3 s for station-service), and eleven processes start at once on two cores. Its own classes
     * come from the plain jar the build keeps beside the fat one ({@code <name>.jar.original}), since
     * only jars can go into a class archive ({@link ClassSharing}); {@code target/classes} when it is
     * missing. The fat jar is the fallback when the list is missing or names a jar that is gone.
     */
    List<String> classpathOf(Component c) {
        Path target = config.repoRoot().resolve(c.module()).resolve("target");
        Path listed = target.resolve("runtime-classpath.txt");
        Path plainJar = target.resolve(jarOf(c).getFileName() + ".original");
        Path classes = Files.isRegularFile(plainJar) ? plainJar : target.resolve("classes");
        try {
            // No age check against the jar: the build leaves the list untouched when it has not changed.
            if (Files.isRegularFile(listed) && Files.exists(classes)) {
                String jars = Files.readString(listed).trim();
                boolean complete = jars.isEmpty() || java.util.Arrays.stream(jars.split(java.io.File.pathSeparator))
                        .allMatch(jar -> Files.exists(Path.of(jar)));
                String mainClass;
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(jarOf(c).toFile())) {
                    mainClass = jar.getManifest().getMainAttributes().getValue("Start-Class");
                }
                if (complete && mainClass != null) {
                    String classpath = jars.isEmpty() ? classes.toString() : classes + java.io.File.pathSeparator + jars;
                    return List.of("-cp", classpath, mainClass);
                }
            }
        } catch (IOException e) {
            // fall through to the fat jar, which needs nothing else
        }
        return List.of("-jar", jarOf(c).toString());
    }

    private List<String> springArguments(Component c) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + config.port(c.name()));
        // Tomcat's work folder in the stack's home, one per process, reused by every start: by
        // default each start left a new tomcat.<port>.<n> folder in /tmp.
        args.add("--server.tomcat.basedir=" + config.home().resolve("run").resolve("tomcat").resolve(c.name()));
        if (c.name().equals(Component.IDENTITY)) {
            args.add("--spring.profiles.active=local");
            args.add("--spring.security.oauth2.authorizationserver.issuer=" + config.issuerUrl());
            args.add("--unionhub.identity.key-file=" + config.dataDir().resolve("identity").resolve("signing-key.json"));
            // Merchant tills' secrets, as the district unions issue them (identity.till-clients).
            args.add("--spring.kafka.bootstrap-servers=127.0.0.1:" + config.port(Component.KAFKA));
        } else {
            // The registry password reaches each process in its environment (not on the command line, which
            // anyone on the machine can read); Spring fills it into the URL.
            args.add("--eureka.client.service-url.defaultZone=http://unionhub:${" + REGISTRY_PASSWORD + "}@127.0.0.1:"
                    + config.port(Component.DISCOVERY) + "/eureka/");
            args.add("--eureka.instance.prefer-ip-address=true");
            args.add("--eureka.instance.ip-address=127.0.0.1");
            args.add("--unionhub.security.jwt.issuer=" + config.issuerUrl());
        }
        if (c.name().equals("member-card-service")) {
            // The local run is a demo: the register starts with the enterprises, unions and members the
            // source reports name, behind the identity server's demo accounts.
            args.add("--unionhub.registry.demo-data=true");
        }
        if (c.isDomainService()) {
            // One pseudonym key per installation, made on first start and kept with the data (never in the repository).
            args.add("--unionhub.security.pseudonym-key-file=" + config.dataDir().resolve("secrets").resolve("pseudonym.key"));
            args.add("--spring.kafka.bootstrap-servers=127.0.0.1:" + config.port(Component.KAFKA));
            args.add("--spring.mongodb.uri=mongodb://127.0.0.1:" + config.port(Component.MONGO));
        }
        args.addAll(config.extraArguments().getOrDefault(c.name(), List.of()));
        return args;
    }

    // ---------------------------------------------------------------- down, stop, status

    public int down() {
        List<Component> reversed = new ArrayList<>(Component.ALL);
        java.util.Collections.reverse(reversed);
        boolean any = false;
        // Services first, in parallel (each takes a few seconds to drain), then Eureka and the identity server, then the infrastructure.
        any |= stopAll(reversed.stream().filter(c -> !c.isInfrastructure() && !c.isPlatformService()).toList());
        any |= stopAll(reversed.stream().filter(Component::isPlatformService).toList());
        any |= stopAll(List.of(Component.named(Component.MONGO), Component.named(Component.KAFKA)));
        out.println(any ? "UnionHub 已停止 / stopped." : "UnionHub 未在运行 / is not running.");
        return OK;
    }

    /**
     * Starts one stopped process of a running platform again (after {@code stop}, or after it
     * crashed), with the same command as {@code up}, and waits until it is healthy.
     */
    public int startOne(Component c) {
        if (isRunning(c)) {
            out.println(c.name() + " 已在运行 / is already running.");
            return OK;
        }
        if (!c.isInfrastructure() && !Files.exists(jarOf(c))) {
            out.println("尚未构建 / not built: " + config.repoRoot().relativize(jarOf(c)) + ". Run ./mvnw -DskipTests package.");
            return NOT_BUILT;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(config.port(c.name())));
        } catch (IOException e) {
            out.println("端口已被占用 / port in use: " + config.port(c.name()) + " — " + c.name() + " (" + c.portKey() + ")");
            return PORT_TAKEN;
        }
        createDirectories();
        long started = System.nanoTime();
        if (!startAndAwait(List.of(c), started)) {
            return UNHEALTHY;
        }
        out.printf("%s 已就绪 / is up in %ds%n", c.name(), seconds(started));
        return OK;
    }

    public int stop(Component c) {
        stopAll(List.of(c));
        return OK;
    }

    private boolean stopAll(List<Component> components) {
        Map<Component, ProcessHandle> handles = new LinkedHashMap<>();
        for (Component c : components) {
            ourProcess(c).ifPresent(p -> {
                p.destroy();
                handles.put(c, p);
            });
        }
        // A JVM that recorded its classes writes the archive as it stops, several at once on two cores.
        boolean recording = handles.keySet().stream().anyMatch(c -> classSharing.willRecord(c.name()));
        if (recording) {
            out.println("  … 写入类存档（构建后首次停止）/ writing class archives (first stop after a build), up to "
                    + RECORDING_STOP_GRACE.toSeconds() + " s");
        }
        long deadline = System.nanoTime() + (recording ? RECORDING_STOP_GRACE : STOP_GRACE).toNanos();
        for (Map.Entry<Component, ProcessHandle> e : handles.entrySet()) {
            ProcessHandle p = e.getValue();
            while (p.isAlive() && System.nanoTime() < deadline) {
                pause(Duration.ofMillis(100));
            }
            boolean byItself = !p.isAlive();
            if (!byItself) {
                p.destroyForcibly();
                out.printf("  ■ %-20s 强制停止 / killed (pid %d)%n", e.getKey().name(), p.pid());
            } else {
                out.printf("  ■ %-20s 已停止 / stopped (pid %d)%n", e.getKey().name(), p.pid());
            }
            classSharing.stopped(e.getKey().name(), byItself);
        }
        components.forEach(c -> deleteQuietly(pidFile(c)));
        return !handles.isEmpty();
    }

    public int status() {
        out.printf("%-20s %-8s %-6s %s%n", "COMPONENT", "PID", "PORT", "STATE");
        boolean anyRunning = false;
        for (Component c : Component.ALL) {
            Optional<ProcessHandle> p = ourProcess(c);
            anyRunning |= p.isPresent();
            String state = p.isEmpty() ? "stopped" : isHealthy(c) ? "healthy" : "starting/unhealthy";
            out.printf("%-20s %-8s %-6d %s%n", c.name(), p.map(h -> String.valueOf(h.pid())).orElse("-"),
                    config.port(c.name()), state);
        }
        if (anyRunning) {
            out.println("gateway " + config.gatewayUrl() + "   logs " + config.logDir());
        }
        return OK;
    }

    // ---------------------------------------------------------------- checks

    /**
     * The service registry's password for this stack: made with random bytes on the first start and
     * kept with the data (owner-only), like the identity server's signing key and the pseudonym key.
     */
    public synchronized String registryPassword() {
        Path file = config.dataDir().resolve("secrets").resolve("eureka.password");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[24];
                new java.security.SecureRandom().nextBytes(random);
                Files.writeString(file, java.util.HexFormat.of().formatHex(random), StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the folder's ACL applies
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    public boolean isRunning(Component c) {
        return ourProcess(c).isPresent();
    }

    /** The process id of a running component of this stack. */
    public Optional<Long> pid(Component c) {
        return ourProcess(c).map(ProcessHandle::pid);
    }

    /**
     * The pid file is ours only if that pid still runs a JVM started for this stack home (pids are
     * reused). A process this launcher started is known by its handle: its command line can be
     * unreadable for a moment after the start (while {@code setsid} execs {@code java} on a loaded
     * machine), and reading that as "gone" once failed a start whose process was fine.
     */
    private Optional<ProcessHandle> ourProcess(Component c) {
        Process mine = startedHere.get(c.name());
        if (mine != null && mine.isAlive()) {
            return Optional.of(mine.toHandle());
        }
        Path pidFile = pidFile(c);
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().commandLine()
                            .map(cmd -> cmd.contains("-Dunionhub.stack=" + config.home())
                                    && cmd.contains("-Dunionhub.component=" + c.name()))
                            .orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean isHealthy(Component c) {
        int port = config.port(c.name());
        return switch (c.name()) {
            case Component.KAFKA -> kafkaAnswers(port);
            case Component.MONGO -> portAnswers(port);
            case Component.DISCOVERY -> httpStatus("http://127.0.0.1:" + port + "/actuator/health") == 200;
            default -> httpStatus("http://127.0.0.1:" + port + "/actuator/health/readiness") == 200;
        };
    }

    private boolean kafkaAnswers(int port) {
        if (!portAnswers(port)) {
            return false;
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(props)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean portAnswers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    int httpStatus(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private List<String> busyPorts() {
        List<String> busy = new ArrayList<>();
        Map<String, Integer> toCheck = new LinkedHashMap<>();
        Component.ALL.forEach(c -> toCheck.put(c.name() + " (" + c.portKey() + ")", config.port(c.name())));
        toCheck.put("kafka controller (UNIONHUB_KAFKA_PORT + 1)", config.kafkaControllerPort());
        toCheck.forEach((what, port) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true); // as servers do: TIME_WAIT leftovers of a previous run are no conflict
                socket.bind(new InetSocketAddress(port));
            } catch (IOException e) {
                busy.add(port + " — " + what);
            }
        });
        return busy;
    }

    private List<String> missingJars() {
        List<String> missing = new ArrayList<>();
        if (!Files.exists(devstackJar())) {
            missing.add(config.repoRoot().relativize(devstackJar()).toString());
        }
        Component.ALL.stream().filter(c -> !c.isInfrastructure()).map(this::jarOf).filter(j -> !Files.exists(j))
                .forEach(j -> missing.add(config.repoRoot().relativize(j).toString()));
        return missing;
    }

    // ---------------------------------------------------------------- files

    private Path jarOf(Component c) {
        return config.repoRoot().resolve(c.module()).resolve("target").resolve(c.module() + ".jar");
    }

    private Path devstackJar() {
        return config.repoRoot().resolve("devstack/target/devstack.jar");
    }

    public Path logFile(Component c) {
        return config.logDir().resolve(c.name() + ".log");
    }

    private Path pidFile(Component c) {
        return config.runDir().resolve(c.name() + ".pid");
    }

    private void createDirectories() {
        try {
            Files.createDirectories(config.logDir());
            Files.createDirectories(config.runDir());
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale pid file is harmless: ourProcess() checks the command line before trusting it
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook runs and stops what was started
        }
    }

    private static String names(java.util.Collection<Component> components) {
        return String.join(", ", components.stream().map(Component::name).toList());
    }

    private static long seconds(long startedNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
