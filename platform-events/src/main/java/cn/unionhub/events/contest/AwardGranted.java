package cn.unionhub.events.contest;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * An award became final. With {@code amountFen} above zero it is prize money for member-card-service
 * to pay; it finds the member by {@code competitorIdHash}, the keyed id-number hash both services
 * compute with the installation's key. {@code awardId} is unique and stable, for idempotent payment.
 *
 * @param kind MAY_DAY_LABOR_MEDAL, TECHNICAL_EXPERT, SKILL_GRADE_PROMOTION, CERTIFICATE or PRIZE
 */
@EventContract(type = "cn.unionhub.contest.award-granted.v1", topic = Topics.CONTEST)
public record AwardGranted(String awardId, String eventId, String contestId, String registrationId, String competitorIdHash,
        String rule, String kind, String title, int rank, long amountFen, Instant grantedAt) implements DomainEvent {

    @Override
    public String subject() {
        return eventId;
    }
}
