package cn.unionhub.events.membercard;

import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A card was cancelled (注销), e.g. the member left the union.
 *
 * @param cardId       the card's id in the register (not its number)
 * @param maskedNumber the card number, masked
 * @param cardType     e.g. MEMBER_SERVICE
 * @param memberId     the card holder's member id
 * @param status       the card's status after the change
 * @param occurredAt   when it happened
 */
@EventContract(type = "cn.unionhub.member-card.card-cancelled.v1", topic = Topics.MEMBER_CARD)
public record CardCancelled(String cardId, String maskedNumber, String cardType, String memberId, String status,
        Instant occurredAt) implements CardEvent {
}
