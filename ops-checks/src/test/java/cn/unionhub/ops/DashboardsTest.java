package cn.unionhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboards are well-formed and all use the provisioned datasource; whether every
 * query returns data is checked against a running platform by the e2e module's ObservabilityE2EIT.
 */
class DashboardsTest {

    static List<Path> dashboards() {
        try (Stream<Path> files = Files.list(Repo.file("observability/grafana/dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyPanelQueriesTheProvisionedDatasource() {
        String datasourceUid = Repo.yamlDocuments(Repo.read(Repo.file("observability/grafana/provisioning/datasources/prometheus.yml")))
                .get(0).path("datasources").get(0).path("uid").asString();
        Set<String> uids = new HashSet<>();
        assertThat(dashboards()).hasSizeGreaterThanOrEqualTo(5);
        for (Path file : dashboards()) {
            JsonNode dashboard = Repo.JSON.readTree(Repo.read(file));
            assertThat(uids.add(dashboard.path("uid").asString())).as("unique uid in " + file).isTrue();
            Set<Integer> ids = new HashSet<>();
            assertThat(dashboard.path("panels").size()).as(file.toString()).isPositive();
            for (JsonNode panel : dashboard.path("panels")) {
                String where = file.getFileName() + " / " + panel.path("title").asString();
                assertThat(ids.add(panel.path("id").asInt())).as("unique id: " + where).isTrue();
                assertThat(panel.path("datasource").path("uid").asString()).as(where).isEqualTo(datasourceUid);
                assertThat(panel.path("targets").size()).as(where).isPositive();
                panel.path("targets").forEach(target -> assertThat(target.path("expr").asString()).as(where).isNotBlank());
            }
        }
    }

    /** Kubernetes gets the dashboards from the same files; a new file must not be forgotten there. */
    @Test
    void kubernetesShipsEveryDashboard() {
        String kustomization = Repo.read(Repo.file("observability/grafana/kustomization.yaml"));
        assertThat(dashboards()).allSatisfy(file -> assertThat(kustomization).contains("dashboards/" + file.getFileName()));
    }
}
