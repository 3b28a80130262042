package cn.unionhub.events.membercard;

import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * The member reported the card lost (挂失); it can never be used again, only replaced.
 *
 * @param cardId       the card's id in the register (not its number)
 * @param maskedNumber the card number, masked
 * @param cardType     e.g. MEMBER_SERVICE
 * @param memberId     the card holder's member id
 * @param status       the card's status after the change
 * @param occurredAt   when it happened
 */
@EventContract(type = "cn.unionhub.member-card.card-reported-lost.v1", topic = Topics.MEMBER_CARD)
public record CardReportedLost(String cardId, String maskedNumber, String cardType, String memberId, String status,
        Instant occurredAt) implements CardEvent {
}
