package cn.unionhub.events.contest;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The three judges' scores of a judgement aspect lie further apart than the event allows; the
 * aspect does not count until a judge corrects a score or the chief judge confirms them.
 *
 * @param spreadHundredths highest minus lowest score, in hundredths of a point
 */
@EventContract(type = "cn.unionhub.contest.aspect-sent-for-review.v1", topic = Topics.CONTEST)
public record AspectSentForReview(String eventId, String registrationId, String aspect, long spreadHundredths,
        long maxSpreadHundredths, int ledgerSequence, Instant at) implements DomainEvent {

    @Override
    public String subject() {
        return eventId;
    }
}
