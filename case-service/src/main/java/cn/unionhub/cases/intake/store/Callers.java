package cn.unionhub.cases.intake.store;

import cn.unionhub.cases.intake.domain.IntakeForm;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * How to call a hotline caller back ({@code case_callers}, keyed by the case's id), kept apart from the case: its
 * hash-chained record and its events never carry a phone number. Each look is recorded ({@code caller_views}: who, when,
 * which case), so a union can answer who read a caller's number.
 */
@Repository
public class Callers {

    private static final String CALLERS = "case_callers";
    private static final String VIEWS = "caller_views";

    private final MongoTemplate mongo;

    Callers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Keeps the caller of the case, once: the caller on file when there is one (a retry of the filing), empty when this
     * one was kept now.
     */
    public Optional<IntakeForm.Caller> keep(String caseId, IntakeForm.Caller caller, String by, Instant at) {
        try {
            mongo.insert(new Document("_id", caseId).append("name", caller.name()).append("phone", caller.phone()).append("by", by)
                    .append("at", Date.from(at)), CALLERS);
            return Optional.empty();
        } catch (DuplicateKeyException onFile) {
            return find(caseId);
        }
    }

    /** The caller on file and the account that took them down. */
    public record OnFile(IntakeForm.Caller caller, String takenBy) {
    }

    public Optional<OnFile> onFile(String caseId) {
        Document d = mongo.findById(caseId, Document.class, CALLERS);
        return d == null ? Optional.empty() : Optional.of(new OnFile(new IntakeForm.Caller(d.getString("name"), d.getString("phone")),
                d.getString("by")));
    }

    public Optional<IntakeForm.Caller> find(String caseId) {
        Document d = mongo.findById(caseId, Document.class, CALLERS);
        return d == null ? Optional.empty() : Optional.of(new IntakeForm.Caller(d.getString("name"), d.getString("phone")));
    }

    /** Who looked and when, the newest first: one document per case ({@code caller_views}, keyed by the case's id). */
    public record View(String by, Instant at) {
    }

    /**
     * Records a look at the caller, under the case's own key: read back by key, not searched for among every case's looks.
     * The newest {@link #VIEWS_KEPT} are kept (a case is looked at by a few people a few times).
     */
    public void viewed(String caseId, String caseNumber, String by, Instant at) {
        mongo.upsert(new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(caseId)),
                new org.springframework.data.mongodb.core.query.Update().set("caseNumber", caseNumber)
                        .push("views").slice(-VIEWS_KEPT).each(new Document("by", by).append("at", Date.from(at))), VIEWS);
    }

    static final int VIEWS_KEPT = 500;

    public java.util.List<View> views(String caseId) {
        Document d = mongo.findById(caseId, Document.class, VIEWS);
        if (d == null) {
            return java.util.List.of();
        }
        java.util.List<View> views = new java.util.ArrayList<>(d.getList("views", Document.class).stream()
                .map(v -> new View(v.getString("by"), v.getDate("at").toInstant())).toList());
        java.util.Collections.reverse(views);
        return views;
    }
}
