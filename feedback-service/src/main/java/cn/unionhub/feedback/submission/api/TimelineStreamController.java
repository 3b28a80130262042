package cn.unionhub.feedback.submission.api;

import cn.unionhub.feedback.submission.SubmissionService;
import cn.unionhub.feedback.submission.stream.TimelineStreams;
import cn.unionhub.security.Actor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/feedback/submissions/mine/stream}: the signed-in worker's own timeline as
 * server-sent events ({@code timeline} per entry, {@code ready} first, {@code reset} when a resume
 * is too far behind), resumable with {@code Last-Event-ID}. Only the worker's own items, whoever else
 * asks: the stream is keyed by the caller's pseudonym, never by a parameter.
 */
@RestController
class TimelineStreamController {

    private final SubmissionService submissions;
    private final TimelineStreams streams;

    TimelineStreamController(SubmissionService submissions, TimelineStreams streams) {
        this.submissions = submissions;
        this.streams = streams;
    }

    @GetMapping(path = "/api/v1/feedback/submissions/mine/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(Actor actor, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return streams.open(submissions.pseudonymOf(actor), lastEventId);
    }
}
