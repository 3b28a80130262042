package cn.unionhub.cases.casework.domain;

import cn.unionhub.platform.calendar.BusinessCalendar;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything that decides where a case goes and how fast it must move, as data (case-rules.yml
 * and the calendar files): routing, SLA policies, the business calendar, the warning margin and
 * the escalation ladder. District names come from the register, not from configuration.
 *
 * @param warnBefore how long before a deadline (on the case's clock) its handlers are warned
 */
public record CaseRules(RoutingRules routing, BusinessCalendar calendar, List<SlaPolicy> policies, Duration warnBefore,
        List<EscalationLevel> escalation) {

    public CaseRules {
        policies = List.copyOf(policies);
        escalation = escalation.stream().sorted(Comparator.comparingInt(EscalationLevel::level)).toList();
        for (int i = 0; i < escalation.size(); i++) {
            if (escalation.get(i).level() != i + 1) {
                throw new IllegalArgumentException("escalation levels must be 1.." + escalation.size());
            }
        }
        if (policies.isEmpty() || !policies.get(policies.size() - 1).categories().isEmpty()
                || !policies.get(policies.size() - 1).priorities().isEmpty()) {
            throw new IllegalArgumentException("the last SLA policy must take every case");
        }
    }

    public SlaPolicy policyFor(String category, Case.Priority priority) {
        return policies.stream().filter(p -> p.matches(category, priority)).findFirst().orElseThrow();
    }

    public Optional<SlaPolicy> policyNamed(String name) {
        return policies.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The next rung above {@code level}, if the ladder goes that high. */
    public Optional<EscalationLevel> above(int level) {
        return level < escalation.size() ? Optional.of(escalation.get(level)) : Optional.empty();
    }

    String supervisor(EscalationLevel level, String district) {
        String districtName = routing.districtNames().nameOf(district);
        return level.organisation().replace("{districtName}", districtName == null ? "" : districtName);
    }
}
