package cn.unionhub.cases.casework.domain;

import cn.unionhub.cases.routing.domain.HandlingOrganisation;
import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import java.util.List;
import java.util.Optional;

/**
 * Routing (分流): the first rule that matches decides; a case no rule takes goes to its district's
 * union (or, for a district the register does not know, to the city union) — never nowhere.
 *
 * @param rules         in order of precedence
 * @param districtNames district code to name (from the register), for organisation names and the default
 * @param unions        which enterprises the register knows to have no union: a rule for the enterprise's union
 *                      passes them over (the next rule, or the district's union, takes the case)
 * @param fallback      organisation for districts the register does not name
 */
public record RoutingRules(List<RoutingRule> rules, DistrictNames districtNames, EnterpriseUnions unions, String fallback) {

    public static final String DISTRICT_DEFAULT = "district-default";
    public static final String CITY_DEFAULT = "city-default";

    public RoutingRules {
        rules = List.copyOf(rules);
    }

    /** Rules with a register that says nothing of enterprises' unions. */
    public RoutingRules(List<RoutingRule> rules, DistrictNames districtNames, String fallback) {
        this(rules, districtNames, EnterpriseUnions.UNKNOWN, fallback);
    }

    /**
     * The organisation of {@code type} that serves a case about this enterprise in this district, if there is one:
     * none for a kind the case names nothing for, nor the union of an enterprise the register knows to have none.
     */
    public Optional<HandlingOrganisation> serving(HandlingOrganisationType type, String enterprise, String district) {
        if (type == HandlingOrganisationType.ENTERPRISE_UNION && enterprise != null && unions.withoutKnownUnion(enterprise)) {
            return Optional.empty();
        }
        return HandlingOrganisation.serving(type, enterprise, district);
    }

    /** Whether the register names the district (a county-level division): a case may be transferred there. */
    public boolean namesDistrict(String code) {
        return cn.unionhub.security.Divisions.isValid(code) && !cn.unionhub.security.Divisions.isAboveCounty(code)
                && districtNames.nameOf(code) != null;
    }

    /**
     * Where a case about this enterprise belongs: for an employer the register does not know, the district its credit
     * code was registered in when the register names that district (a 宁波 worker's complaint about a 青岛 restaurant
     * went to the worker's district, where no transfer could reach 青岛); else the district the item names (the
     * worker's own, for an unknown employer).
     */
    public String placeOf(String enterprise, String reported) {
        if (enterprise == null || unions.registered(enterprise)) {
            return reported;
        }
        return cn.unionhub.security.Divisions.ofCreditCode(enterprise).filter(this::namesDistrict).orElse(reported);
    }

    /**
     * A rule is skipped when the organisation it names cannot be told from the case: an enterprise
     * union for a case that names no enterprise (or an enterprise the register knows to have no union:
     * its workers' complaints would wait where nobody works them), a district body for one that names
     * no district.
     */
    public RoutingDecision route(CaseFacts facts) {
        String districtName = facts.district() == null ? null : districtNames.nameOf(facts.district());
        for (RoutingRule rule : rules) {
            if (rule.matches(facts)) {
                var organisation = serving(rule.organisationType(), facts.enterprise(), facts.district());
                if (organisation.isPresent()) {
                    return new RoutingDecision(rule.name(), organisation.get(), rule.organisationName()
                            .replace("{enterpriseName}", facts.enterpriseName() == null ? "企业" : facts.enterpriseName())
                            .replace("{districtName}", districtName == null ? "" : districtName));
                }
            }
        }
        return districtName == null
                ? new RoutingDecision(CITY_DEFAULT, HandlingOrganisation.CITY, cityUnion(facts.district()))
                : new RoutingDecision(DISTRICT_DEFAULT, new HandlingOrganisation(HandlingOrganisationType.DISTRICT_UNION,
                        facts.district()), districtName + "总工会");
    }

    /**
     * The name of an organisation a case is transferred or sent up to, in the words routing uses; the city union named
     * after the city of {@code district} (the case's):
     * on a platform serving several cities "市总工会权益保障部" told a worker nothing about which (exploratory test,
     * 2026-12-04).
     */
    public String nameOf(HandlingOrganisation organisation, String enterpriseName, String district) {
        String districtName = organisation.scope() == null ? null : districtNames.nameOf(organisation.scope());
        return switch (organisation.type()) {
            case CITY_UNION -> cityUnion(district);
            case ENTERPRISE_UNION -> (enterpriseName == null ? "企业" : enterpriseName) + "工会";
            case DISTRICT_UNION -> prefix(districtName) + "总工会";
            case STREET_UNION -> prefix(districtName) + "镇街工会";
            case MEDIATION_ORGANISATION -> prefix(districtName) + "劳动争议调解中心";
            case LEGAL_AID_CENTRE -> prefix(districtName) + "法律援助中心";
            case LABOR_INSPECTION -> prefix(districtName) + "劳动保障监察大队";
        };
    }

    /** The fallback organisation in the city of {@code district}: 宁波市总工会权益保障部 for 市总工会权益保障部. */
    private String cityUnion(String district) {
        if (district == null || !cn.unionhub.security.Divisions.isValid(district) || !fallback.startsWith("市")) {
            return fallback;
        }
        String city = districtNames.nameOf(cn.unionhub.security.Divisions.cityOf(district));
        return city == null || !city.endsWith("市") ? fallback : city + fallback.substring(1);
    }

    private static String prefix(String districtName) {
        return districtName == null ? "" : districtName;
    }
}
