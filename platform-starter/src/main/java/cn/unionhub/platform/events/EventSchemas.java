package cn.unionhub.platform.events;

import cn.unionhub.events.EventCatalog;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/** JSON Schemas of the event types (draft 2020-12), loaded from the classpath once per type. */
public class EventSchemas {

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /** Human-readable violations, empty when the data is valid. */
    public List<String> violations(String type, JsonNode data) {
        return schemaOf(type).validate(data).stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }

    private Schema schemaOf(String type) {
        return schemas.computeIfAbsent(type, t -> {
            try (InputStream in = EventSchemas.class.getResourceAsStream(EventCatalog.schemaPath(t))) {
                if (in == null) {
                    throw new IllegalStateException("No JSON Schema for event type " + t + " at " + EventCatalog.schemaPath(t));
                }
                return registry.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
