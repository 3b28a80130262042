package cn.unionhub.membercard.hardship.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.unionhub.membercard.hardship.domain.HardshipRules;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The 特困职工证 rules: the version in force ({@code hardship_rules_current}, changed only by
 * compare-and-set on its version) and every earlier one ({@code hardship_rules}, {@code _id} = the
 * version), so an application can always be traced to the rules that judged it.
 */
@Repository
public class HardshipRuleBook {

    @Document("hardship_rules")
    record VersionDocument(@Id int version, HardshipRules rules) {
    }

    @Document("hardship_rules_current")
    record CurrentDocument(@Id String id, int version, HardshipRules rules) {
    }

    private static final String CURRENT = "current";

    private final MongoTemplate mongo;

    HardshipRuleBook(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<HardshipRules> current() {
        return Optional.ofNullable(mongo.findById(CURRENT, CurrentDocument.class)).map(CurrentDocument::rules);
    }

    public Optional<HardshipRules> version(int version) {
        return current().filter(r -> r.version() == version)
                .or(() -> Optional.ofNullable(mongo.findById(version, VersionDocument.class)).map(VersionDocument::rules));
    }

    /** The first rules, when there are none yet (a new installation); otherwise nothing changes. */
    public void start(HardshipRules first) {
        try {
            mongo.insert(new CurrentDocument(CURRENT, first.version(), first));
        } catch (DuplicateKeyException present) {
            // Rules are in force already: the city union's, not the defaults.
        }
    }

    /**
     * Puts {@code next} in force if the version in force is still the one before it; false when someone
     * else set the rules in between. The version it replaces is kept first, from the document in force,
     * so a crash in between loses nothing and writing it again writes the same.
     */
    public boolean put(HardshipRules next) {
        CurrentDocument now = mongo.findById(CURRENT, CurrentDocument.class);
        if (now == null || now.version() != next.version() - 1) {
            return false;
        }
        mongo.save(new VersionDocument(now.version(), now.rules()));
        return mongo.updateFirst(new Query(where("_id").is(CURRENT).and("version").is(now.version())),
                new Update().set("version", next.version()).set("rules", next), CurrentDocument.class).getModifiedCount() == 1;
    }
}
