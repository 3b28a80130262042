package cn.unionhub.feedback.timeline.domain;

import java.time.Instant;

/**
 * An entry of one of a worker's items' timelines, as their stream carries it.
 *
 * @param number the entry's place in the worker's log (1, 2, 3 … across all their items): the stream's event id
 * @param index  the entry's place in its item's timeline (0 for RECEIVED): with the tracking number, what
 *               identifies it should a client ever see it twice
 */
public record TimelineStep(long number, String feedbackId, String trackingNumber, int index, Instant at, String kind, String note) {

    /** An entry as its item has it, before it is logged. */
    public record Unlogged(Instant at, String kind, String note) {
    }
}
