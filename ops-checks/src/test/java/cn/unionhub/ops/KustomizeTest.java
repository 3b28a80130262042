package cn.unionhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.events.Topics;
import cn.unionhub.test.ExternalTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every overlay under k8s/overlays renders, and what it renders is valid and deployable as intended. */
class KustomizeTest {

    private static Schemas schemas;

    @BeforeAll
    static void loadSchemas() {
        ExternalTools.ensure(Repo.ROOT, "kubectl:kubectl");
        schemas = new Schemas();
    }

    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(Repo.file("k8s/overlays"))) {
            List<String> names = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
            assertThat(names).contains("dev", "prod");
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> render(String overlay) {
        Repo.Result result = Repo.run("kubectl", "kustomize", "k8s/overlays/" + overlay);
        assertThat(result.exitCode()).as(result.output()).isZero();
        List<JsonNode> objects = Repo.yamlDocuments(result.output());
        assertThat(objects).isNotEmpty();
        return objects;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyRenderedObjectMatchesItsKubernetesOrCrdSchema(String overlay) {
        List<String> problems = new ArrayList<>();
        for (JsonNode object : render(overlay)) {
            String name = object.path("kind").asString() + " " + object.path("metadata").path("name").asString();
            schemas.violations(object).forEach(violation -> problems.add(name + " " + violation));
        }
        assertThat(problems).as(overlay).isEmpty();
    }

    /** The schema check must be able to fail: a misspelt field is refused. */
    @ParameterizedTest
    @MethodSource("overlays")
    void aMisspeltFieldIsRefused(String overlay) {
        JsonNode deployment = render(overlay).stream().filter(o -> o.path("kind").asString().equals("Deployment")).findFirst().orElseThrow();
        JsonNode broken = deployment.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) broken.path("spec").path("template").path("spec")).put("serviceAcountName", "x");
        assertThat(schemas.violations(broken)).isNotEmpty();
    }

    /** The Prometheus Operator's objects are checked against its CRDs as closely: a misspelt field is refused. */
    @ParameterizedTest
    @MethodSource("overlays")
    void aMisspeltMonitoringFieldIsRefused(String overlay) {
        List<JsonNode> objects = render(overlay);
        JsonNode monitor = objects.stream().filter(o -> o.path("kind").asString().equals("ServiceMonitor")).findFirst().orElseThrow();
        JsonNode brokenMonitor = monitor.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) brokenMonitor.path("spec").path("endpoints").path(0)).put("scrapeIntervall", "15s");
        assertThat(schemas.violations(monitor)).isEmpty();
        assertThat(schemas.violations(brokenMonitor)).isNotEmpty();

        JsonNode rule = objects.stream().filter(o -> o.path("kind").asString().equals("PrometheusRule")).findFirst().orElseThrow();
        JsonNode brokenRule = rule.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) brokenRule.path("spec").path("groups").path(0).path("rules").path(0)).put("expression", "up");
        assertThat(schemas.violations(rule)).isEmpty();
        assertThat(schemas.violations(brokenRule)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyProcessRunsLockedDownWithProbesAndLimits(String overlay) {
        for (JsonNode object : render(overlay)) {
            if (!Set.of("Deployment", "StatefulSet").contains(object.path("kind").asString())) {
                continue;
            }
            JsonNode pod = object.path("spec").path("template").path("spec");
            String name = object.path("metadata").path("name").asString();
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(name).isTrue();
            for (JsonNode container : pod.path("containers")) {
                assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).as(name).isTrue();
                assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).as(name).isFalse();
                assertThat(container.path("resources").path("limits").path("memory").isMissingNode()).as(name).isFalse();
                assertThat(container.path("resources").path("requests").path("cpu").isMissingNode()).as(name).isFalse();
                assertThat(container.has("readinessProbe") && container.has("livenessProbe")).as(name).isTrue();
                if (object.path("kind").asString().equals("Deployment")) {
                    assertThat(container.path("readinessProbe").path("httpGet").path("path").asString()).as(name)
                            .isEqualTo("/actuator/health/readiness");
                    assertThat(container.path("livenessProbe").path("httpGet").path("path").asString()).as(name)
                            .isEqualTo("/actuator/health/liveness");
                }
            }
        }
    }

    /** Kustomize has no wildcards: an image entry that matches nothing leaves `:latest` from a namespace we do not own. */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyRenderedImageHasAnExplicitTag(String overlay) {
        for (JsonNode object : render(overlay)) {
            for (JsonNode container : object.path("spec").path("template").path("spec").path("containers")) {
                String image = container.path("image").asString();
                String tag = image.lastIndexOf(':') > image.lastIndexOf('/') ? image.substring(image.lastIndexOf(':') + 1) : "";
                assertThat(tag).as(overlay + " " + object.path("metadata").path("name").asString() + ": " + image)
                        .isNotEmpty().isNotEqualTo("latest");
            }
        }
    }

    /**
     * Replicas must be able to tell themselves apart in the registry, and what keeps state in memory
     * (the registry itself, the identity server's sign-in sessions) runs once.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void replicasAreDistinctInTheRegistryAndStatefulProcessesRunOnce(String overlay) {
        List<JsonNode> objects = render(overlay);
        JsonNode config = objects.stream().filter(o -> o.path("kind").asString().equals("ConfigMap")
                && o.path("metadata").path("name").asString().startsWith("unionhub-config")).findFirst().orElseThrow();
        assertThat(config.path("data").path("EUREKA_INSTANCE_INSTANCEID").asString()).contains("ip-address");
        for (JsonNode object : objects) {
            String name = object.path("metadata").path("name").asString();
            if (object.path("kind").asString().equals("Deployment") && Set.of("discovery-server", "identity-server").contains(name)) {
                assertThat(object.path("spec").path("replicas").asInt(1)).as(overlay + " " + name).isEqualTo(1);
            }
            if (object.path("kind").asString().equals("HorizontalPodAutoscaler")) {
                assertThat(object.path("spec").path("scaleTargetRef").path("name").asString()).as(overlay)
                        .isNotIn("discovery-server", "identity-server");
            }
        }
    }

    /** A topic the code declares but the cluster lacks would make a service fail at its first event. */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeclaredTopicAndItsDeadLetterTopicIsAKafkaTopic(String overlay) throws IllegalAccessException {
        Set<String> declared = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class && !field.getName().equals("DEAD_LETTER_SUFFIX")) {
                String topic = (String) field.get(null);
                declared.add(topic);
                declared.add(Topics.deadLetterOf(topic));
            }
        }
        Set<String> inCluster = new TreeSet<>();
        render(overlay).stream().filter(o -> o.path("kind").asString().equals("KafkaTopic"))
                .forEach(topic -> inCluster.add(topic.path("spec").path("topicName").asString()));
        assertThat(inCluster).as(overlay).containsAll(declared);
    }

    /** From outside the namespace, only the ingress controller reaches pods, and only the gateway and sign-in. */
    @ParameterizedTest
    @MethodSource("overlays")
    void onlyTheGatewayAndSignInAreExposed(String overlay) {
        List<JsonNode> objects = render(overlay);
        assertThat(objects).anySatisfy(o -> {
            assertThat(o.path("kind").asString()).isEqualTo("NetworkPolicy");
            assertThat(o.path("spec").path("podSelector").size()).isZero();
            assertThat(o.path("spec").has("ingress")).isFalse();
        });
        Set<String> backends = new TreeSet<>();
        objects.stream().filter(o -> o.path("kind").asString().equals("Ingress")).forEach(ingress -> ingress.path("spec").path("rules")
                .forEach(rule -> rule.path("http").path("paths").forEach(path -> backends.add(path.path("backend").path("service").path("name").asString()))));
        assertThat(backends).containsExactlyInAnyOrder("gateway", "identity-server");
        objects.stream().filter(o -> o.path("kind").asString().equals("Service"))
                .forEach(service -> assertThat(service.path("spec").path("type").asString("ClusterIP")).isEqualTo("ClusterIP"));
    }

    /**
     * Issue #13: each port admits only its callers. No policy admits the whole namespace; the domain
     * services take requests from the gateway alone; MongoDB and the Kafka listener admit the domain
     * services (and MongoDB its members and its init job), every one of which carries the label they select.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void eachPortAdmitsOnlyTheCallersThatNeedIt(String overlay) {
        List<JsonNode> objects = render(overlay);
        Map<String, JsonNode> policies = new java.util.HashMap<>();
        objects.stream().filter(o -> o.path("kind").asString().equals("NetworkPolicy"))
                .forEach(p -> policies.put(p.path("metadata").path("name").asString(), p));
        for (JsonNode policy : policies.values()) {
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                for (JsonNode from : rule.path("from")) {
                    assertThat(from.has("podSelector") && from.path("podSelector").isEmpty() && !from.has("namespaceSelector"))
                            .as(policy.path("metadata").path("name").asString() + " admits every pod of the namespace").isFalse();
                }
            }
        }
        assertThat(policies.get("allow-gateway-to-services").path("spec").path("ingress").get(0).path("from").toString())
                .isEqualTo("[{\"podSelector\":{\"matchLabels\":{\"app.kubernetes.io/name\":\"gateway\"}}}]");
        assertThat(policies.get("allow-mongodb-clients").path("spec").path("ingress").get(0).path("from").toString())
                .contains("\"unionhub.cn/tier\":\"domain\"").doesNotContain("\"podSelector\":{}");
        JsonNode listener = objects.stream().filter(o -> o.path("kind").asString().equals("Kafka")).findFirst().orElseThrow()
                .path("spec").path("kafka").path("listeners").get(0);
        assertThat(listener.path("networkPolicyPeers").toString()).contains("\"unionhub.cn/tier\":\"domain\"");
        // Every process that needs Kafka and MongoDB (it reads unionhub-backbone) carries the label they admit.
        objects.stream().filter(o -> o.path("kind").asString().equals("Deployment"))
                .filter(d -> d.path("spec").path("template").path("spec").path("containers").get(0).path("envFrom").toString()
                        .contains("unionhub-backbone"))
                .forEach(d -> assertThat(d.path("spec").path("template").path("metadata").path("labels").path("unionhub.cn/tier")
                        .asString()).as(d.path("metadata").path("name").asString()).isEqualTo("domain"));
        objects.stream().filter(o -> o.path("kind").asString().equals("Job"))
                .forEach(job -> assertThat(job.path("spec").path("template").path("metadata").path("labels")
                        .path("app.kubernetes.io/name").asString()).isEqualTo("mongodb-init"));
    }

    /** Issue #13: someone can sign in on a new installation — the first administrator, from a Secret. */
    @ParameterizedTest
    @MethodSource("overlays")
    void theIdentityServerHasAFirstAdministratorFromASecret(String overlay) {
        JsonNode identity = render(overlay).stream()
                .filter(o -> o.path("kind").asString().equals("Deployment")
                        && o.path("metadata").path("name").asString().equals("identity-server"))
                .findFirst().orElseThrow();
        Map<String, String> secretOf = new java.util.HashMap<>();
        identity.path("spec").path("template").path("spec").path("containers").get(0).path("env").forEach(env ->
                secretOf.put(env.path("name").asString(), env.path("valueFrom").path("secretKeyRef").path("name").asString()));
        assertThat(secretOf).containsEntry("UNIONHUB_IDENTITY_ADMINISTRATOR_USERNAME", "unionhub-identity-admin")
                .containsEntry("UNIONHUB_IDENTITY_ADMINISTRATOR_PASSWORD", "unionhub-identity-admin");
    }
}
