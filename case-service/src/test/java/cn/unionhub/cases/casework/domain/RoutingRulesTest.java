package cn.unionhub.cases.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingRulesTest {

    private static final RoutingRules RULES = new RoutingRules(List.of(
            new RoutingRule("arrears-key-groups-to-mediation", Set.of("WAGES_ARREARS"), Set.of("GIG_WORKER", "MIGRANT_WORKER"),
                    Set.of(), HandlingOrganisationType.MEDIATION_ORGANISATION, "{districtName}劳动争议调解中心"),
            new RoutingRule("workplace-to-enterprise-union", Set.of("CANTEEN_DORMITORY_COMMUTE"), Set.of(), Set.of(),
                    HandlingOrganisationType.ENTERPRISE_UNION, "{enterpriseName}工会")),
            Map.of("330211", "镇海区"), "市总工会权益保障部");

    @Test
    void theFirstMatchingRuleDecidesAndSaysSo() {
        RoutingDecision commute = RULES.route(new CaseFacts("CANTEEN_DORMITORY_COMMUTE", "REGULAR", "330211", "宁波富德能源有限公司"));
        RoutingDecision arrears = RULES.route(new CaseFacts("WAGES_ARREARS", "GIG_WORKER", "330211", "某快递站点"));

        assertThat(commute).isEqualTo(new RoutingDecision("workplace-to-enterprise-union",
                HandlingOrganisationType.ENTERPRISE_UNION, "宁波富德能源有限公司工会"));
        assertThat(arrears.organisationName()).isEqualTo("镇海区劳动争议调解中心");
    }

    @Test
    void aCaseNoRuleTakesGoesToItsDistrictUnionAndNeverNowhere() {
        assertThat(RULES.route(new CaseFacts("WAGES_ARREARS", "REGULAR", "330211", null)))
                .isEqualTo(new RoutingDecision(RoutingRules.DISTRICT_DEFAULT, HandlingOrganisationType.DISTRICT_UNION, "镇海区总工会"));
        assertThat(RULES.route(new CaseFacts("OTHER", "REGULAR", "110105", null)).organisationName()).isEqualTo("市总工会权益保障部");
    }

    @Test
    void keyGroupsGetTheGreenChannelAndAShorterFirstResponseDeadline() {
        Instant now = Instant.parse("2026-11-21T02:00:00Z");
        FeedbackSubmitted courier = new FeedbackSubmitted("fb-1", "ZGDP-20261121-AAAAAA", "APPEAL", "WAGES_ARREARS", "HOTLINE_12351",
                true, "GIG_WORKER", "91330211MA2H3K5Q1G", null, "330211", false, "快递员工资被拖欠", Map.of(), Map.of(), now);

        Case.Opened opened = Case.openFromFeedback(courier, RULES.route(new CaseFacts("WAGES_ARREARS", "GIG_WORKER", "330211", null)),
                "GD-20261121-BBBBBB", Duration.ofHours(24), Duration.ofHours(12), now);

        assertThat(opened.opened().priority()).isEqualTo(Case.Priority.GREEN_CHANNEL);
        assertThat(opened.opened().firstResponseDueAt()).isEqualTo(now.plus(Duration.ofHours(12)));
        assertThat(opened.opened().id()).isEqualTo(Case.idForFeedback("fb-1"));
        assertThat(opened.events()).hasSize(2);
    }
}
