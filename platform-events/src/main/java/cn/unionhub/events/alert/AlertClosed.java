package cn.unionhub.events.alert;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A warning was closed: a false positive, or a confirmed risk after joint disposal (联动处置) and
 * service docking (服务对接), with notes on governing the source (源头治理). Key: the enterprise.
 *
 * @param warningId       aggregate id
 * @param enterprise      unified social credit code
 * @param district        administrative division code, when known
 * @param level           the warning's level when closed
 * @param verdict         CONFIRMED or FALSE_POSITIVE
 * @param disposal        what was done jointly (confirmed warnings)
 * @param docking         which services were docked (confirmed warnings)
 * @param governanceNotes source-governance notes
 * @param closedAt        when
 */
@EventContract(type = "cn.unionhub.alert.closed.v1", topic = Topics.ALERT)
public record AlertClosed(String warningId, String enterprise, String district, String level, String verdict,
        String disposal, String docking, String governanceNotes, Instant closedAt) implements DomainEvent {

    @Override
    public String subject() {
        return warningId;
    }

    @Override
    public String partitionKey() {
        return enterprise;
    }
}
