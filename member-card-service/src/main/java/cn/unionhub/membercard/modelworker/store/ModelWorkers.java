package cn.unionhub.membercard.modelworker.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.unionhub.membercard.modelworker.domain.ModelWorker;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The model-worker register ({@code model_workers}, one document per member) and, per district, the
 * list of its model workers ({@code model_worker_districts}), so a district's yearly grant is two key
 * reads, not a search.
 */
@Repository
public class ModelWorkers {

    @org.springframework.data.mongodb.core.mapping.Document("model_workers")
    static class ModelWorkerDocument {
        @Id
        String id;
        ModelWorker worker;
    }

    private final MongoTemplate mongo;

    ModelWorkers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Registers the member (listed in the district first, so a grant never misses one); false if registered already. */
    public boolean register(ModelWorker worker) {
        mongo.upsert(new Query(where("_id").is(worker.district())), new Update().addToSet("members", worker.memberId()),
                "model_worker_districts");
        ModelWorkerDocument d = new ModelWorkerDocument();
        d.id = worker.memberId();
        d.worker = worker;
        try {
            mongo.insert(d);
            return true;
        } catch (DuplicateKeyException registered) {
            return false;
        }
    }

    /** Replaces a registered member's entry (a higher honour). */
    public void replace(ModelWorker worker) {
        ModelWorkerDocument d = new ModelWorkerDocument();
        d.id = worker.memberId();
        d.worker = worker;
        mongo.save(d);
    }

    public Optional<ModelWorker> find(String memberId) {
        return Optional.ofNullable(mongo.findById(memberId, ModelWorkerDocument.class)).map(d -> d.worker);
    }

    public List<ModelWorker> findAll(Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return List.of();
        }
        return mongo.find(new Query(where("_id").in(memberIds)), ModelWorkerDocument.class).stream().map(d -> d.worker).toList();
    }

    public List<String> ofDistrict(String district) {
        Document d = mongo.findById(district, Document.class, "model_worker_districts");
        return d == null ? List.of() : d.getList("members", String.class);
    }
}
