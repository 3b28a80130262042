package cn.unionhub.contest.notice.store;

import cn.unionhub.contest.notice.domain.Notice;
import cn.unionhub.contest.notice.domain.Objection;
import cn.unionhub.platform.domain.HashChain;
import cn.unionhub.platform.store.RequestKeys;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Files an objection to a notice (of results, of nominees) once per {@code Idempotency-Key}: sent twice — a timeout, a
 * second tap — the same objection was filed twice under two numbers, for the office to answer twice (exploratory test,
 * 2026-12-04). The key is claimed with the objection's number before it is filed ({@link RequestKeys},
 * {@code objection_keys}); without a key every request files a new objection.
 */
@Component
public class ObjectionFiling {

    private final RequestKeys keys;

    ObjectionFiling(MongoTemplate mongo) {
        this.keys = new RequestKeys(mongo, "objection_keys");
    }

    /**
     * @param scope     the objector's account and the notice (an event's results, a batch): a key serves one objection
     * @param signed    the objection as filed, signed by its objector's account
     * @param nextId    the next objection number of the notice
     * @param current   the notice as it is now
     * @param fileUnder files the objection under a number and returns the notice after
     * @return the objection filed under the key, now or before
     */
    public Objection file(String scope, String key, Notice.ObjectionForm signed, Supplier<String> nextId, Supplier<Notice> current,
            Function<String, Notice> fileUnder) {
        Optional<RequestKeys.Claim> claim = keys.claim(scope, key, HashChain.fields().add(signed.toString()).sha256(), nextId);
        if (claim.isPresent() && !claim.get().first()) {
            Optional<Objection> filed = find(current.get(), claim.get().id());
            if (filed.isPresent()) {
                return filed.get();
            }
        }
        String id = claim.map(RequestKeys.Claim::id).orElseGet(nextId);
        return find(fileUnder.apply(id), id).orElseThrow();
    }

    private static Optional<Objection> find(Notice notice, String id) {
        return notice == null ? Optional.empty() : notice.objections().stream().filter(o -> o.id().equals(id)).findFirst();
    }
}
