package cn.unionhub.cases.casework;

import cn.unionhub.platform.calendar.CalendarFiles;
import cn.unionhub.cases.casework.domain.CaseRules;
import cn.unionhub.cases.casework.domain.DistrictNames;
import cn.unionhub.cases.casework.domain.EnterpriseUnions;
import cn.unionhub.cases.casework.domain.EscalationLevel;
import cn.unionhub.cases.casework.domain.RoutingRule;
import cn.unionhub.cases.casework.domain.RoutingRules;
import cn.unionhub.cases.casework.domain.SlaPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code unionhub.cases.*}, kept in {@code case-rules.yml}: routing, SLA policies, the escalation
 * ladder and the watcher, as data. District names are not configured: they come from the register's
 * division events ({@link DistrictNames}).
 *
 * @param routing              routing rules, first match wins
 * @param fallbackOrganisation where cases of districts the register does not name go
 * @param sla                  SLA policies, first match wins; the last must match every case
 * @param warnBefore           how long before a deadline its handlers are warned (on the case's clock)
 * @param escalation           the supervision ladder (督办), level 1 first
 * @param calendarDirectory    extra holiday schedules (one {@code <name>.yml} per year) beside the shipped ones
 * @param watchInterval        how often the deadline watcher looks for cases whose time has come
 * @param categories           the categories hotline operators and supervisors may file cases under
 */
@ConfigurationProperties("unionhub.cases")
public record CaseProperties(
        @DefaultValue List<RoutingRule> routing,
        @DefaultValue("市总工会权益保障部") String fallbackOrganisation,
        @DefaultValue List<SlaPolicy> sla,
        @DefaultValue("4h") Duration warnBefore,
        @DefaultValue List<EscalationLevel> escalation,
        Path calendarDirectory,
        @DefaultValue("30s") Duration watchInterval,
        @DefaultValue List<String> categories) {

    public CaseRules rules(DistrictNames districtNames, EnterpriseUnions unions) {
        return new CaseRules(new RoutingRules(routing, districtNames, unions, fallbackOrganisation),
                CalendarFiles.load(calendarDirectory), sla, warnBefore, escalation);
    }
}
