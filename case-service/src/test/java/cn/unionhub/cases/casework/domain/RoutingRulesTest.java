package cn.unionhub.cases.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.cases.routing.domain.HandlingOrganisation;
import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingRulesTest {

    private static final RoutingRules RULES = new RoutingRules(List.of(
            new RoutingRule("arrears-key-groups-to-mediation", Set.of("WAGES_ARREARS"), Set.of("GIG_WORKER", "MIGRANT_WORKER"),
                    Set.of(), null, null, null, HandlingOrganisationType.MEDIATION_ORGANISATION, "{districtName}劳动争议调解中心"),
            new RoutingRule("workplace-to-enterprise-union", Set.of("CANTEEN_DORMITORY_COMMUTE"), Set.of(), Set.of(), null, null, null,
                    HandlingOrganisationType.ENTERPRISE_UNION, "{enterpriseName}工会")),
            Map.of("330211", "镇海区")::get, "市总工会权益保障部");

    @Test
    void theFirstMatchingRuleDecidesAndSaysSo() {
        RoutingDecision commute = RULES.route(facts("CANTEEN_DORMITORY_COMMUTE", "REGULAR", "330211", "宁波富德能源有限公司"));
        RoutingDecision arrears = RULES.route(facts("WAGES_ARREARS", "GIG_WORKER", "330211", "某快递站点"));

        assertThat(commute).isEqualTo(new RoutingDecision("workplace-to-enterprise-union",
                new HandlingOrganisation(HandlingOrganisationType.ENTERPRISE_UNION, "91330211MA2H3K5Q1G"), "宁波富德能源有限公司工会"));
        assertThat(arrears.organisationName()).isEqualTo("镇海区劳动争议调解中心");
        assertThat(arrears.organisation().id()).isEqualTo("MEDIATION_ORGANISATION:330211");
    }

    @Test
    void aCaseNoRuleTakesGoesToItsDistrictUnionAndNeverNowhere() {
        assertThat(RULES.route(facts("WAGES_ARREARS", "REGULAR", "330211", null)))
                .isEqualTo(new RoutingDecision(RoutingRules.DISTRICT_DEFAULT,
                        new HandlingOrganisation(HandlingOrganisationType.DISTRICT_UNION, "330211"), "镇海区总工会"));
        RoutingDecision unknownDistrict = RULES.route(facts("OTHER", "REGULAR", "110105", null));
        assertThat(unknownDistrict.organisationName()).isEqualTo("市总工会权益保障部");
        assertThat(unknownDistrict.organisation()).isEqualTo(HandlingOrganisation.CITY);
    }

    @Test
    void aRuleWhoseOrganisationCannotBeToldFromTheCaseIsPassedOver() {
        // A hotline call about canteen food that names no enterprise: no enterprise union to send it to.
        CaseFacts noEnterprise = new CaseFacts("CANTEEN_DORMITORY_COMMUTE", "REGULAR", "330211", null, null,
                Case.Priority.NORMAL, Case.Source.HOTLINE_12351);
        assertThat(RULES.route(noEnterprise).organisation().id()).isEqualTo("DISTRICT_UNION:330211");
        // Wage arrears of a courier who could not say where: no district body, so the city union.
        CaseFacts noDistrict = new CaseFacts("WAGES_ARREARS", "GIG_WORKER", null, null, null, Case.Priority.GREEN_CHANNEL,
                Case.Source.HOTLINE_12351);
        assertThat(RULES.route(noDistrict).organisation()).isEqualTo(HandlingOrganisation.CITY);
    }

    @Test
    void anEnterpriseTheRegisterKnowsWithoutAUnionIsNotSentToOne() {
        RoutingRules rules = new RoutingRules(RULES.rules(), RULES.districtNames(), "91330211MA2H3K5Q1G"::equals, RULES.fallback());
        RoutingDecision commute = rules.route(facts("CANTEEN_DORMITORY_COMMUTE", "REGULAR", "330211", "宁波富德能源有限公司"));
        assertThat(commute.organisation().id()).isEqualTo("DISTRICT_UNION:330211");
        assertThat(commute.organisationName()).isEqualTo("镇海区总工会");
        assertThat(rules.serving(HandlingOrganisationType.ENTERPRISE_UNION, "91330211MA2H3K5Q1G", "330211")).isEmpty();
        assertThat(rules.serving(HandlingOrganisationType.ENTERPRISE_UNION, "91330206MA2J7P9K2C", "330206")).isPresent();
        assertThat(rules.serving(HandlingOrganisationType.MEDIATION_ORGANISATION, "91330211MA2H3K5Q1G", "330211")).isPresent();
    }

    @Test
    void urgencySourceAndEnterpriseCanDecideToo() {
        RoutingRules rules = new RoutingRules(List.of(
                new RoutingRule("opinion-first", Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(Case.Source.PUBLIC_OPINION),
                        HandlingOrganisationType.DISTRICT_UNION, "{districtName}总工会"),
                new RoutingRule("urgent-to-legal-aid", Set.of(), Set.of(), Set.of(), Set.of(), Set.of(Case.Priority.URGENT), Set.of(),
                        HandlingOrganisationType.LEGAL_AID_CENTRE, "市法律援助中心"),
                new RoutingRule("task-force", Set.of(), Set.of(), Set.of(), Set.of("91330206MA2J7P9K2C"), Set.of(), Set.of(),
                        HandlingOrganisationType.STREET_UNION, "港区工作专班")),
                Map.of("330211", "镇海区")::get, "市总工会权益保障部");

        assertThat(rules.route(new CaseFacts("OTHER", "REGULAR", "330211", "91330211MA2H3K5Q1G", null, Case.Priority.NORMAL,
                Case.Source.PUBLIC_OPINION)).rule()).isEqualTo("opinion-first");
        assertThat(rules.route(new CaseFacts("OTHER", "REGULAR", "330211", "91330211MA2H3K5Q1G", null, Case.Priority.URGENT,
                Case.Source.SUPERVISION)).rule()).isEqualTo("urgent-to-legal-aid");
        assertThat(rules.route(new CaseFacts("OTHER", "REGULAR", "330206", "91330206MA2J7P9K2C", null, Case.Priority.NORMAL,
                Case.Source.HOTLINE_12351)).organisationName()).isEqualTo("港区工作专班");
    }

    @Test
    void districtNamesAreReadWhenACaseIsRoutedSoADistrictTheRegisterNamesLaterIsUsedFromThen() {
        Map<String, String> register = new java.util.HashMap<>();
        RoutingRules rules = new RoutingRules(List.of(), register::get, "市总工会权益保障部");
        assertThat(rules.route(facts("OTHER", "REGULAR", "330212", null)).organisationName()).isEqualTo("市总工会权益保障部");

        register.put("330212", "鄞州区");

        assertThat(rules.route(facts("OTHER", "REGULAR", "330212", null)).organisationName()).isEqualTo("鄞州区总工会");
    }

    /** On a platform serving several cities, the city union is named after the case's city (when the register names it). */
    @Test
    void theCityUnionIsNamedAfterTheCasesCity() {
        Map<String, String> register = new java.util.HashMap<>(Map.of("370200", "青岛市"));
        RoutingRules rules = new RoutingRules(List.of(), register::get, "市总工会权益保障部");
        assertThat(rules.route(facts("OTHER", "REGULAR", "370299", null)).organisationName()).isEqualTo("青岛市总工会权益保障部");
        assertThat(rules.nameOf(HandlingOrganisation.CITY, null, "370212")).isEqualTo("青岛市总工会权益保障部");
        assertThat(rules.nameOf(HandlingOrganisation.CITY, null, "330211")).as("a city the register does not name")
                .isEqualTo("市总工会权益保障部");
    }

    private static CaseFacts facts(String category, String group, String district, String enterpriseName) {
        return new CaseFacts(category, group, district, "91330211MA2H3K5Q1G", enterpriseName, Case.Priority.NORMAL, Case.Source.FEEDBACK);
    }
}
