package cn.unionhub.events.membercard;

import cn.unionhub.events.DomainEvent;
import java.time.Instant;

/**
 * What every member service card event says: the card (number masked), whose it is and its
 * status after the change. One record type per change so consumers subscribe by CloudEvents type.
 */
public interface CardEvent extends DomainEvent {

    String cardId();

    /** The card number with all but the first 4 and last 4 digits masked, e.g. {@code 3302********1234}. */
    String maskedNumber();

    String cardType();

    String memberId();

    String status();

    Instant occurredAt();

    @Override
    default String subject() {
        return cardId();
    }
}
