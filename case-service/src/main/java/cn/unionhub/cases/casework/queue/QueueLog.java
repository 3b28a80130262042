package cn.unionhub.cases.casework.queue;

import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.casework.domain.HistoryEntry;
import cn.unionhub.platform.stream.NumberedLog;
import jakarta.annotation.PreDestroy;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Each handling organisation's work queue as a log ({@link NumberedLog}, keyed by the organisation's
 * id): every step of a case while it is, or as it stops being, that organisation's — routed to it,
 * accepted, answered, warned, escalated, transferred away — so its staff's stream can follow the
 * queue without polling. Written after the case and off the thread that changed it; each change
 * tells the case's last few steps again, so a step whose logging was lost comes with the next one.
 * Collections {@code case_queues}, {@code case_queue_entries}, {@code case_queue_keys}.
 */
@Component
public class QueueLog {

    /** Steps told again with each change: enough for one lost logging, few enough to read by key. */
    private static final int RETOLD = 5;

    private final NumberedLog log;

    QueueLog(MongoTemplate mongo) {
        this.log = new NumberedLog(mongo, "case_queue");
    }

    NumberedLog log() {
        return log;
    }

    /** Logs the case's latest steps in the queue of the organisation handling it, and of the one it left if it moved. */
    public void changed(String organisationBefore, Case c) {
        List<HistoryEntry> history = c.history();
        List<NumberedLog.Entry> steps = history.subList(Math.max(0, history.size() - RETOLD), history.size()).stream()
                .map(e -> new NumberedLog.Entry(c.id() + ":" + e.sequence(), new Document("caseNumber", c.caseNumber())
                        .append("status", c.status().name()).append("action", e.action()).append("at", Date.from(e.at()))
                        .append("anonymous", c.matter().isAnonymous()).append("organisation", c.handledBy().id())))
                .toList();
        String now = c.handledBy().id();
        log.logLater(now, steps);
        if (organisationBefore != null && !organisationBefore.equals(now)) {
            log.logLater(organisationBefore, steps);
        }
    }

    @PreDestroy
    void stop() {
        log.stop();
    }
}
