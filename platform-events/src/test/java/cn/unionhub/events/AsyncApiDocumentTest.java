package cn.unionhub.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The AsyncAPI document is the published promise to other systems: it must match the code. */
class AsyncApiDocumentTest {

    private final JsonNode document = load();

    @Test
    void everyTopicAndItsDeadLetterTopicIsAChannel() {
        Set<String> addresses = new HashSet<>();
        document.path("channels").forEach(channel -> addresses.add(channel.path("address").asString()));

        Set<String> expected = new HashSet<>(Topics.ALL);
        Topics.ALL.forEach(topic -> expected.add(Topics.deadLetterOf(topic)));

        assertThat(addresses).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void documentListsExactlyThePublishedEventTypes() {
        assertThat(AsyncApiCheck.documentedTypes(document))
                .containsExactlyInAnyOrderElementsOf(AsyncApiCheck.catalogTypes());
    }

    @Test
    void catalogListsEveryEventContractInTheCode() {
        Set<String> annotated = new com.tngtech.archunit.core.importer.ClassFileImporter()
                .importPackages("cn.unionhub").stream()
                .filter(c -> c.isAnnotatedWith(EventContract.class))
                .map(c -> c.getAnnotationOfType(EventContract.class).type())
                .collect(Collectors.toSet());
        assertThat(AsyncApiCheck.catalogTypes()).containsExactlyInAnyOrderElementsOf(annotated);
    }

    @Test
    void everyPublishedTypeHasASchemaAndIsOnItsTopicsChannel() {
        assertThat(AsyncApiCheck.problems(document)).isEmpty();
    }

    @Test
    void checkRejectsATypeThatTheDocumentDoesNotList() {
        assertThat(AsyncApiCheck.undocumented(document, Set.of("cn.unionhub.feedback.invented.v1")))
                .containsExactly("cn.unionhub.feedback.invented.v1");
    }

    private static JsonNode load() {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi.yaml")) {
            ObjectMapper yaml = new YAMLMapper();
            return yaml.readTree(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Comparison of the document with the catalog, kept apart so the tests read as statements. */
    static final class AsyncApiCheck {

        static Set<String> catalogTypes() {
            return EventCatalog.events().stream()
                    .map(c -> EventCatalog.contractOf(c).type())
                    .collect(Collectors.toSet());
        }

        static Set<String> documentedTypes(JsonNode document) {
            Set<String> types = new HashSet<>();
            document.path("components").path("messages")
                    .forEach(message -> types.add(message.path("name").asString()));
            return types;
        }

        static Set<String> undocumented(JsonNode document, Set<String> published) {
            Set<String> missing = new HashSet<>(published);
            missing.removeAll(documentedTypes(document));
            return missing;
        }

        static Set<String> problems(JsonNode document) {
            Set<String> problems = new HashSet<>();
            for (Class<? extends DomainEvent> event : EventCatalog.events()) {
                EventContract contract = EventCatalog.contractOf(event);
                if (EventCatalog.class.getResource(EventCatalog.schemaPath(contract.type())) == null) {
                    problems.add(contract.type() + ": no JSON Schema at " + EventCatalog.schemaPath(contract.type()));
                }
                boolean onChannel = false;
                for (JsonNode channel : document.path("channels")) {
                    if (channel.path("address").asString().equals(contract.topic())
                            && channel.path("messages").toString().contains(contract.type())) {
                        onChannel = true;
                    }
                }
                if (!onChannel) {
                    problems.add(contract.type() + ": not listed on channel " + contract.topic());
                }
            }
            return problems;
        }
    }
}
