package cn.unionhub.contest.common.store;

import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Domain records kept as embedded documents: written and read through JSON, so a record's shape is
 * its stored shape and no mapping class repeats it field by field. Only keys are queried (an id, a
 * unique key); the body is never searched, so its field names may change with the records.
 */
@Component
public class Bodies {

    private final JsonMapper json;

    @Autowired
    Bodies(JsonMapper json) {
        // Derived accessors (isApproved(), isPublished() …) are written too; they are not read back.
        this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    private Bodies(JsonMapper json, Class<?> target, Class<?> mixIn) {
        this.json = json.rebuild().addMixIn(target, mixIn).build();
    }

    /**
     * These bodies, reading and writing {@code target} with the annotations of {@code mixIn}: how a
     * store tells the types of a sealed domain hierarchy apart without annotating the domain.
     */
    public Bodies withMixIn(Class<?> target, Class<?> mixIn) {
        return new Bodies(json, target, mixIn);
    }

    public Document write(Object value) {
        return Document.parse(json.writeValueAsString(value));
    }

    public <T> T read(Document body, Class<T> type) {
        return json.readValue(body.toJson(), type);
    }
}
