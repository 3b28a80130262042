package cn.unionhub.platform.store;

import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * {@code Idempotency-Key} for a request that creates something with a new id (a contest plan, an objection): the key,
 * scoped to the caller, is claimed with the id the request will create <em>before</em> it is created, so a retry — after a
 * timeout, a double tap, a stop in between — finds the id and answers what was created (or creates it under that id),
 * never a second one. The same key with a different request is 409 {@code request-key-reused}. One small document per
 * key ({@code <scope>|<key>}), read and written by key.
 */
public final class RequestKeys {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private final MongoTemplate mongo;
    private final String collection;

    public RequestKeys(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** The id a request is to create under a key: {@code first} when this request claimed it (create it now). */
    public record Claim(String id, boolean first) {
    }

    /**
     * Claims {@code key} for the caller's request, or finds the id claimed under it.
     *
     * @param fingerprint what the request asks (a hash of its fields): another request under the same key is refused
     * @param newId       the id to create, taken only when the key is new
     * @return empty without a key (the request is made as it is)
     */
    public Optional<Claim> claim(String scope, String key, String fingerprint, Supplier<String> newId) {
        if (key == null) {
            return Optional.empty();
        }
        if (!KEY.matcher(key).matches()) {
            throw new RuleViolationException("invalid-request-key", List.of(new FieldViolation("Idempotency-Key", "request-key-format")));
        }
        String id = scope + "|" + key;
        Document found = mongo.findById(id, Document.class, collection);
        if (found == null) {
            String created = newId.get();
            try {
                mongo.insert(new Document("_id", id).append("created", created).append("fingerprint", fingerprint), collection);
                return Optional.of(new Claim(created, true));
            } catch (DuplicateKeyException raced) {
                found = mongo.findById(id, Document.class, collection);
            }
        }
        if (!fingerprint.equals(found.getString("fingerprint"))) {
            throw new ConflictException("request-key-reused", key);
        }
        return Optional.of(new Claim(found.getString("created"), false));
    }

    /**
     * For a request that adds to something rather than creating it (an answer on a case's record, a worker's reply):
     * runs {@code step} once per key; under a key claimed before, answers {@code again} instead (the state the first
     * request left), and another request under it is 409. A step that is refused gives the key back, so a retry runs.
     * Without a key the step runs every time.
     */
    public <T> T once(String scope, String key, String fingerprint, Supplier<T> step, Supplier<T> again) {
        Optional<Claim> claim = claim(scope, key, fingerprint, () -> "done");
        if (claim.isPresent() && !claim.get().first()) {
            return again.get();
        }
        try {
            return step.get();
        } catch (RuntimeException refused) {
            forget(scope, key);
            throw refused;
        }
    }

    /**
     * Gives a key back when the request it was claimed for came to nothing (refused before it changed anything): a retry
     * under it is then carried out, not answered as done.
     */
    public void forget(String scope, String key) {
        if (key != null) {
            mongo.remove(new org.springframework.data.mongodb.core.query.Query(
                    org.springframework.data.mongodb.core.query.Criteria.where("_id").is(scope + "|" + key)), collection);
        }
    }
}
