package cn.unionhub.feedback.timeline.store;

import cn.unionhub.feedback.timeline.domain.TimelineStep;
import cn.unionhub.platform.stream.NumberedLog;
import jakarta.annotation.PreDestroy;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Each worker's timeline log, keyed by their pseudonym: every entry of their items, numbered in the
 * order logged ({@link NumberedLog}: places claimed by unique inserts, so a resumed stream misses
 * nothing and writers for one worker never wait on a shared document; each item's entry logged once,
 * by its key {@code <item id>:<index>}). Collections {@code worker_timelines},
 * {@code worker_timeline_entries}, {@code worker_timeline_keys}.
 */
@Repository
public class WorkerTimelines {

    private final NumberedLog log;

    WorkerTimelines(MongoTemplate mongo) {
        this.log = new NumberedLog(mongo, "worker_timeline");
    }

    /** The log itself, for the stream. */
    public NumberedLog log() {
        return log;
    }

    public long last(String pseudonym) {
        return log.last(pseudonym);
    }

    public List<TimelineStep> after(String pseudonym, long number) {
        return log.after(pseudonym, number).stream().map(WorkerTimelines::toStep).toList();
    }

    /** Logs the entries of the item's timeline that are not logged yet (none when all of them are). */
    public void log(String pseudonym, String feedbackId, String trackingNumber, List<TimelineStep.Unlogged> timeline) {
        log.log(pseudonym, entries(feedbackId, trackingNumber, timeline));
    }

    /**
     * {@link #log} off the thread that changed the item; what is not logged is logged with the
     * item's next change or before the worker's next stream starts.
     */
    public void logLater(String pseudonym, String feedbackId, String trackingNumber, List<TimelineStep.Unlogged> timeline) {
        log.logLater(pseudonym, entries(feedbackId, trackingNumber, timeline));
    }

    @PreDestroy
    void stop() {
        log.stop();
    }

    private static List<NumberedLog.Entry> entries(String feedbackId, String trackingNumber, List<TimelineStep.Unlogged> timeline) {
        return IntStream.range(0, timeline.size()).mapToObj(i -> {
            TimelineStep.Unlogged s = timeline.get(i);
            return new NumberedLog.Entry(feedbackId + ":" + i, new Document("feedbackId", feedbackId)
                    .append("trackingNumber", trackingNumber).append("index", i).append("at", Date.from(s.at()))
                    .append("kind", s.kind()).append("note", s.note()));
        }).toList();
    }

    public static TimelineStep toStep(NumberedLog.Logged logged) {
        Document d = logged.body();
        return new TimelineStep(logged.number(), d.getString("feedbackId"), d.getString("trackingNumber"), d.getInteger("index"),
                d.getDate("at").toInstant(), d.getString("kind"), d.getString("note"));
    }
}
