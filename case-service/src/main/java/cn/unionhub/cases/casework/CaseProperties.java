package cn.unionhub.cases.casework;

import cn.unionhub.cases.casework.domain.RoutingRule;
import cn.unionhub.cases.casework.domain.RoutingRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code unionhub.cases.*}, kept in {@code case-rules.yml}: routing rules and response times as data.
 *
 * @param firstResponse      time to the first response to the worker (the 24-hour rule)
 * @param greenFirstResponse shorter time for key groups (green channel)
 * @param districts          district code to name
 * @param routing            routing rules, first match wins
 * @param fallbackOrganisation where cases of unconfigured districts go
 */
@ConfigurationProperties("unionhub.cases")
public record CaseProperties(
        @DefaultValue("24h") Duration firstResponse,
        @DefaultValue("12h") Duration greenFirstResponse,
        @DefaultValue Map<String, String> districts,
        @DefaultValue List<RoutingRule> routing,
        @DefaultValue("市总工会权益保障部") String fallbackOrganisation) {

    public RoutingRules routingRules() {
        return new RoutingRules(routing, districts, fallbackOrganisation);
    }
}
