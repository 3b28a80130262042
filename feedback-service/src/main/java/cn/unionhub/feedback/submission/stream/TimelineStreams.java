package cn.unionhub.feedback.submission.stream;

import cn.unionhub.feedback.submission.store.FeedbackItems;
import cn.unionhub.feedback.timeline.domain.TimelineStep;
import cn.unionhub.feedback.timeline.store.WorkerTimelines;
import cn.unionhub.platform.stream.LogStreams;
import cn.unionhub.platform.stream.StreamSettings;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Workers' own timelines as server-sent events ({@link LogStreams} over {@link WorkerTimelines}):
 * one {@code timeline} event per entry of any of the worker's items, its id the entry's number in
 * the worker's log, resumable with {@code Last-Event-ID}. Before a stream starts, whatever the
 * worker's newest items have that the log lacks is logged (a failed write, a stopped process).
 */
@Component
public class TimelineStreams implements DisposableBean {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** What one event says: an entry of the worker's item (times in Beijing time, as everywhere in the API). */
    record EntryView(long number, String trackingNumber, int index, OffsetDateTime at, String kind, String note) {
    }

    private final FeedbackItems items;
    private final LogStreams streams;

    TimelineStreams(WorkerTimelines timelines, FeedbackItems items, StreamSettings settings) {
        this.items = items;
        this.streams = new LogStreams(timelines.log(), "timeline", settings);
    }

    /**
     * Opens the stream of the worker's timeline.
     *
     * @param lastEventId the number of the last entry the client has, or null for "from now on"
     */
    public SseEmitter open(String pseudonym, String lastEventId) {
        items.logTimelines(pseudonym);
        return streams.open(pseudonym, lastEventId, logged -> {
            TimelineStep e = WorkerTimelines.toStep(logged);
            return new LogStreams.Sent("timeline", new EntryView(e.number(), e.trackingNumber(), e.index(),
                    e.at().atZone(BEIJING).toOffsetDateTime(), e.kind(), e.note()));
        });
    }

    @Override
    public void destroy() {
        streams.stop();
    }
}
