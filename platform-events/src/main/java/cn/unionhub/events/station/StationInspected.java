package cn.unionhub.events.station;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A 六有 inspection: whether the station passed and which items it failed (never who inspected).
 *
 * @param number the unified number
 * @param district its district
 * @param passed all six items met, map information current
 * @param failed the items not met (SixHaves)
 * @param inspectedAt when
 */
@EventContract(type = "cn.unionhub.station.inspected.v1", topic = Topics.STATION)
public record StationInspected(String number, String district, boolean passed, java.util.List<String> failed, Instant inspectedAt) implements DomainEvent {

    @Override
    public String subject() {
        return number;
    }
}
