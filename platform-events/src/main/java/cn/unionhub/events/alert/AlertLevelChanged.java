package cn.unionhub.events.alert;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An open warning's level changed: upgrades as soon as the score (or a collective dispute) reaches
 * a higher level, downgrades only after the score stayed lower for the configured time. Key: the
 * enterprise's unified social credit code.
 *
 * @param warningId         aggregate id
 * @param enterprise        unified social credit code
 * @param district          administrative division code, when known
 * @param previousLevel     level before
 * @param level             level now
 * @param direction         UPGRADE or DOWNGRADE
 * @param score             the score now
 * @param collectiveDispute whether a collective dispute is detected now
 * @param kindContributions score points per signal kind
 * @param signals           the strongest signals and their contributions
 * @param changedAt         when
 */
@EventContract(type = "cn.unionhub.alert.level-changed.v1", topic = Topics.ALERT)
public record AlertLevelChanged(String warningId, String enterprise, String district, String previousLevel, String level,
        String direction, double score, boolean collectiveDispute, Map<String, Double> kindContributions,
        List<SignalContribution> signals, Instant changedAt) implements DomainEvent {

    @Override
    public String subject() {
        return warningId;
    }

    @Override
    public String partitionKey() {
        return enterprise;
    }
}
