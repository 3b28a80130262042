package cn.unionhub.alert.risk.store;

import cn.unionhub.alert.risk.domain.WageReporter;
import cn.unionhub.alert.risk.domain.WageReporterLedger;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Repository;

/**
 * The wage-reporter ledger: one document per enterprise and reporter key
 * ({@code _id = <USCC>|<reporter key>}), holding the worker's latest wage-issue report and the
 * signals that last moved it. One read and at most one write per wage-issue signal, both by key.
 *
 * <p>The write is versioned: two reports of the same worker racing each other cannot both move
 * the same entry; the loser fails with OptimisticLockingFailureException (or
 * DuplicateKeyException for a worker's first report) and its signal is retried from the start,
 * where it reads the entry again.
 */
@Repository
public class WageReporters implements WageReporterLedger {

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

    @Override
    public WageReporter.Move report(String enterprise, String reporter, String signalId, Instant at) {
        String key = enterprise + "|" + reporter;
        ReporterDocument current = mongo.findById(key, ReporterDocument.class);
        WageReporter.Outcome outcome = WageReporter.report(current == null ? null : toDomain(current), signalId, at);
        if (outcome.next() != null) {
            ReporterDocument next = toDocument(key, outcome.next());
            next.version = current == null ? null : current.version;
            mongo.save(next); // insert when new, else only if nobody moved it since it was read
        }
        return outcome.move();
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
