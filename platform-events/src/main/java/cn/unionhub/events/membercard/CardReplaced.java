package cn.unionhub.events.membercard;

import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A lost or damaged card was replaced (补换卡); {@code replacement} names the new card.
 *
 * @param cardId       the card's id in the register (not its number)
 * @param maskedNumber the card number, masked
 * @param cardType     e.g. MEMBER_SERVICE
 * @param memberId     the card holder's member id
 * @param status       the card's status after the change
 * @param replacement  id of the card that replaces this one
 * @param occurredAt   when it happened
 */
@EventContract(type = "cn.unionhub.member-card.card-replaced.v1", topic = Topics.MEMBER_CARD)
public record CardReplaced(String cardId, String maskedNumber, String cardType, String memberId, String status, String replacement,
        Instant occurredAt) implements CardEvent {
}
