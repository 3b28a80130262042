package cn.unionhub.contest.craftsman.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.unionhub.contest.common.store.Bodies;
import cn.unionhub.contest.common.store.HeldKeys;
import cn.unionhub.contest.craftsman.domain.CraftsmanBatch;
import cn.unionhub.contest.craftsman.domain.Nomination;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.KeyRanges;
import cn.unionhub.platform.store.Sequences;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Craftsman batches ({@code craftsman_batches}) and nominations ({@code craftsman_nominations},
 * keyed {@code <batch id>-N<nnnnn>} so a batch's nominations are one key range), each written with
 * its events; and per batch and nominee ({@code craftsman_nominees}) the nomination that holds the
 * nominee's place, so "one live nomination per person and batch" is a unique key, not a search.
 */
@Repository
public class CraftsmanStore {

    @org.springframework.data.mongodb.core.mapping.Document("craftsman_batches")
    static class BatchDocument {
        @Id
        String id;
        @Version
        Long version;
        Document batch;
    }

    /** @param account the nominee's own sign-in when they nominated themselves, so they can follow it */
    @org.springframework.data.mongodb.core.mapping.Document("craftsman_nominations")
    static class NominationDocument {
        @Id
        String id;
        @Version
        Long version;
        String batchId;
        String account;
        Document nomination;
    }

    /** A nomination and the nominee's own account, if they nominated themselves. */
    public record Kept(Nomination nomination, String account) {
    }

    /** How a stored nomination says which stage (record type) it is: the domain stays free of Jackson. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@stage")
    @JsonSubTypes({@JsonSubTypes.Type(value = Nomination.Nominated.class, name = "NOMINATED"),
            @JsonSubTypes.Type(value = Nomination.SelfEvaluated.class, name = "SELF_EVALUATED"),
            @JsonSubTypes.Type(value = Nomination.Reviewed.class, name = "REVIEWED"),
            @JsonSubTypes.Type(value = Nomination.ExpertReviewed.class, name = "EXPERT_REVIEWED"),
            @JsonSubTypes.Type(value = Nomination.Noticed.class, name = "NOTICED"),
            @JsonSubTypes.Type(value = Nomination.Conferred.class, name = "CONFERRED"),
            @JsonSubTypes.Type(value = Nomination.Rejected.class, name = "REJECTED")})
    interface StageTyped {
    }

    private final HeldKeys nominees;
    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final Bodies bodies;
    private final Sequences sequences;

    CraftsmanStore(MongoTemplate mongo, AggregateStore store, Bodies bodies, Sequences sequences) {
        this.nominees = new HeldKeys(mongo, "craftsman_nominees", "nomination");
        this.mongo = mongo;
        this.store = store;
        this.bodies = bodies.withMixIn(Nomination.class, StageTyped.class);
        this.sequences = sequences;
    }

    public String nextBatchId(int year) {
        return "CB" + year + "-" + String.format("%03d", sequences.next("craftsman-batch:" + year));
    }

    public String nextNominationId(String batchId) {
        return batchId + "-N" + String.format("%05d", sequences.next("nomination:" + batchId));
    }

    public String nextObjectionId(String batchId) {
        return batchId + "-O" + String.format("%03d", sequences.next("objection:" + batchId));
    }

    public void insert(CraftsmanBatch batch) {
        BatchDocument d = new BatchDocument();
        d.id = batch.id();
        d.batch = bodies.write(batch);
        store.insert(d, List.of());
    }

    public Optional<CraftsmanBatch> batch(String id) {
        return Optional.ofNullable(mongo.findById(id, BatchDocument.class)).map(d -> bodies.read(d.batch, CraftsmanBatch.class));
    }

    public Optional<CraftsmanBatch> changeBatch(String id, Function<CraftsmanBatch, CraftsmanBatch.Changed> step) {
        return store.modify(BatchDocument.class, id, current -> {
            CraftsmanBatch.Changed changed = step.apply(bodies.read(current.batch, CraftsmanBatch.class));
            current.batch = bodies.write(changed.batch());
            return new AggregateStore.Change<>(current, changed.events());
        }).map(d -> bodies.read(d.batch, CraftsmanBatch.class));
    }

    /** The nomination holding the nominee's place in the batch, if any (live or not). */
    public Optional<Kept> holding(String batchId, String idHash) {
        return nominees.holder(batchId + ":" + idHash).flatMap(this::nomination);
    }

    /**
     * Writes a new nomination after taking the nominee's place in the batch; a place held by a
     * rejected nomination ({@code released}) is taken over.
     */
    public void insert(Nomination.Changed nominated, String account, Optional<Kept> released) {
        Nomination n = nominated.nomination();
        if (!nominees.take(n.facts().batchId() + ":" + n.facts().nominee().idHash(), n.id(),
                released.map(k -> k.nomination().id()))) {
            throw new ConflictException("already-nominated", n.facts().batchId());
        }
        NominationDocument d = new NominationDocument();
        d.id = n.id();
        d.batchId = n.facts().batchId();
        d.account = account;
        d.nomination = bodies.write(n);
        store.insert(d, nominated.events());
    }

    public Optional<Kept> nomination(String id) {
        return Optional.ofNullable(mongo.findById(id, NominationDocument.class)).map(this::toKept);
    }

    /** Every nomination of a batch, by id: one key range. */
    public List<Kept> ofBatch(String batchId) {
        return KeyRanges.read(mongo, NominationDocument.class, "craftsman_nominations", batchId + "-N", batchId + "-O", d -> d.id,
                q -> q.fields().exclude("_outbox")).stream().map(this::toKept).toList();
    }

    public Optional<Kept> change(String id, Function<Nomination, Nomination.Changed> step) {
        return store.modify(NominationDocument.class, id, current -> {
            Nomination.Changed changed = step.apply(bodies.read(current.nomination, Nomination.class));
            current.nomination = bodies.write(changed.nomination());
            return new AggregateStore.Change<>(current, changed.events());
        }).map(this::toKept);
    }

    private Kept toKept(NominationDocument d) {
        return new Kept(bodies.read(d.nomination, Nomination.class), d.account);
    }
}
