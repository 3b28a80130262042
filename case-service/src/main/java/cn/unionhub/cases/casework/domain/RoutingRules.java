package cn.unionhub.cases.casework.domain;

import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import java.util.List;

/**
 * Routing (分流): the first rule that matches decides; a case no rule takes goes to its district's
 * union (or, for an unknown district, to the fallback) — never nowhere.
 *
 * @param rules         in order of precedence
 * @param districtNames district code to name (from the register), for organisation names and the default
 * @param fallback      organisation for districts the register does not name
 */
public record RoutingRules(List<RoutingRule> rules, DistrictNames districtNames, String fallback) {

    public static final String DISTRICT_DEFAULT = "district-default";

    public RoutingRules {
        rules = List.copyOf(rules);
    }

    public RoutingDecision route(CaseFacts facts) {
        String districtName = districtNames.nameOf(facts.district());
        for (RoutingRule rule : rules) {
            if (rule.matches(facts)) {
                return new RoutingDecision(rule.name(), rule.organisationType(), rule.organisationName()
                        .replace("{enterpriseName}", facts.enterpriseName() == null ? "企业" : facts.enterpriseName())
                        .replace("{districtName}", districtName == null ? "" : districtName));
            }
        }
        return new RoutingDecision(DISTRICT_DEFAULT, HandlingOrganisationType.DISTRICT_UNION,
                districtName == null ? fallback : districtName + "总工会");
    }
}
