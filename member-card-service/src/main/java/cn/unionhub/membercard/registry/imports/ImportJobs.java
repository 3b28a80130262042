package cn.unionhub.membercard.registry.imports;

import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Import jobs and their error reports. Errors are keyed {@code <job>:<line, zero-padded>:<field>}, so a
 * report page is a range read on {@code _id} and reads only that job's errors. At most
 * {@link #MAX_ERRORS_KEPT} are kept per job (all are counted): a wrong file can have a million bad
 * rows, and its first ten thousand say what is wrong.
 */
@Repository
public class ImportJobs {

    public static final int MAX_ERRORS_KEPT = 10_000;

    private final MongoTemplate mongo;

    ImportJobs(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void save(ImportJob job) {
        mongo.save(job, "import_jobs");
    }

    /** Jobs a stopped instance left running; at start-up only (the collection holds one document per upload). */
    public List<ImportJob> running() {
        return mongo.find(new Query(Criteria.where("status").is("RUNNING")), ImportJob.class, "import_jobs");
    }

    public Optional<ImportJob> find(String id) {
        return Optional.ofNullable(mongo.findById(id, ImportJob.class, "import_jobs"));
    }

    public void addErrors(String job, List<ImportJob.RowError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        mongo.getCollection("import_errors").insertMany(errors.stream().map(e -> new Document("_id", key(job, e.line()) + ":" + e.field())
                .append("line", e.line()).append("key", e.key()).append("field", e.field()).append("code", e.code())
                .append("arguments", e.arguments())).toList(), new com.mongodb.client.model.InsertManyOptions().ordered(false));
    }

    public List<ImportJob.RowError> errors(String job, long afterLine, int limit) {
        Query query = new Query(Criteria.where("_id").gt(key(job, afterLine) + ";").lt(job + ";"));
        return mongo.find(query.with(Sort.by("_id")).limit(limit), Document.class, "import_errors").stream()
                .map(d -> new ImportJob.RowError(((Number) d.get("line")).longValue(), d.getString("key"),
                        d.getString("field"), d.getString("code"), d.getList("arguments", String.class)))
                .toList();
    }

    private static String key(String job, long line) {
        return job + ":" + String.format("%010d", line);
    }
}
