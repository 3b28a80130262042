package cn.unionhub.alert.risk.store;

import cn.unionhub.alert.risk.domain.WageReporter;
import cn.unionhub.alert.risk.domain.WageReporterLedger;
import cn.unionhub.platform.store.UniqueInserts;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The wage-reporter ledger: one document per enterprise and reporter key
 * ({@code _id = <USCC>|<reporter key>}), holding the worker's latest wage-issue report and the
 * signals that last moved it. A part of one enterprise's signals reads its workers' entries in one
 * command and writes those that moved in one more, by key ({@link #batch}).
 *
 * <p>The write is versioned: two parts moving the same worker's entry at once cannot both move
 * it; the loser fails with OptimisticLockingFailureException and its part is applied again from
 * the start, where it reads the entry again.
 */
@Repository
public class WageReporters {

    @Document("wage_reporters")
    static class ReporterDocument {
        @Id
        String id;
        @Version
        Long version;
        Instant latest;
        List<MoveDocument> moves;
    }

    static class MoveDocument {
        String signalId;
        Instant previous;
        Instant latest;
    }

    private final MongoTemplate mongo;

    WageReporters(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The ledger entries of these workers of one enterprise, read in one command, for a part of its
     * signals ({@code RiskService}): reports go to the entries in memory, and {@link Batch#write}
     * writes the ones that moved in one more command. A worker's entry moved by someone else since
     * it was read fails the write with OptimisticLockingFailureException, after the other entries
     * were written; the caller then applies the part again from a fresh read, where each signal
     * already in the ledger gets the move it made the first time.
     */
    public Batch batch(String enterprise, Collection<String> reporters) {
        Map<String, ReporterDocument> read = new HashMap<>();
        if (!reporters.isEmpty()) {
            List<String> keys = reporters.stream().distinct().map(r -> enterprise + "|" + r).toList();
            mongo.find(new Query(Criteria.where("_id").in(keys)), ReporterDocument.class).forEach(d -> read.put(d.id, d));
        }
        return new Batch(read);
    }

    /** See {@link #batch}. Used by one thread. */
    public final class Batch implements WageReporterLedger {

        private final Map<String, ReporterDocument> read;
        private final Map<String, WageReporter> moved = new LinkedHashMap<>();

        private Batch(Map<String, ReporterDocument> read) {
            this.read = read;
        }

        @Override
        public WageReporter.Move report(String enterprise, String reporter, String signalId, Instant at) {
            String key = enterprise + "|" + reporter;
            WageReporter current = moved.get(key);
            if (current == null && read.containsKey(key)) {
                current = toDomain(read.get(key));
            }
            WageReporter.Outcome outcome = WageReporter.report(current, signalId, at);
            if (outcome.next() != null) {
                moved.put(key, outcome.next());
            }
            return outcome.move();
        }

        /** Writes the entries that moved: new ones inserted, the others only if still at the version read. */
        public void write() {
            if (moved.isEmpty()) {
                return;
            }
            List<WriteModel<org.bson.Document>> writes = new ArrayList<>(moved.size());
            int replaced = 0;
            for (Map.Entry<String, WageReporter> m : moved.entrySet()) {
                ReporterDocument before = read.get(m.getKey());
                org.bson.Document next = new org.bson.Document();
                mongo.getConverter().write(toDocument(m.getKey(), m.getValue()), next);
                if (before == null) {
                    next.put("version", 0L);
                    writes.add(new InsertOneModel<>(next));
                } else {
                    next.put("version", (before.version == null ? 0 : before.version) + 1);
                    writes.add(new ReplaceOneModel<>(Filters.and(Filters.eq("_id", m.getKey()), Filters.eq("version", before.version)),
                            next));
                    replaced++;
                }
            }
            BulkWriteResult result;
            try {
                result = mongo.getCollection(mongo.getCollectionName(ReporterDocument.class))
                        .bulkWrite(writes, new BulkWriteOptions().ordered(false));
            } catch (MongoBulkWriteException refused) {
                if (refused.getWriteErrors().stream().allMatch(e -> e.getCode() == UniqueInserts.DUPLICATE_KEY)) {
                    throw new OptimisticLockingFailureException("A wage reporter's first entry was written meanwhile", refused);
                }
                throw refused;
            }
            if (result.getMatchedCount() < replaced) {
                throw new OptimisticLockingFailureException("A wage reporter's entry was moved meanwhile");
            }
        }
    }

    private static WageReporter toDomain(ReporterDocument d) {
        List<WageReporter.Move> moves = d.moves == null ? List.of()
                : d.moves.stream().map(m -> new WageReporter.Move(m.signalId, m.previous, m.latest)).toList();
        return new WageReporter(d.latest, moves);
    }

    private static ReporterDocument toDocument(String key, WageReporter reporter) {
        ReporterDocument d = new ReporterDocument();
        d.id = key;
        d.latest = reporter.latest();
        d.moves = reporter.moves().stream().map(m -> {
            MoveDocument move = new MoveDocument();
            move.signalId = m.signalId();
            move.previous = m.previous();
            move.latest = m.latest();
            return move;
        }).toList();
        return d;
    }
}
