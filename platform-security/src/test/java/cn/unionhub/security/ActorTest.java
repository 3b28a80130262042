package cn.unionhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ActorTest {

    private static final String FUDE = "91330211MA2H3K5Q1X";
    private static final String OTHER = "91330205MA2J7P9K2Y";
    private static final String ZHENHAI = "330211";

    @Test
    void enterpriseUnionSeesOnlyItsEnterprise() {
        Actor chair = new Actor("chair-wang", Set.of(Role.ENTERPRISE_UNION), FUDE, ZHENHAI);
        assertThat(chair.canSee(FUDE, ZHENHAI)).isTrue();
        assertThat(chair.canSee(OTHER, ZHENHAI)).isFalse();
    }

    @Test
    void districtStaffSeeTheirDistrictOnly() {
        Actor staff = new Actor("staff-chen", Set.of(Role.DISTRICT_UNION), null, ZHENHAI);
        assertThat(staff.canSee(OTHER, ZHENHAI)).isTrue();
        assertThat(staff.canSee(FUDE, "330205")).isFalse();
    }

    @Test
    void workersAndAnonymousCallersSeeNoTenantData() {
        assertThat(new Actor("worker-zhang", Set.of(Role.WORKER), FUDE, ZHENHAI).canSee(FUDE, ZHENHAI)).isFalse();
        assertThat(Actor.anonymous().canSee(FUDE, ZHENHAI)).isFalse();
        assertThat(Actor.anonymous().isAnonymous()).isTrue();
    }

    @Test
    void platformRolesSeeEveryTenant() {
        for (Role role : Set.of(Role.ADMIN, Role.GOV_SYSTEM)) {
            assertThat(new Actor("x", Set.of(role), null, null).canSee(OTHER, "330205")).as(role.name()).isTrue();
        }
        for (String body : Set.of("MEDIATION_ORGANISATION:330211", "LEGAL_AID_CENTRE:330211", "LABOR_INSPECTION:330211")) {
            Actor handler = new Actor("h", Set.of(Role.HANDLER), null, null, body);
            assertThat(handler.canSee(OTHER, "330205")).as(body).isTrue();
            assertThat(handler.scope()).contains(Actor.Scope.EVERYTHING);
        }
    }

    @Test
    void judgesAndStationManagersWithTheHandlerRoleSeeNoTenantsData() {
        Actor judge = new Actor("judge-chief-he", Set.of(Role.HANDLER), null, null);
        Actor stationManager = new Actor("manager-fj-350203-0002", Set.of(Role.HANDLER), null, null, "STATION:FJ-350203-0002");
        Actor judgeOfAnEnterprise = new Actor("judge-zh-shihua", Set.of(Role.HANDLER), OTHER, "330205");
        for (Actor actor : new Actor[] {judge, stationManager, judgeOfAnEnterprise}) {
            assertThat(actor.seesEverything()).as(actor.subject()).isFalse();
            assertThat(actor.canSee(OTHER, "330205")).as(actor.subject()).isFalse();
            assertThat(actor.isEnterpriseSide()).isFalse();
        }
        assertThat(judge.scope()).isEmpty();
        assertThat(stationManager.scope()).isEmpty();
        assertThat(judgeOfAnEnterprise.scope()).as("his employer is not his tenant").isEmpty();
        assertThat(new Actor("w", Set.of(Role.WORKER), OTHER, "330205").scope()).as("nor a worker's").isEmpty();
    }

    @Test
    void cityUnionStaffSeeTheWholeCityAndOnlyTheOrganisationNameGivesThatReach() {
        Actor city = new Actor("staff-sun", Set.of(Role.DISTRICT_UNION), null, null, Actor.CITY_UNION);
        assertThat(city.canSee(OTHER, "330205")).isTrue();
        assertThat(city.scope()).contains(Actor.Scope.EVERYTHING);
        // A worker or an enterprise chair whose token names the city union gains nothing by it.
        assertThat(new Actor("w", Set.of(Role.WORKER), null, null, Actor.CITY_UNION).canSee(OTHER, "330205")).isFalse();
        assertThat(new Actor("c", Set.of(Role.ENTERPRISE_UNION), FUDE, ZHENHAI, Actor.CITY_UNION).canSee(OTHER, ZHENHAI)).isFalse();
    }
}
