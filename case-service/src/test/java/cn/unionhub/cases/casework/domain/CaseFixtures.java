package cn.unionhub.cases.casework.domain;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.calendar.SlaClock;
import cn.unionhub.platform.calendar.CalendarFiles;
import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules of case-rules.yml in miniature, and cases to try them on. */
final class CaseFixtures {

    static final BusinessCalendar CALENDAR = CalendarFiles.load(null);
    static final RoutingRules ROUTING = new RoutingRules(List.of(
            new RoutingRule("arrears-key-groups-to-mediation", Set.of("WAGES_ARREARS"), Set.of("GIG_WORKER", "MIGRANT_WORKER"),
                    Set.of(), null, null, null, HandlingOrganisationType.MEDIATION_ORGANISATION, "{districtName}劳动争议调解中心"),
            new RoutingRule("workplace-to-enterprise-union", Set.of("CANTEEN_DORMITORY_COMMUTE"), Set.of(), Set.of(), null, null,
                    null, HandlingOrganisationType.ENTERPRISE_UNION, "{enterpriseName}工会")),
            Map.of("330211", "镇海区")::get, "市总工会权益保障部");
    static final CaseRules RULES = rulesOn(CALENDAR);
    static final Case.By CHAIR = new Case.By("chair-wang-fang", "ENTERPRISE_UNION");

    private CaseFixtures() {
    }

    /** The same rules on another calendar (tests that publish a year must not change the shared one). */
    static CaseRules rulesOn(BusinessCalendar calendar) {
        return new CaseRules(ROUTING, calendar, List.of(
            new SlaPolicy("green-channel", Set.of(), Set.of(Case.Priority.GREEN_CHANNEL), Duration.ofHours(12), Duration.ofDays(5),
                    SlaClock.NATURAL),
            new SlaPolicy("standard", Set.of(), Set.of(), Duration.ofHours(24), Duration.ofDays(15), SlaClock.WORKING_DAYS)),
            Duration.ofHours(4), List.of(new EscalationLevel(1, Duration.ZERO, "{districtName}总工会"),
                    new EscalationLevel(2, Duration.ofHours(24), "市总工会")));
    }

    static Instant beijing(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BusinessCalendar.BEIJING).toInstant();
    }

    static Case.Intake commute(String workerGroup) {
        return new Case.Intake("case-fb-1", Case.Source.FEEDBACK, "fb-1", "fb-1", "ZGDP-20261121-AAAAAA",
                new Case.Matter("CANTEEN_DORMITORY_COMMUTE", "91330211MA2H3K5Q1G", "宁波富德能源有限公司", "330211", workerGroup,
                        "MINI_PROGRAM", "上下班单程要一个多小时", null, null), false, Case.By.WORKER);
    }

    static Case opened(Case.Intake intake, Instant at) {
        return opened(intake, RULES, at);
    }

    static Case opened(Case.Intake intake, CaseRules rules, Instant at) {
        Case.Priority priority = Case.priorityOf(intake);
        return Case.open(intake, ROUTING.route(CaseFacts.of(intake.matter(), priority, intake.source())), rules,
                "GD-20261121-BBBBBB", at).changed();
    }

    static Case opened(Instant at) {
        return opened(commute("REGULAR"), at);
    }
}
