package cn.unionhub.cases.casework.store;

import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import cn.unionhub.platform.events.AggregateStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** Cases in MongoDB; new cases are written with their events in one document write. */
@Repository
public class Cases {

    private final MongoTemplate mongo;
    private final AggregateStore store;

    Cases(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    public boolean exists(String id) {
        return mongo.exists(new Query(Criteria.where("_id").is(id)), CaseDocument.class);
    }

    /** Raises DuplicateKeyException for an id or case number that exists. */
    public void insert(Case.Opened opened) {
        store.insert(toDocument(opened.opened()), opened.events());
    }

    /** Applies a change to the case with this number (retried on a concurrent change); empty if unknown. */
    public Optional<Case> change(String caseNumber, Function<Case, Case.Changed> change) {
        return byCaseNumber(caseNumber).flatMap(found -> store.modify(CaseDocument.class, found.id(), current -> {
            Case.Changed changed = change.apply(toDomain(current));
            CaseDocument updated = toDocument(changed.changed());
            updated.version = current.version;
            return new AggregateStore.Change<>(updated, changed.events());
        })).map(Cases::toDomain);
    }

    /** A work queue: newest first, filtered by tenant and status, one page. */
    public List<Case> page(String enterprise, String district, Case.Status status, int page, int size) {
        Criteria criteria = new Criteria();
        if (enterprise != null) {
            criteria.and("enterprise").is(enterprise);
        }
        if (district != null) {
            criteria.and("district").is(district);
        }
        if (status != null) {
            criteria.and("status").is(status.name());
        }
        Query query = new Query(criteria).with(Sort.by(Sort.Direction.DESC, "openedAt")).skip((long) page * size).limit(size);
        return mongo.find(query, CaseDocument.class).stream().map(Cases::toDomain).toList();
    }

    public Optional<Case> byId(String id) {
        return Optional.ofNullable(mongo.findById(id, CaseDocument.class)).map(Cases::toDomain);
    }

    public Optional<Case> byCaseNumber(String caseNumber) {
        return Optional.ofNullable(mongo.findOne(new Query(Criteria.where("caseNumber").is(caseNumber)), CaseDocument.class))
                .map(Cases::toDomain);
    }

    private static CaseDocument toDocument(Case c) {
        CaseDocument d = new CaseDocument();
        d.id = c.id();
        d.caseNumber = c.caseNumber();
        d.source = c.source();
        d.feedbackId = c.feedbackId();
        d.trackingNumber = c.trackingNumber();
        d.category = c.category();
        d.enterprise = c.enterprise();
        d.enterpriseName = c.enterpriseName();
        d.district = c.district();
        d.workerGroup = c.workerGroup();
        d.priority = c.priority().name();
        d.status = c.status().name();
        d.organisationType = c.organisationType().name();
        d.organisationName = c.organisationName();
        d.routingRule = c.routingRule();
        d.openedAt = c.openedAt();
        d.firstResponseDueAt = c.firstResponseDueAt();
        d.firstRespondedAt = c.firstRespondedAt();
        d.resolvedAt = c.resolvedAt();
        d.outcome = c.outcome() == null ? null : c.outcome().name();
        d.resolutionSummary = c.resolutionSummary();
        return d;
    }

    private static Case toDomain(CaseDocument d) {
        return new Case(d.id, d.caseNumber, d.source, d.feedbackId, d.trackingNumber, d.category, d.enterprise,
                d.enterpriseName, d.district, d.workerGroup, Case.Priority.valueOf(d.priority), Case.Status.valueOf(d.status),
                HandlingOrganisationType.valueOf(d.organisationType), d.organisationName, d.routingRule, d.openedAt,
                d.firstResponseDueAt, d.firstRespondedAt, d.resolvedAt, d.outcome == null ? null : Case.Outcome.valueOf(d.outcome),
                d.resolutionSummary);
    }
}
