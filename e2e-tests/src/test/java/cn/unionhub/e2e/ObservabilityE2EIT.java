package cn.unionhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.devstack.Component;
import cn.unionhub.test.ExternalTools;
import cn.unionhub.test.TestInfrastructure;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dashboards ops will open show data: a real Prometheus, with the repository's rule files,
 * scrapes every process of a running platform while a complaint goes through the pipeline, and
 * then every panel query of every dashboard under {@code observability/grafana/dashboards} must
 * return a value. A renamed metric, a missing tag or a recording rule that no longer matches shows
 * up here instead of as an empty panel in production.
 */
@Order(2) // shared platform (see PlatformTest)
class ObservabilityE2EIT extends PlatformTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path DASHBOARDS = REPO.resolve("observability/grafana/dashboards");

    /**
     * Panels ({@code <dashboard file>: <panel title>}) that cannot have data on a platform a few
     * minutes old, and why. Keep this short: a panel whose empty answer honestly means zero should
     * say so in its query ({@code … or vector(0)}) instead of being listed here.
     */
    private static final Map<String, String> NO_DATA_EXPECTED = Map.of(
            // Escalation happens when a case is still unanswered past its deadline (12 or 24 business
            // hours); the counter is tagged by level, so there is no honest zero per level before then.
            "complaint-pipeline.json: Escalations by level (24h)", "needs a case overdue by business hours");

    private static Path prometheusHome;
    private static Process prometheus;
    private static String prometheusUrl;

    @BeforeAll
    static void startPrometheus() throws IOException, InterruptedException {
        ensurePrometheusInstalled();
        prometheusHome = Files.createTempDirectory("unionhub-prometheus-");
        int port = TestInfrastructure.freePort();
        Path config = prometheusHome.resolve("prometheus.yml");
        Files.writeString(config, scrapeConfig(port));
        prometheusUrl = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + prometheusHome.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(prometheusHome.resolve("prometheus.log").toFile()).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .failFast("Prometheus exited; see its log", () -> !prometheus.isAlive())
                // Refused connections are expected until Prometheus has bound its port.
                .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .until(() -> platform.get(prometheusUrl + "/-/ready").statusCode() == 200);
    }

    @AfterAll
    static void stopPrometheus() throws IOException, InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor();
            }
            prometheus = null;
        }
        if (prometheusHome != null) {
            try (Stream<Path> files = Files.walk(prometheusHome)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
            prometheusHome = null;
        }
    }

    @Test
    void everyPanelOfEveryDashboardShowsDataOnceAComplaintWentThroughThePipeline() throws IOException {
        List<Panel> panels = panels();
        assertThat(panels).as("panel queries under " + DASHBOARDS).hasSizeGreaterThan(10);
        assertThat(NO_DATA_EXPECTED.keySet()).as("allow-listed panels that no longer exist")
                .allMatch(key -> panels.stream().anyMatch(panel -> panel.key().equals(key)));

        // Every process is scraped before traffic starts, so counters have a sample from before it.
        int targets = (int) Component.ALL.stream().filter(c -> !c.isInfrastructure()).count() + 1;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode active = JSON.readTree(platform.get(prometheusUrl + "/api/v1/targets?state=active").body())
                    .path("data").path("activeTargets");
            assertThat(active.size()).isEqualTo(targets);
            for (JsonNode target : active) {
                assertThat(target.path("health").asString()).as(target.path("scrapeUrl").asString() + ": "
                        + target.path("lastError").asString()).isEqualTo("up");
            }
        });

        String worker = platform.demoToken("worker-zhang-wei");
        String chair = platform.demoToken("chair-wang-fang");
        // One complaint the worker is satisfied with (the case closes), one they are not (it reopens).
        String satisfied = complaint(worker, "CANTEEN_DORMITORY_COMMUTE", "上下班单程要一个多小时，希望安排通勤车。");
        String unsatisfied = complaint(worker, "CANTEEN_DORMITORY_COMMUTE", "食堂晚班不供应热饭，希望延长供餐时间。");
        handle(satisfied, chair);
        handle(unsatisfied, chair);
        rate(worker, satisfied, "{\"rating\":\"SATISFIED\"}");
        rate(worker, unsatisfied, "{\"rating\":\"NOT_SATISFIED\",\"reason\":\"晚班仍然没有热饭\"}");

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(panels.stream().filter(panel -> !NO_DATA_EXPECTED.containsKey(panel.key()))
                        .filter(panel -> !hasData(panel.expr())).map(panel -> panel + " → " + values(panel.expr())))
                        .as("dashboard panels without data").isEmpty());
    }

    /** One query of one panel; {@code expr} already has Grafana's variables replaced. */
    private record Panel(String dashboard, String title, String expr) {

        String key() {
            return dashboard + ": " + title;
        }

        @Override
        public String toString() {
            return key() + " — " + expr;
        }
    }

    private static List<Panel> panels() throws IOException {
        List<Panel> panels = new ArrayList<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                collectPanels(file.getFileName().toString(), JSON.readTree(file.toFile()).path("panels"), panels);
            }
        }
        return panels;
    }

    /** Rows nest their panels; every target with an expression is one query Grafana runs. */
    private static void collectPanels(String dashboard, JsonNode nodes, List<Panel> into) {
        for (JsonNode panel : nodes) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asString("");
                if (!expr.isBlank()) {
                    into.add(new Panel(dashboard, panel.path("title").asString(""), withoutVariables(expr)));
                }
            }
            collectPanels(dashboard, panel.path("panels"), into);
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::[^}]*)?}|\\$([A-Za-z0-9_]+)|\\[\\[([A-Za-z0-9_]+)]]");

    /**
     * What Grafana would send: its interval variables become durations wider than a couple of
     * scrapes; template variables (used with {@code =~} in dashboards) select everything.
     */
    static String withoutVariables(String expr) {
        Matcher matcher = VARIABLE.matcher(expr);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = Stream.of(matcher.group(1), matcher.group(2), matcher.group(3))
                    .filter(g -> g != null).findFirst().orElseThrow();
            String value = switch (name) {
                case "__rate_interval", "__interval", "__range" -> "1m";
                default -> ".*";
            };
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(result).toString();
    }

    /** At least one series with a number: NaN (e.g. a quantile of nothing) is an empty panel too. */
    private static boolean hasData(String expr) {
        return values(expr).stream().anyMatch(v -> !v.isNaN());
    }

    private static List<Double> values(String expr) {
        HttpResponse<String> response = platform.get(prometheusUrl + "/api/v1/query?query="
                + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asString())) {
            throw new AssertionError("Prometheus refused " + expr + ": " + response.body());
        }
        JsonNode data = body.path("data");
        return switch (data.path("resultType").asString()) {
            case "scalar" -> List.of(Double.valueOf(data.path("result").get(1).asString()));
            case "vector" -> {
                List<Double> values = new ArrayList<>();
                data.path("result").forEach(sample -> values.add(Double.valueOf(sample.path("value").get(1).asString())));
                yield values;
            }
            default -> throw new AssertionError("Unexpected result type for a panel query " + expr + ": " + data);
        };
    }

    /**
     * Scrapes every Spring process every two seconds (a scrape can take a second on a busy machine
     * running the whole platform) under the job names of the repository's own
     * configuration, so the rules (which select on them) apply unchanged.
     */
    private static String scrapeConfig(int prometheusPort) {
        List<String> platformTargets = List.of(Component.DISCOVERY, Component.IDENTITY);
        String services = Component.ALL.stream().filter(c -> !c.isInfrastructure() && !platformTargets.contains(c.name()))
                .map(c -> "'" + authority(c.name()) + "'").collect(Collectors.joining(", "));
        String platformProcesses = platformTargets.stream().map(name -> "'" + authority(name) + "'")
                .collect(Collectors.joining(", "));
        return """
                global:
                  scrape_interval: 2s
                  scrape_timeout: 2s
                  evaluation_interval: 2s
                rule_files:
                  - '%s/*.yml'
                scrape_configs:
                  - job_name: unionhub-services
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: [%s]
                  - job_name: unionhub-platform
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: [%s]
                  - job_name: prometheus
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(REPO.resolve("observability/prometheus/rules"), services, platformProcesses, prometheusPort);
    }

    private static String authority(String component) {
        return URI.create(platform.direct(component, "")).getAuthority();
    }

    private static void ensurePrometheusInstalled() throws IOException, InterruptedException {
        ExternalTools.ensure(REPO, "prometheus:prometheus", "promtool:prometheus");
    }

    private static String complaint(String worker, String category, String text) {
        HttpResponse<String> submitted = platform.send(HttpRequest.newBuilder(URI.create(platform.gateway("/api/v1/feedback/submissions")))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + worker)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"type":"COMPLAINT","category":"%s","channel":"MINI_PROGRAM",
                         "enterprise":"91330211MA2H3K5Q1G","anonymous":true,"text":"%s"}""".formatted(category, text)))
                .build());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        return JSON.readTree(submitted.body()).path("trackingNumber").asString();
    }

    /** The enterprise union finds the routed case, accepts, answers and resolves it. */
    private static void handle(String tracking, String chair) {
        String caseNumber = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (JsonNode c : JSON.readTree(platform.get(platform.gateway("/api/v1/cases?status=ROUTED"),
                    "Authorization", "Bearer " + chair).body())) {
                if (tracking.equals(c.path("trackingNumber").asString())) {
                    return c.path("caseNumber").asString();
                }
            }
            return null;
        }, number -> number != null);
        post("/api/v1/cases/" + caseNumber + "/acceptance", chair, "{}");
        post("/api/v1/cases/" + caseNumber + "/responses", chair, "{\"text\":\"已向公司管理层反映，正在研究方案。\"}");
        post("/api/v1/cases/" + caseNumber + "/resolution", chair,
                "{\"outcome\":\"RESOLVED_BY_ENTERPRISE\",\"summary\":\"公司已调整安排。\"}");
    }

    /** Rates once feedback-service has learnt of the resolution (an event away). */
    private static void rate(String worker, String tracking, String rating) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> "RESOLVED".equals(
                JSON.readTree(platform.get(platform.gateway("/api/v1/feedback/submissions/" + tracking),
                        "Authorization", "Bearer " + worker).body()).path("status").asString()));
        post("/api/v1/feedback/submissions/" + tracking + "/satisfaction", worker, rating);
    }

    private static void post(String path, String token, String body) {
        HttpResponse<String> response = platform.send(HttpRequest.newBuilder(URI.create(platform.gateway(path)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    }

}
