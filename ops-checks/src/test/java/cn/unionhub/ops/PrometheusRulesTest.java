package cn.unionhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.test.ExternalTools;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** observability/prometheus: valid for Prometheus itself, and every alert fires when it should. */
class PrometheusRulesTest {

    private static final String PROMETHEUS = "observability/prometheus/";

    @BeforeAll
    static void promtool() {
        ExternalTools.ensure(Repo.ROOT, "promtool:prometheus");
    }

    @Test
    void configurationIsValidAndFindsItsRuleFiles() {
        Repo.Result result = Repo.run("promtool", "check", "config", PROMETHEUS + "prometheus.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void rulesAreValid() {
        Repo.Result result = Repo.run("promtool", "check", "rules", PROMETHEUS + "rules/recording.yml", PROMETHEUS + "rules/alerts.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everyAlertFiresInItsUnitTest() {
        Repo.Result result = Repo.run("promtool", "test", "rules", PROMETHEUS + "tests/alerts-test.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();

        String tests = Repo.read(Repo.file(PROMETHEUS + "tests/alerts-test.yml"));
        assertThat(alerts()).allSatisfy(alert -> assertThat(tests).as("a promtool test for " + alert)
                .contains("alertname: " + alert.path("alert").asString()));
    }

    /** An alert that wakes someone must say where its explanation is, and the explanation must exist. */
    @Test
    void everyAlertHasARunbookSectionInTheOperationsGuide() {
        String guide = Repo.read(Repo.file("docs/operations.md"));
        List<String> anchors = new ArrayList<>();
        Matcher heading = Pattern.compile("(?m)^#+\\s+(.+)$").matcher(guide);
        while (heading.find()) {
            anchors.add(heading.group(1).trim().toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-'));
        }
        for (JsonNode alert : alerts()) {
            String runbook = alert.path("annotations").path("runbook").asString();
            assertThat(runbook).as(alert.path("alert").asString()).startsWith("docs/operations.md#");
            assertThat(anchors).as("heading for " + runbook).contains(runbook.substring(runbook.indexOf('#') + 1));
        }
    }

    static List<JsonNode> alerts() {
        List<JsonNode> alerts = new ArrayList<>();
        JsonNode rules = Repo.yamlDocuments(Repo.read(Repo.file(PROMETHEUS + "rules/alerts.yml"))).get(0);
        rules.path("groups").forEach(group -> group.path("rules").forEach(alerts::add));
        assertThat(alerts).isNotEmpty();
        return alerts;
    }
}
