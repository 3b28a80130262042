package cn.unionhub.events.alert;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;
import java.util.List;

/**
 * A warning was investigated (调查核实): CONFIRMED, or FALSE_POSITIVE with the reason. False
 * positives are counted per signal kind so that the weights can be reviewed. Key: the enterprise.
 *
 * @param warningId   aggregate id
 * @param enterprise  unified social credit code
 * @param district    administrative division code, when known
 * @param level       the warning's level
 * @param verdict     CONFIRMED or FALSE_POSITIVE
 * @param reason      what the investigation found
 * @param signalKinds the signal kinds behind the warning
 * @param verifiedBy  the role that verified it (DISTRICT_UNION, HANDLER, GOV_SYSTEM, ADMIN)
 * @param verifiedAt  when
 */
@EventContract(type = "cn.unionhub.alert.verified.v1", topic = Topics.ALERT)
public record AlertVerified(String warningId, String enterprise, String district, String level, String verdict,
        String reason, List<String> signalKinds, String verifiedBy, Instant verifiedAt) implements DomainEvent {

    @Override
    public String subject() {
        return warningId;
    }

    @Override
    public String partitionKey() {
        return enterprise;
    }
}
