package cn.unionhub.ops;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schemas for every object a kustomize overlay renders, by {@code apiVersion/kind}: the
 * Kubernetes API types from the fabric8 model jars' {@code schema/validation-schema.json}, the
 * Strimzi and Prometheus Operator custom resources from their vendored CRDs.
 *
 * <p>Both sources allow unknown fields (fabric8 for lenient parsing, CRDs because the API server
 * prunes them). A misspelt field is exactly what these checks must catch, so every object schema
 * that lists its properties is closed here ({@code additionalProperties: false}), as
 * {@code kubectl --validate=strict} would do against a real API server.
 */
final class Schemas {

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    /** apiVersion/kind → a schema document whose root refers to the type's definition. */
    private final Map<String, ObjectNode> documents = new HashMap<>();
    private final Map<String, Schema> compiled = new HashMap<>();

    Schemas() {
        try {
            for (URL url : Collections.list(Schemas.class.getClassLoader().getResources("schema/validation-schema.json"))) {
                try (InputStream in = url.openStream()) {
                    addFabric8Module((ObjectNode) Repo.JSON.readTree(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Added after the fabric8 types and replacing them: the CRDs the operators install are the schemas that count.
        for (String crd : List.of("strimzi/040-Crd-kafka.yaml", "strimzi/043-Crd-kafkatopic.yaml", "strimzi/044-Crd-kafkauser.yaml",
                "strimzi/045-Crd-kafkanodepool.yaml",
                "prometheus-operator/monitoring.coreos.com_servicemonitors.yaml",
                "prometheus-operator/monitoring.coreos.com_prometheusrules.yaml")) {
            try (InputStream in = Schemas.class.getResourceAsStream("/schemas/" + crd)) {
                addCrd(Repo.yamlDocuments(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).get(0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    boolean knows(String apiVersionKind) {
        return documents.containsKey(apiVersionKind);
    }

    /** Violations of one rendered object, empty when it is valid. */
    List<String> violations(JsonNode object) {
        String key = object.path("apiVersion").asString() + "/" + object.path("kind").asString();
        ObjectNode document = documents.get(key);
        if (document == null) {
            return List.of("no schema for " + key);
        }
        Schema schema = compiled.computeIfAbsent(key, k -> registry.getSchema(
                new ByteArrayInputStream(Repo.JSON.writeValueAsBytes(document))));
        return schema.validate(object).stream().map(error -> error.getInstanceLocation() + ": " + error.getMessage()).toList();
    }

    private void addFabric8Module(ObjectNode module) {
        ObjectNode definitions = (ObjectNode) module.get("definitions");
        List<String> scalars = definitions.properties().stream()
                .filter(entry -> entry.getKey().endsWith("_Quantity") || entry.getKey().endsWith("_IntOrString"))
                .map(Map.Entry::getKey).toList();
        for (String name : scalars) {
            // Quantities ("250m", "1Gi") and int-or-strings (ports by name) are scalars in YAML.
            ObjectNode scalar = definitions.putObject(name);
            scalar.putArray("type").add("string").add("integer").add("number");
        }
        close(definitions);
        for (Map.Entry<String, JsonNode> entry : definitions.properties()) {
            JsonNode properties = entry.getValue().path("properties");
            String apiVersion = properties.path("apiVersion").path("default").asString("");
            String kind = properties.path("kind").path("default").asString("");
            if (!apiVersion.isEmpty() && !kind.isEmpty()) {
                ObjectNode document = Repo.JSON.createObjectNode();
                document.set("definitions", definitions);
                document.putArray("allOf").addObject().put("$ref", "#/definitions/" + entry.getKey());
                documents.putIfAbsent(apiVersion + "/" + kind, document);
            }
        }
    }

    private void addCrd(JsonNode crd) {
        String group = crd.path("spec").path("group").asString();
        String kind = crd.path("spec").path("names").path("kind").asString();
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("served").asBoolean()) {
                ObjectNode schema = (ObjectNode) version.path("schema").path("openAPIV3Schema").deepCopy();
                close(schema);
                // metadata is the API server's ObjectMeta, which the CRD leaves open.
                ((ObjectNode) schema.get("properties")).putObject("metadata").put("type", "object");
                documents.put(group + "/" + version.path("name").asString() + "/" + kind, schema);
            }
        }
    }

    /** Closes every object schema that lists properties, and drops fabric8's draft-3 style {@code required: true}. */
    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("required").isBoolean()) {
                object.remove("required");
            }
            boolean open = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if (object.path("properties").isObject() && !open
                    && (!object.has("additionalProperties") || object.path("additionalProperties").isBoolean())) {
                object.put("additionalProperties", false);
            }
            object.properties().forEach(entry -> close(entry.getValue()));
        } else if (node instanceof ArrayNode array) {
            array.forEach(Schemas::close);
        }
    }
}
