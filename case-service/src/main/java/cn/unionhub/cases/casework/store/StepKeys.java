package cn.unionhub.cases.casework.store;

import cn.unionhub.platform.domain.HashChain;
import cn.unionhub.platform.store.RequestKeys;
import java.util.function.Supplier;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code Idempotency-Key}s of the steps that add to a case's record each time they are sent (an answer to the worker, a
 * note, instructions from above): the same answer sent twice under one key (a timeout, a double tap) was on the record
 * twice and the worker read it twice. The key is claimed per caller and case before the step; a step refused gives it back.
 */
@Repository
public class StepKeys {

    private final RequestKeys keys;

    StepKeys(MongoTemplate mongo) {
        this.keys = new RequestKeys(mongo, "case_step_keys");
    }

    /** Runs {@code step} once per caller, case and key ({@link RequestKeys#once}); a retry answers {@code current}. */
    public <T> T once(String caller, String caseNumber, String key, String what, Supplier<T> step, Supplier<T> current) {
        return keys.once(caller + "|" + caseNumber, key, HashChain.fields().add(what).sha256(), step, current);
    }
}
