package cn.unionhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** docker-compose.yml, checked without a Docker engine: the Compose specification's schema and our rules. */
class ComposeTest {

    private static final JsonNode COMPOSE = Repo.yamlDocuments(Repo.read(Repo.file("docker-compose.yml"))).get(0);

    @Test
    void matchesTheComposeSpecification() throws Exception {
        tools.jackson.databind.node.ObjectNode spec;
        try (InputStream in = ComposeTest.class.getResourceAsStream("/schemas/compose-spec.json")) {
            spec = (tools.jackson.databind.node.ObjectNode) Repo.JSON.readTree(in);
        }
        spec.remove("$id"); // a bare file name, which the validator refuses as a base URI; nothing refers to it
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(new java.io.ByteArrayInputStream(Repo.JSON.writeValueAsBytes(spec)));
        assertThat(schema.validate(COMPOSE)).extracting(e -> e.getInstanceLocation() + ": " + e.getMessage()).isEmpty();

        // …and the check can fail.
        JsonNode broken = COMPOSE.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) broken.path("services").path("gateway")).put("restart_policy", "always");
        assertThat(schema.validate(broken)).isNotEmpty();
    }

    @Test
    void everyContainerIsHealthCheckedLimitedAndStartsAfterHealthyDependencies() {
        assertThat(COMPOSE.path("services").properties()).hasSizeGreaterThanOrEqualTo(13);
        for (Map.Entry<String, JsonNode> service : COMPOSE.path("services").properties()) {
            JsonNode definition = service.getValue();
            assertThat(definition.path("healthcheck").path("test").isMissingNode()).as(service.getKey()).isFalse();
            assertThat(definition.path("deploy").path("resources").path("limits").path("memory").asString()).as(service.getKey()).isNotBlank();
            definition.path("depends_on").properties().forEach(dependency -> assertThat(dependency.getValue().path("condition").asString())
                    .as(service.getKey() + " → " + dependency.getKey()).isEqualTo("service_healthy"));
        }
        for (String stateful : Set.of("mongodb", "kafka", "prometheus", "grafana", "identity-server")) {
            assertThat(COMPOSE.path("services").path(stateful).path("volumes").size()).as(stateful + " keeps its data").isPositive();
        }
        assertThat(COMPOSE.path("services").path("mongodb").path("command").toString()).contains("--replSet");
        assertThat(COMPOSE.path("services").path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asString()).contains("controller");
    }

    /** Secrets come from .env; every variable the file needs is explained in .env.example. */
    @Test
    void noSecretIsInTheFileAndEveryVariableIsInEnvExample() {
        String compose = Repo.read(Repo.file("docker-compose.yml"));
        String example = Repo.read(Repo.file(".env.example"));
        Set<String> variables = new TreeSet<>();
        Matcher reference = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(compose);
        while (reference.find()) {
            variables.add(reference.group(1));
        }
        assertThat(variables).allSatisfy(variable -> assertThat(example).contains(variable + "="));
        for (Map.Entry<String, JsonNode> service : COMPOSE.path("services").properties()) {
            service.getValue().path("environment").properties().forEach(variable -> {
                if (variable.getKey().matches(".*(SECRET|PASSWORD|KEY)$")) {
                    assertThat(variable.getValue().asString()).as(service.getKey() + " " + variable.getKey()).startsWith("${");
                }
            });
        }
    }
}
