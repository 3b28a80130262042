package cn.unionhub.contest.certificate.store;

import cn.unionhub.contest.certificate.domain.Certificate;
import cn.unionhub.contest.common.store.Bodies;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.Sequences;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Certificates by number (the unique key), each with its issue event; one per award, held by a
 * unique key on the award ({@code certificate_keys}) so a retried finalisation issues none twice.
 */
@Repository
public class Certificates {

    private static final String KEYS = "certificate_keys";

    @org.springframework.data.mongodb.core.mapping.Document("certificates")
    static class CertificateDocument {

        @Id
        String id;
        @Version
        Long version;
        Document certificate;
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final Bodies bodies;
    private final Sequences sequences;

    Certificates(MongoTemplate mongo, AggregateStore store, Bodies bodies, Sequences sequences) {
        this.mongo = mongo;
        this.store = store;
        this.bodies = bodies;
        this.sequences = sequences;
    }

    /** The next number of a kind of certificate in a tier, region and year. */
    public long next(String series) {
        return sequences.next("certificate:" + series);
    }

    /** Takes the award's key; false when a certificate for it was issued already. */
    public boolean claim(String awardId) {
        try {
            mongo.insert(new Document("_id", awardId), KEYS);
            return true;
        } catch (DuplicateKeyException issued) {
            return mongo.findById(awardId, Document.class, KEYS).get("number") == null;
        }
    }

    public void insert(String awardId, Certificate.Changed issued) {
        CertificateDocument d = new CertificateDocument();
        d.id = issued.certificate().number().value();
        d.certificate = bodies.write(issued.certificate());
        store.insert(d, issued.events());
        mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(awardId)),
                org.springframework.data.mongodb.core.query.Update.update("number", d.id), KEYS);
    }

    public Optional<Certificate> byNumber(String number) {
        return Optional.ofNullable(mongo.findById(number, CertificateDocument.class))
                .map(d -> bodies.read(d.certificate, Certificate.class));
    }

    public List<Certificate> forAwards(List<String> awardIds) {
        return awardIds.stream().map(id -> mongo.findById(id, Document.class, KEYS)).filter(k -> k != null && k.get("number") != null)
                .map(k -> byNumber(k.getString("number")).orElseThrow()).toList();
    }
}
