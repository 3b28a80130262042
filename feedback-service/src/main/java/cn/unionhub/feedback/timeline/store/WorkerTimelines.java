package cn.unionhub.feedback.timeline.store;

import cn.unionhub.feedback.timeline.domain.TimelineLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Each worker's timeline log ({@link TimelineLog}), one small document per worker keyed by their
 * pseudonym, changed under optimistic locking: the log's numbers follow the order of its writes, which
 * is what makes a resumed stream exact. Read by key only.
 */
@Repository
public class WorkerTimelines {

    private static final int ATTEMPTS = 20;

    @org.springframework.data.mongodb.core.mapping.Document("worker_timelines")
    static class WorkerTimelineDocument {
        @Id
        String id;
        @Version
        Long version;
        long last;
        List<TimelineLog.Entry> entries = List.of();
        LinkedHashMap<String, Integer> logged = new LinkedHashMap<>();
    }

    private final MongoTemplate mongo;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    WorkerTimelines(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Tells {@code listener} the pseudonym of a worker whose log this process just appended to. */
    public void onAppend(Consumer<String> listener) {
        listeners.add(listener);
    }

    public TimelineLog of(String pseudonym) {
        WorkerTimelineDocument d = mongo.findById(pseudonym, WorkerTimelineDocument.class);
        return d == null ? TimelineLog.empty() : new TimelineLog(d.last, d.entries, d.logged);
    }

    /** Logs what the item's timeline has that the worker's log has not (nothing when all of it is logged). */
    public void log(String pseudonym, String feedbackId, String trackingNumber, List<TimelineLog.Step> timeline) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            WorkerTimelineDocument d = mongo.findById(pseudonym, WorkerTimelineDocument.class);
            TimelineLog before = d == null ? TimelineLog.empty() : new TimelineLog(d.last, d.entries, d.logged);
            TimelineLog after = before.append(feedbackId, trackingNumber, timeline);
            if (after == before) {
                return;
            }
            if (d == null) {
                d = new WorkerTimelineDocument();
                d.id = pseudonym;
            }
            d.last = after.last();
            d.entries = after.entries();
            d.logged = new LinkedHashMap<>(after.logged());
            try {
                if (d.version == null) {
                    mongo.insert(d);
                } else {
                    mongo.save(d);
                }
            } catch (OptimisticLockingFailureException | DuplicateKeyException concurrent) {
                continue;
            }
            listeners.forEach(l -> l.accept(pseudonym));
            return;
        }
        throw new OptimisticLockingFailureException("timeline log of a worker busy");
    }
}
