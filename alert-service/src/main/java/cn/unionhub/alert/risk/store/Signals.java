package cn.unionhub.alert.risk.store;

import cn.unionhub.alert.risk.domain.Signal;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Repository;

/**
 * Every signal received, by id: the record of what arrived (and so the first line of defence
 * against applying one twice), and where a reopened case finds its complaint's enterprise.
 *
 * <p>Nothing on the way of a signal searches this collection: a warning is explained from the
 * profile's pool of strongest signals. A search by enterprise would read the enterprise's whole
 * history on MongoDB and the whole collection on mongo-java-server, which cannot use the index.
 */
@Repository
public class Signals {

    @Document("signals")
    static class SignalDocument {
        @Id
        String id;
        String enterprise;
        String enterpriseName;
        String district;
        String industry;
        String kind;
        double magnitude;
        Instant occurredAt;
        String source;
        String reference;
        String reporter;
        long amountFen;
    }

    private final MongoTemplate mongo;

    Signals(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Keeps a signal; false if one with its id is already kept. */
    public boolean insert(Signal s) {
        SignalDocument d = new SignalDocument();
        d.id = s.id();
        d.enterprise = s.enterprise();
        d.enterpriseName = s.enterpriseName();
        d.district = s.district();
        d.industry = s.industry();
        d.kind = s.kind();
        d.magnitude = s.magnitude();
        d.occurredAt = s.occurredAt();
        d.source = s.source();
        d.reference = s.reference();
        d.reporter = s.reporter();
        d.amountFen = s.amountFen();
        try {
            mongo.insert(d);
            return true;
        } catch (DuplicateKeyException duplicate) {
            return false;
        }
    }

    public Optional<Signal> byId(String id) {
        return Optional.ofNullable(mongo.findById(id, SignalDocument.class)).map(Signals::toDomain);
    }

    private static Signal toDomain(SignalDocument d) {
        return new Signal(d.id, d.enterprise, d.enterpriseName, d.district, d.industry, d.kind, d.magnitude, d.occurredAt,
                d.source, d.reference, d.reporter, d.amountFen);
    }
}
