package cn.unionhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.test.ExternalTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * In Kubernetes the Prometheus Operator reads rules from the PrometheusRule in k8s/base/monitoring,
 * not from observability/prometheus/rules; both must say the same (parsed YAML, formatting aside).
 */
class PrometheusRuleTest {

    private static final String CHECKED_IN = "k8s/base/monitoring/prometheusrule.yaml";

    @BeforeAll
    static void promtool() {
        ExternalTools.ensure(Repo.ROOT, "promtool:prometheus");
    }

    @Test
    void theCheckedInPrometheusRuleCarriesExactlyTheRuleFilesGroups() {
        JsonNode rule = Repo.yamlDocuments(Repo.read(Repo.file(CHECKED_IN))).get(0);
        assertThat(rule.path("kind").asString()).isEqualTo("PrometheusRule");
        assertThat(byName(rule.path("spec").path("groups"), CHECKED_IN)).as(CHECKED_IN + " against observability/prometheus/rules/*.yml")
                .isEqualTo(ruleFileGroups());
    }

    /** …and every overlay deploys it as it is. */
    @ParameterizedTest
    @MethodSource("cn.unionhub.ops.KustomizeTest#overlays")
    void everyOverlayDeploysTheRuleFilesGroups(String overlay) {
        List<JsonNode> rules = KustomizeTest.render(overlay).stream()
                .filter(o -> o.path("kind").asString().equals("PrometheusRule")).toList();
        assertThat(rules).as(overlay).hasSize(1);
        assertThat(byName(rules.get(0).path("spec").path("groups"), overlay)).as(overlay).isEqualTo(ruleFileGroups());
    }

    /** The operator writes a PrometheusRule's groups into one rule file: Prometheus must accept that file. */
    @Test
    void theOperatorsRuleFileIsValidForPrometheus(@TempDir Path dir) throws IOException {
        JsonNode rule = Repo.yamlDocuments(Repo.read(Repo.file(CHECKED_IN))).get(0);
        ObjectNode file = Repo.JSON.createObjectNode();
        file.set("groups", rule.path("spec").path("groups"));
        Path path = dir.resolve("unionhub.rules.yaml");
        Files.writeString(path, Repo.JSON.writeValueAsString(file), StandardCharsets.UTF_8); // JSON is YAML
        Repo.Result result = Repo.run("promtool", "check", "rules", path.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    /** UnionHubInstanceDown matches job=~"unionhub-.*", the docker-compose job names; the ServiceMonitor must give its targets such a job. */
    @ParameterizedTest
    @MethodSource("cn.unionhub.ops.KustomizeTest#overlays")
    void serviceMonitorTargetsGetAUnionHubJobLabel(String overlay) {
        List<JsonNode> monitors = KustomizeTest.render(overlay).stream()
                .filter(o -> o.path("kind").asString().equals("ServiceMonitor")).toList();
        assertThat(monitors).as(overlay).isNotEmpty();
        assertThat(PrometheusRulesTest.alerts()).anySatisfy(alert -> assertThat(alert.path("expr").asString()).contains("job=~\"unionhub-.*\""));
        for (JsonNode monitor : monitors) {
            for (JsonNode endpoint : monitor.path("spec").path("endpoints")) {
                assertThat(endpoint.path("relabelings")).as(overlay).anySatisfy(relabeling -> {
                    assertThat(relabeling.path("targetLabel").asString()).isEqualTo("job");
                    assertThat(relabeling.path("replacement").asString()).startsWith("unionhub-");
                });
            }
        }
    }

    /** Group name → group, over every rule file; a name in two files could not share one PrometheusRule. */
    static Map<String, JsonNode> ruleFileGroups() {
        Map<String, JsonNode> groups = new TreeMap<>();
        try (Stream<Path> files = Files.list(Repo.file("observability/prometheus/rules"))) {
            List<Path> ruleFiles = files.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList();
            assertThat(ruleFiles).isNotEmpty();
            for (Path file : ruleFiles) {
                JsonNode fileGroups = Repo.yamlDocuments(Repo.read(file)).get(0).path("groups");
                byName(fileGroups, file.toString()).forEach((name, group) ->
                        assertThat(groups.put(name, group)).as("group " + name + " defined twice (again in " + file + ")").isNull());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return groups;
    }

    private static Map<String, JsonNode> byName(JsonNode groups, String source) {
        assertThat(groups.isArray() && !groups.isEmpty()).as("groups in " + source).isTrue();
        Map<String, JsonNode> byName = new TreeMap<>();
        List<String> names = new ArrayList<>();
        for (JsonNode group : groups) {
            names.add(group.path("name").asString());
            byName.put(group.path("name").asString(), group);
        }
        assertThat(names).as("group names in " + source).doesNotHaveDuplicates();
        return byName;
    }
}
