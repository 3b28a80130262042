package cn.unionhub.membercard.merchant.till;

import cn.unionhub.platform.events.AggregateStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Till credentials ({@code till_credentials}, one per merchant), each written with its event in one document write
 * (outbox): the identity server learns a new secret or a revocation exactly when it is stored.
 */
@Repository
class TillCredentials {

    @org.springframework.data.mongodb.core.mapping.Document("till_credentials")
    static class TillDocument {
        @Id
        String merchantId;
        @Version
        Long version;
        String district;
        boolean active;
        String secretSha256;
        long generation;
        Instant changedAt;
        String changedBy;
        String revokedReason;
    }

    /**
     * Credentials as last read, for a while: every request of a till checks its token against its credential. The bound is
     * how long another instance may still take a token issued before a change: half a minute, as for a closed merchant.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, Optional<TillCredential>> recent = com.github.benmanes.caffeine.cache.Caffeine
            .newBuilder().maximumSize(10_000).expireAfterWrite(java.time.Duration.ofSeconds(30)).build();
    private final MongoTemplate mongo;
    private final AggregateStore store;

    TillCredentials(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    Optional<TillCredential> find(String merchantId) {
        return Optional.ofNullable(mongo.findById(merchantId, TillDocument.class)).map(TillCredentials::toDomain);
    }

    /** As {@link #find}, from the last half minute's reads (a till's every request asks). */
    Optional<TillCredential> recent(String merchantId) {
        return recent.get(merchantId, this::find);
    }

    /**
     * Applies a change to the merchant's credential as it is now (none at first), retried on a concurrent change;
     * what the change made, from its last (applied) attempt.
     */
    <R> R change(String merchantId, Function<Optional<TillCredential>, Change<R>> step) {
        try {
            return changed(merchantId, step);
        } finally {
            recent.invalidate(merchantId); // this instance's tills see the change at once
        }
    }

    private <R> R changed(String merchantId, Function<Optional<TillCredential>, Change<R>> step) {
        Optional<R> onFile = changeOnFile(merchantId, step);
        if (onFile.isPresent()) {
            return onFile.get();
        }
        Change<R> first = step.apply(Optional.empty());
        try {
            store.insert(toDocument(first.credential()), List.of(first.credential().event()));
            return first.result();
        } catch (DuplicateKeyException concurrent) {
            // Another request stored the first credential meanwhile: apply the change to that one.
            return changeOnFile(merchantId, step).orElseThrow();
        }
    }

    /** The change applied to the credential on file (one read, retried on a concurrent change); empty when there is none. */
    private <R> Optional<R> changeOnFile(String merchantId, Function<Optional<TillCredential>, Change<R>> step) {
        AtomicReference<R> result = new AtomicReference<>();
        return store.modify(TillDocument.class, merchantId, current -> {
            Change<R> change = step.apply(Optional.of(toDomain(current)));
            result.set(change.result());
            TillDocument updated = toDocument(change.credential());
            updated.version = current.version;
            return new AggregateStore.Change<>(updated, List.of(change.credential().event()));
        }).map(written -> result.get());
    }

    /** The credential a change leaves, and what the caller gets back. */
    record Change<R>(TillCredential credential, R result) {
    }

    private static TillDocument toDocument(TillCredential c) {
        TillDocument d = new TillDocument();
        d.merchantId = c.merchantId();
        d.district = c.district();
        d.active = c.active();
        d.secretSha256 = c.secretSha256();
        d.generation = c.generation();
        d.changedAt = c.changedAt();
        d.changedBy = c.changedBy();
        d.revokedReason = c.revokedReason();
        return d;
    }

    private static TillCredential toDomain(TillDocument d) {
        return new TillCredential(d.merchantId, d.district, d.active, d.secretSha256, d.generation, d.changedAt, d.changedBy,
                d.revokedReason);
    }
}
