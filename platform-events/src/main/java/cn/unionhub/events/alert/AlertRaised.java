package cn.unionhub.events.alert;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A labor-relations risk warning (劳动关系风险预警) was raised for an enterprise and pushed to the
 * departments and local union named in {@code pushedTo}. Explains itself: the score, what each
 * signal kind contributes and the strongest signals. Never names a worker. Key: the enterprise's
 * unified social credit code, so all warnings of one enterprise stay in order.
 *
 * @param warningId                   aggregate id, {@code <USCC>-<n>}
 * @param enterprise                  unified social credit code
 * @param enterpriseName              registered name, when known
 * @param district                    administrative division code, when known
 * @param industry                    industry code, when known
 * @param level                       RED, ORANGE, YELLOW or BLUE (red highest)
 * @param score                       the risk score that raised it
 * @param collectiveDispute           whether many workers raised wage issues within a short window
 * @param workersReporting            distinct workers with wage issues within that window
 * @param amountAtStakeFen            money at stake (wages owed, shortfalls) in fen
 * @param kindContributions           score points per signal kind
 * @param signals                     the strongest signals and their contributions
 * @param legalHealthCheckRecommended whether the enterprise drew enough warnings for a legal health check (法治体检)
 * @param pushedTo                    who it was pushed to (department and local union)
 * @param raisedAt                    when
 */
@EventContract(type = "cn.unionhub.alert.raised.v1", topic = Topics.ALERT)
public record AlertRaised(String warningId, String enterprise, String enterpriseName, String district, String industry,
        String level, double score, boolean collectiveDispute, int workersReporting, long amountAtStakeFen,
        Map<String, Double> kindContributions, List<SignalContribution> signals, boolean legalHealthCheckRecommended,
        List<String> pushedTo, Instant raisedAt) implements DomainEvent {

    @Override
    public String subject() {
        return warningId;
    }

    @Override
    public String partitionKey() {
        return enterprise;
    }
}
