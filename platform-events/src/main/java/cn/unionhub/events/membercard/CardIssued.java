package cn.unionhub.events.membercard;

import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A member service card was issued (ISSUED; not yet usable).
 *
 * @param cardId       the card's id in the register (not its number)
 * @param maskedNumber the card number, masked
 * @param cardType     e.g. MEMBER_SERVICE
 * @param memberId     the card holder's member id
 * @param status       the card's status after the change
 * @param occurredAt   when it happened
 */
@EventContract(type = "cn.unionhub.member-card.card-issued.v1", topic = Topics.MEMBER_CARD)
public record CardIssued(String cardId, String maskedNumber, String cardType, String memberId, String status,
        Instant occurredAt) implements CardEvent {
}
