package cn.unionhub.alert.risk.store;

import cn.unionhub.alert.risk.domain.Signal;
import cn.unionhub.platform.store.UniqueInserts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
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

    private static final String COLLECTION = "signals";

    @org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
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
        try {
            mongo.insert(toDocument(s));
            return true;
        } catch (DuplicateKeyException duplicate) {
            return false;
        }
    }

    /** {@link #insert} for many signals, in one command; those that were not kept before. */
    public List<Signal> insertAll(List<Signal> all) {
        List<Document> documents = new ArrayList<>(all.size());
        for (Signal s : all) {
            Document document = new Document();
            mongo.getConverter().write(toDocument(s), document);
            documents.add(document);
        }
        Set<Integer> kept = UniqueInserts.insertUnlessTaken(mongo.getCollection(COLLECTION), documents);
        List<Signal> stored = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!kept.contains(i)) {
                stored.add(all.get(i));
            }
        }
        return stored;
    }

    private static SignalDocument toDocument(Signal s) {
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
        return d;
    }

    public Optional<Signal> byId(String id) {
        return Optional.ofNullable(mongo.findById(id, SignalDocument.class)).map(Signals::toDomain);
    }

    private static Signal toDomain(SignalDocument d) {
        return new Signal(d.id, d.enterprise, d.enterpriseName, d.district, d.industry, d.kind, d.magnitude, d.occurredAt,
                d.source, d.reference, d.reporter, d.amountFen);
    }
}
