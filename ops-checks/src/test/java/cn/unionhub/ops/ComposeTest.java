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

    /**
     * Issue #13: the identity server's volume was created root-owned while the process runs as uid
     * 10001 on a read-only filesystem, so it could not write its signing key and everything waited on
     * it. Docker fills a new named volume from the image's folder, owner included: every folder a
     * UnionHub container has mounted must exist in the image, owned by the runtime user; every file a
     * setting names under it must be on a volume (the root filesystem is read-only); and /tmp is a tmpfs.
     */
    @Test
    void everyPathAUnionHubContainerWritesExistsInTheImageOwnedByItsUser() {
        String dockerfile = Repo.read(Repo.file("deploy/Dockerfile"));
        assertThat(dockerfile).contains("USER 10001:10001");
        Set<String> created = wordsAfter(dockerfile, "mkdir -p ");
        Set<String> owned = wordsAfter(dockerfile, "chown -R 10001:10001 ");
        int checked = 0;
        for (Map.Entry<String, JsonNode> service : unionHubServices().entrySet()) {
            JsonNode definition = service.getValue();
            assertThat(definition.path("read_only").asBoolean()).as(service.getKey() + " read-only").isTrue();
            assertThat(definition.path("tmpfs").toString()).as(service.getKey() + " /tmp").contains("\"/tmp\"");
            Set<String> mounted = new TreeSet<>();
            for (JsonNode volume : definition.path("volumes")) {
                String target = volume.isString() ? volume.asString().split(":")[1] : volume.path("target").asString();
                mounted.add(target);
                assertThat(created.stream().anyMatch(path -> path.equals(target) || path.startsWith(target + "/")))
                        .as(service.getKey() + ": " + target + " is created in deploy/Dockerfile").isTrue();
                assertThat(owned.stream().anyMatch(path -> target.equals(path) || target.startsWith(path + "/")))
                        .as(service.getKey() + ": " + target + " belongs to uid 10001 in deploy/Dockerfile").isTrue();
                checked++;
            }
            definition.path("environment").properties().forEach(setting -> {
                String value = setting.getValue().asString();
                if (value.startsWith("/") && !value.startsWith("/tmp")) {
                    assertThat(mounted).as(service.getKey() + " " + setting.getKey() + "=" + value + " is on a volume")
                            .anyMatch(target -> value.startsWith(target + "/"));
                }
            });
        }
        assertThat(checked).as("volumes checked").isPositive();
    }

    /**
     * A setting a service cannot start without (a {@code ${NAME}} without default in its
     * application.yml, or one of the settings named here) is given by the compose file.
     */
    @Test
    void everySettingAServiceCannotStartWithoutIsGiven() {
        Map<String, Set<String>> requiredInCode = Map.of(
                // PseudonymKey: no default key, by design.
                "domain service", Set.of("UNIONHUB_SECURITY_PSEUDONYM_KEY", "SPRING_MONGODB_URI", "SPRING_KAFKA_BOOTSTRAP_SERVERS"),
                "every process", Set.of("UNIONHUB_EUREKA_PASSWORD", "EUREKA_CLIENT_SERVICEURL_DEFAULTZONE", "UNIONHUB_SECURITY_JWT_ISSUER"),
                "identity-server", Set.of("UNIONHUB_IDENTITY_KEY_FILE", "UNIONHUB_IDENTITY_ADMINISTRATOR_USERNAME",
                        "UNIONHUB_IDENTITY_ADMINISTRATOR_PASSWORD", "SPRING_SECURITY_OAUTH2_AUTHORIZATIONSERVER_ISSUER"));
        Pattern placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
        for (Map.Entry<String, JsonNode> service : unionHubServices().entrySet()) {
            Set<String> given = new TreeSet<>();
            service.getValue().path("environment").properties().forEach(setting -> given.add(setting.getKey()));
            Set<String> required = new TreeSet<>(requiredInCode.get("every process"));
            if (service.getKey().endsWith("-service")) {
                required.addAll(requiredInCode.get("domain service"));
            }
            required.addAll(requiredInCode.getOrDefault(service.getKey(), Set.of()));
            java.nio.file.Path resources = Repo.file(service.getKey() + "/src/main/resources");
            for (String file : new String[] {"application.yml", "application-docker.yml"}) {
                if (java.nio.file.Files.exists(resources.resolve(file))) {
                    Matcher matcher = placeholder.matcher(Repo.read(resources.resolve(file)));
                    while (matcher.find()) {
                        required.add(matcher.group(1));
                    }
                }
            }
            assertThat(given).as(service.getKey() + " settings").containsAll(required);
        }
    }

    /** Every file or folder the compose file mounts from the repository exists. */
    @Test
    void everyMountedRepositoryPathExists() {
        for (Map.Entry<String, JsonNode> service : COMPOSE.path("services").properties()) {
            for (JsonNode volume : service.getValue().path("volumes")) {
                String source = volume.isString() ? volume.asString().split(":")[0] : volume.path("source").asString();
                if (source.startsWith("./")) {
                    assertThat(Repo.file(source.substring(2))).as(service.getKey() + " mounts " + source).exists();
                }
            }
        }
    }

    /** The containers built from deploy/Dockerfile, by name. */
    private static Map<String, JsonNode> unionHubServices() {
        Map<String, JsonNode> services = new java.util.TreeMap<>();
        COMPOSE.path("services").properties().forEach(service -> {
            if ("deploy/Dockerfile".equals(service.getValue().path("build").path("dockerfile").asString())) {
                services.put(service.getKey(), service.getValue());
            }
        });
        assertThat(services).hasSizeGreaterThanOrEqualTo(9);
        return services;
    }

    /** The space-separated paths following {@code command} on any line of a shell snippet. */
    private static Set<String> wordsAfter(String script, String command) {
        Set<String> paths = new TreeSet<>();
        Matcher matcher = Pattern.compile(Pattern.quote(command) + "((?:/[^\\s&;]+\\s*)+)").matcher(script);
        while (matcher.find()) {
            paths.addAll(java.util.Arrays.asList(matcher.group(1).trim().split("\\s+")));
        }
        return paths;
    }
}
