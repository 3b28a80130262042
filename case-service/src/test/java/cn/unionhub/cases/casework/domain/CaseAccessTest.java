package cn.unionhub.cases.casework.domain;

import static cn.unionhub.cases.casework.domain.CaseFixtures.opened;
import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.cases.routing.domain.HandlingOrganisation;
import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Routing decides who works a case; the levels above supervise; nobody else acts on it. */
class CaseAccessTest {

    private static final String FUDE = "91330211MA2H3K5Q1G";
    private static final Instant NOW = CaseFixtures.beijing("2026-11-23T09:00");

    private static final Actor FUDE_CHAIR = new Actor("chair-wang-fang", Set.of(Role.ENTERPRISE_UNION), FUDE, "330211");
    private static final Actor OTHER_CHAIR = new Actor("chair-zhao-lei", Set.of(Role.ENTERPRISE_UNION), "91330206MA2J7P9K2C", "330206");
    private static final Actor ZHENHAI_STAFF = new Actor("staff-chen-jing", Set.of(Role.DISTRICT_UNION), null, "330211");
    private static final Actor BEILUN_STAFF = new Actor("staff-b", Set.of(Role.DISTRICT_UNION), null, "330206");
    private static final Actor ZHENHAI_MEDIATOR = new Actor("handler-liu-yang", Set.of(Role.HANDLER), null, null,
            "MEDIATION_ORGANISATION:330211");
    private static final Actor HOTLINE_OPERATOR = new Actor("operator", Set.of(Role.HANDLER), null, null);
    private static final Actor CITY_STAFF = new Actor("staff-sun-li", Set.of(Role.DISTRICT_UNION), null, null, "CITY_UNION");
    private static final Actor ADMIN = new Actor("admin-zhou", Set.of(Role.ADMIN), null, null);
    private static final Actor WORKER = new Actor("worker-zhang-wei", Set.of(Role.WORKER), FUDE, "330211");

    @Test
    void aCaseRoutedToTheDistrictIsNotTheEnterpriseUnionsToAnswerOrResolve() {
        Case wages = routedTo(HandlingOrganisationType.DISTRICT_UNION, "330211");

        assertThat(CaseAccess.mayWork(wages, FUDE_CHAIR)).isFalse(); // the enterprise complained about
        assertThat(CaseAccess.mayTransfer(wages, FUDE_CHAIR)).isFalse();
        assertThat(CaseAccess.maySupervise(wages, FUDE_CHAIR)).isFalse();
        assertThat(CaseAccess.mayWork(wages, ZHENHAI_STAFF)).isTrue();
        assertThat(CaseAccess.mayWork(wages, BEILUN_STAFF)).isFalse();
        assertThat(CaseAccess.mayWork(wages, CITY_STAFF)).isFalse();
        assertThat(CaseAccess.maySupervise(wages, CITY_STAFF)).isTrue();
        assertThat(CaseAccess.mayTransfer(wages, CITY_STAFF)).isTrue();
    }

    @Test
    void theEnterpriseUnionWorksTheCasesRoutedToItAndTheLevelsAboveSupervise() {
        Case commute = opened(NOW); // routed to 宁波富德能源有限公司工会

        assertThat(CaseAccess.mayWork(commute, FUDE_CHAIR)).isTrue();
        assertThat(CaseAccess.mayWork(commute, OTHER_CHAIR)).isFalse();
        assertThat(CaseAccess.mayWork(commute, ZHENHAI_STAFF)).isFalse();
        assertThat(CaseAccess.maySupervise(commute, ZHENHAI_STAFF)).isTrue();
        assertThat(CaseAccess.maySupervise(commute, CITY_STAFF)).isTrue();
        assertThat(CaseAccess.maySupervise(commute, BEILUN_STAFF)).isFalse();
        assertThat(CaseAccess.maySupervise(commute, FUDE_CHAIR)).isFalse(); // not above itself
    }

    @Test
    void handlersWorkOnlyTheCasesOfTheirOwnOrganisation() {
        Case mediation = routedTo(HandlingOrganisationType.MEDIATION_ORGANISATION, "330211");
        Case labourInspection = routedTo(HandlingOrganisationType.LABOR_INSPECTION, "330211");

        assertThat(CaseAccess.mayWork(mediation, ZHENHAI_MEDIATOR)).isTrue();
        assertThat(CaseAccess.mayWork(labourInspection, ZHENHAI_MEDIATOR)).isFalse();
        assertThat(CaseAccess.maySupervise(mediation, ZHENHAI_STAFF)).isTrue();
        // A handler of no organisation (a hotline operator files cases), an administrator, a worker: none works a case.
        for (Actor nobody : new Actor[] {HOTLINE_OPERATOR, ADMIN, WORKER}) {
            assertThat(CaseAccess.mayWork(mediation, nobody)).as(nobody.subject()).isFalse();
            assertThat(CaseAccess.maySupervise(mediation, nobody)).as(nobody.subject()).isFalse();
        }
    }

    @Test
    void anOrganisationClaimThatContradictsTheAccountIsNotHonoured() {
        Case wages = routedTo(HandlingOrganisationType.DISTRICT_UNION, "330211");
        Actor chairClaimingTheDistrict = new Actor("chair-wang-fang", Set.of(Role.ENTERPRISE_UNION), FUDE, "330211",
                "DISTRICT_UNION:330211");
        Actor otherDistrictClaimingZhenhai = new Actor("staff-b", Set.of(Role.DISTRICT_UNION), null, "330206",
                "DISTRICT_UNION:330211");

        assertThat(CaseAccess.mayWork(wages, chairClaimingTheDistrict)).isFalse();
        assertThat(CaseAccess.mayWork(wages, otherDistrictClaimingZhenhai)).isFalse();
        assertThat(HandlingOrganisation.parse("NOT_A_KIND:1")).isEmpty();
    }

    private static Case routedTo(HandlingOrganisationType type, String scope) {
        Case c = opened(NOW);
        HandlingOrganisation to = new HandlingOrganisation(type, scope);
        return c.transfer(Case.By.SYSTEM, to, type.name(), "测试分流", NOW).changed();
    }
}
