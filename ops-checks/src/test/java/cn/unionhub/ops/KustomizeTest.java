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
        assertThat(listener.path("networkPolicyPeers").toString()).contains("\"unionhub.cn/tier\":\"domain\"")
                .contains("\"app.kubernetes.io/name\":\"identity-server\"");
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

    /**
     * Issue #13: Kafka and MongoDB authenticate each domain service as itself. The environment a pod
     * gets (its ConfigMaps, and placeholders for its Secrets shaped as the operators write them) is
     * bound the way Spring Boot binds it, so a misspelt variable fails here and not in the cluster.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void eachDomainServiceSignsInToKafkaAndMongoDbAsItself(String overlay) throws IOException {
        List<JsonNode> objects = render(overlay);
        JsonNode kafka = objects.stream().filter(o -> o.path("kind").asString().equals("Kafka")).findFirst().orElseThrow();
        assertThat(kafka.path("spec").path("kafka").path("authorization").path("type").asString()).isEqualTo("simple");
        JsonNode listeners = kafka.path("spec").path("kafka").path("listeners");
        assertThat(listeners.size()).as("only the authenticated listener").isEqualTo(1);
        assertThat(listeners.get(0).path("tls").asBoolean()).isTrue();
        assertThat(listeners.get(0).path("authentication").path("type").asString()).isEqualTo("scram-sha-512");

        Map<String, JsonNode> users = byName(objects, "KafkaUser");
        List<JsonNode> domain = objects.stream().filter(o -> o.path("kind").asString().equals("Deployment"))
                .filter(d -> d.path("spec").path("template").path("spec").path("containers").get(0).path("envFrom").toString()
                        .contains("unionhub-backbone"))
                .toList();
        assertThat(domain).hasSize(6);
        for (JsonNode deployment : domain) {
            String service = deployment.path("metadata").path("name").asString();
            org.springframework.core.env.StandardEnvironment env = environmentOf(deployment, byName(objects, "ConfigMap"));
            env.getPropertySources().addLast(new org.springframework.core.env.MapPropertySource("application.yml",
                    Map.of("spring.application.name", service)));

            var kafkaProperties = org.springframework.boot.context.properties.bind.Binder.get(env)
                    .bind("spring.kafka", org.springframework.boot.kafka.autoconfigure.KafkaProperties.class).get();
            for (Map<String, Object> client : List.of(kafkaProperties.buildProducerProperties(),
                    kafkaProperties.buildConsumerProperties(), kafkaProperties.buildAdminProperties())) {
                assertThat(client).as(service)
                        .containsEntry("bootstrap.servers", List.of("unionhub-kafka-bootstrap:" + listeners.get(0).path("port").asInt()))
                        .containsEntry("security.protocol", "SASL_SSL")
                        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                        .containsEntry("ssl.truststore.type", "PEM")
                        .containsEntry("ssl.truststore.location", "/etc/unionhub/kafka-ca/ca.crt");
                assertThat(client.get("sasl.jaas.config").toString()).as(service).contains("username=\"" + service + "\"");
            }
            assertThat(deployment.path("spec").path("template").path("spec").toString())
                    .contains("\"mountPath\":\"/etc/unionhub/kafka-ca\"").contains("\"secretName\":\"unionhub-cluster-ca-cert\"");

            var mongo = new com.mongodb.ConnectionString(env.getRequiredProperty("spring.mongodb.uri"));
            assertThat(mongo.getUsername()).isEqualTo(service);
            assertThat(new String(mongo.getPassword())).isEqualTo("mongodb-password-of-" + service.replace("-", ""));
            assertThat(mongo.getCredential().getSource()).isEqualTo("admin");

            JsonNode user = users.get(service);
            assertThat(user).as("KafkaUser " + service).isNotNull();
            assertThat(user.path("spec").path("authentication").path("type").asString()).isEqualTo("scram-sha-512");
            assertThat(allowed(user)).as("ACLs of " + service).isEqualTo(neededAcls(service));
        }
        List<String> domainNames = domain.stream().map(d -> d.path("metadata").path("name").asString()).toList();
        List<String> kafkaClients = new ArrayList<>(domainNames);
        kafkaClients.add("identity-server");
        assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(kafkaClients);

        // The identity server reads merchant tills' secrets as itself, from that one topic, and writes nothing.
        JsonNode identity = objects.stream().filter(o -> o.path("kind").asString().equals("Deployment")
                && o.path("metadata").path("name").asString().equals("identity-server")).findFirst().orElseThrow();
        var identityKafka = org.springframework.boot.context.properties.bind.Binder.get(environmentOf(identity, byName(objects, "ConfigMap")))
                .bind("spring.kafka", org.springframework.boot.kafka.autoconfigure.KafkaProperties.class).get().buildConsumerProperties();
        assertThat(identityKafka).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("bootstrap.servers", List.of("unionhub-kafka-bootstrap:" + listeners.get(0).path("port").asInt()))
                .containsEntry("ssl.truststore.location", "/etc/unionhub/kafka-ca/ca.crt");
        assertThat(identityKafka.get("sasl.jaas.config").toString()).contains("username=\"identity-server\"");
        assertThat(identity.path("spec").path("template").path("spec").toString()).contains("\"mountPath\":\"/etc/unionhub/kafka-ca\"");
        assertThat(allowed(users.get("identity-server"))).containsExactlyInAnyOrder("Read topic:" + Topics.TILL_CLIENTS,
                "Describe topic:" + Topics.TILL_CLIENTS);

        JsonNode mongod = objects.stream().filter(o -> o.path("kind").asString().equals("StatefulSet")
                && o.path("metadata").path("name").asString().equals("mongodb")).findFirst().orElseThrow();
        JsonNode container = mongod.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(container.path("args").toString()).contains("\"--keyFile\"");
        assertThat(container.path("env").toString()).contains("MONGO_INITDB_ROOT_USERNAME").contains("unionhub-mongodb-admin");
        JsonNode job = objects.stream().filter(o -> o.path("kind").asString().equals("Job")).findFirst().orElseThrow();
        String usersMade = "";
        for (JsonNode e : job.path("spec").path("template").path("spec").path("containers").get(0).path("env")) {
            if (e.path("name").asString().equals("MONGODB_SERVICE_USERS")) {
                usersMade = e.path("value").asString();
            }
        }
        assertThat(Set.of(usersMade.split(","))).containsExactlyInAnyOrderElementsOf(domainNames);
    }

    private static Map<String, JsonNode> byName(List<JsonNode> objects, String kind) {
        Map<String, JsonNode> named = new java.util.HashMap<>();
        objects.stream().filter(o -> o.path("kind").asString().equals(kind))
                .forEach(o -> named.put(o.path("metadata").path("name").asString(), o));
        return named;
    }

    /** The container's environment as the kubelet would set it, with Secrets shaped as their operators write them. */
    private static org.springframework.core.env.StandardEnvironment environmentOf(JsonNode deployment, Map<String, JsonNode> configMaps) {
        String service = deployment.path("metadata").path("name").asString();
        Map<String, Object> variables = new java.util.LinkedHashMap<>();
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        for (JsonNode from : container.path("envFrom")) {
            JsonNode map = configMaps.get(from.path("configMapRef").path("name").asString());
            assertThat(map).as(service + " reads a ConfigMap that exists: " + from).isNotNull();
            map.path("data").properties().forEach(e -> variables.put(e.getKey(), e.getValue().asString()));
        }
        for (JsonNode e : container.path("env")) {
            JsonNode secret = e.path("valueFrom").path("secretKeyRef");
            String value = e.path("value").asString("");
            if (!secret.isMissingNode()) {
                String name = secret.path("name").asString();
                String key = secret.path("key").asString();
                value = key.equals("sasl.jaas.config")
                        ? "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name + "\" password=\"x\";"
                        : name.equals("unionhub-mongodb-users") ? "mongodb-password-of-" + key.replace("-", "") : name + "/" + key;
            }
            variables.put(e.path("name").asString(), value);
        }
        org.springframework.core.env.StandardEnvironment env = new org.springframework.core.env.StandardEnvironment();
        env.getPropertySources().remove(org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().remove(org.springframework.core.env.StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addFirst(new org.springframework.core.env.SystemEnvironmentPropertySource(
                org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        org.springframework.boot.context.properties.source.ConfigurationPropertySources.attach(env);
        return env;
    }

    /** A KafkaUser's ACLs as "Operation resource-type:name" lines. */
    private static Set<String> allowed(JsonNode user) {
        Set<String> acls = new TreeSet<>();
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            String name = resource.path("type").asString() + ":" + resource.path("name").asString()
                    + (resource.path("patternType").asString("literal").equals("prefix") ? "*" : "");
            acl.path("operations").forEach(op -> acls.add(op.asString() + " " + name));
        }
        return acls;
    }

    private static final java.util.regex.Pattern LISTENER =
            java.util.regex.Pattern.compile("@KafkaListener\\(topics = (?:\\{([^}]*)}|(Topics\\.\\w+))");
    /** Starter listeners by the property that switches them on in a service. */
    private static final Map<String, String> STARTER_LISTENERS = Map.of(
            "unionhub.calendar.copy-published", "platform-starter/src/main/java/cn/unionhub/platform/calendar/CalendarCopy.java");
    private static final java.util.regex.Pattern GROUP_LITERAL = java.util.regex.Pattern.compile("GROUP = \"([^\"]+)\"");

    /**
     * What a service needs, read from its code: write (and describe) the topics its application.yml
     * publishes, describe their dead-letter topics, read what its listeners consume and write those
     * topics' dead letters, read its consumer groups (every group it names starts with its name).
     */
    private static Set<String> neededAcls(String service) throws IOException {
        Set<String> needed = new TreeSet<>();
        JsonNode config = Repo.yamlDocuments(Repo.read(Repo.file(service + "/src/main/resources/application.yml"))).get(0);
        Set<String> published = new TreeSet<>();
        config.path("unionhub").path("events").path("topics").forEach(t -> published.add(t.asString()));
        Set<String> consumed = new TreeSet<>();
        List<Path> sourceFiles = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Repo.file(service + "/src/main/java"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(sourceFiles::add);
        }
        // Listeners of the starter that a service switches on in its application.yml consume for it too.
        STARTER_LISTENERS.forEach((property, source) -> {
            JsonNode switched = config;
            for (String part : property.split("\\.")) {
                switched = switched.path(part);
            }
            if (switched.asBoolean(false)) {
                sourceFiles.add(Repo.file(source));
            }
        });
        for (Path source : sourceFiles) {
            String code = Repo.read(source);
            var listener = LISTENER.matcher(code);
            while (listener.find()) {
                String names = listener.group(1) != null ? listener.group(1) : listener.group(2);
                for (String constant : names.split(",")) {
                    consumed.add(topicConstant(constant.trim()));
                }
            }
            var group = GROUP_LITERAL.matcher(code);
            while (group.find()) {
                assertThat(group.group(1)).as("consumer group in " + source).startsWith(service);
            }
        }
        for (String topic : published) {
            needed.add("Write topic:" + topic);
            needed.add("Describe topic:" + topic);
            needed.add("Describe topic:" + Topics.deadLetterOf(topic));
        }
        for (String topic : consumed) {
            needed.add("Read topic:" + topic);
            needed.add("Describe topic:" + topic);
            needed.add("Write topic:" + Topics.deadLetterOf(topic));
            needed.add("Describe topic:" + Topics.deadLetterOf(topic));
        }
        needed.add("Read group:" + service + "*");
        return needed;
    }

    private static String topicConstant(String reference) {
        assertThat(reference).startsWith("Topics.");
        try {
            return (String) Topics.class.getField(reference.substring("Topics.".length())).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("unknown topic constant " + reference, e);
        }
    }
}
