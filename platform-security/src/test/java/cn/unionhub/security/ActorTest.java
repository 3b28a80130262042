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
        // An installation for one city names no division for its city-wide bodies.
        for (String body : Set.of("MEDIATION_ORGANISATION", "LEGAL_AID_CENTRE", "LABOR_INSPECTION")) {
            Actor handler = new Actor("h", Set.of(Role.HANDLER), null, null, body);
            assertThat(handler.canSee(OTHER, "370212")).as(body).isTrue();
            assertThat(handler.scope()).contains(Actor.Scope.EVERYTHING);
        }
    }

    @Test
    void disputeBodiesOfADistrictSeeTheirDistrictAndACitysBodiesTheirCity() {
        for (String body : Set.of("MEDIATION_ORGANISATION:330211", "LEGAL_AID_CENTRE:330211", "LABOR_INSPECTION:330211")) {
            Actor handler = new Actor("h", Set.of(Role.HANDLER), null, null, body);
            assertThat(handler.seesEverything()).as(body).isFalse();
            assertThat(handler.canSee(OTHER, ZHENHAI)).as(body).isTrue();
            // It saw the whole city (named workers' complaints of districts it never works): a transfer now moves the case.
            assertThat(handler.canSee(OTHER, "330206")).as(body + ": another district of the city").isFalse();
            assertThat(handler.canSee(OTHER, "370212")).as(body + ": 青岛 is another city").isFalse();
            assertThat(handler.canSee(OTHER, null)).as(body).isFalse();
            assertThat(handler.scope()).contains(new Actor.Scope(null, ZHENHAI));
        }
        Actor qingdao = new Actor("handler-qingdao", Set.of(Role.HANDLER), null, null, "MEDIATION_ORGANISATION:370212");
        assertThat(qingdao.canSee(FUDE, ZHENHAI)).isFalse();
        assertThat(qingdao.canSee(OTHER, "370212")).isTrue();
        Actor cityBrigade = new Actor("h", Set.of(Role.HANDLER), null, null, "LABOR_INSPECTION:330200");
        assertThat(cityBrigade.canSee(OTHER, "330206")).as("a city's brigade sees its city").isTrue();
        // A claim that names no code sees nothing rather than everything.
        assertThat(new Actor("h", Set.of(Role.HANDLER), null, null, "MEDIATION_ORGANISATION:zhenhai").canSee(OTHER, ZHENHAI)).isFalse();
    }

    @Test
    void aCityOrProvinceOfficeSeesTheDistrictsInItsDivision() {
        Actor ningbo = new Actor("staff-ningbo-city", Set.of(Role.DISTRICT_UNION), null, "330200");
        assertThat(ningbo.canSee(OTHER, ZHENHAI)).isTrue();
        assertThat(ningbo.canSee(OTHER, "370212")).isFalse();
        assertThat(ningbo.scope()).contains(new Actor.Scope(null, "330200"));
        assertThat(ningbo.isUnionOver(ZHENHAI)).isTrue();
        assertThat(ningbo.isUnionOver("370212")).isFalse();
        Actor zhejiang = new Actor("staff-zhejiang", Set.of(Role.DISTRICT_UNION), null, "330000");
        assertThat(zhejiang.canSee(OTHER, ZHENHAI)).isTrue();
        assertThat(zhejiang.canSee(OTHER, "350203")).isFalse();
        Actor county = new Actor("staff-chen", Set.of(Role.DISTRICT_UNION), null, ZHENHAI);
        assertThat(county.isUnionOver(ZHENHAI)).isTrue();
        assertThat(county.isUnionOver("330206")).isFalse();
    }

    @Test
    void aCityUnionNamedForItsCitySeesThatCityOnly() {
        Actor byDistrictClaim = new Actor("staff-sun", Set.of(Role.DISTRICT_UNION), null, "330200", Actor.CITY_UNION);
        Actor byOrganisation = new Actor("staff-sun", Set.of(Role.DISTRICT_UNION), null, null, Actor.CITY_UNION + ":330200");
        for (Actor city : new Actor[] {byDistrictClaim, byOrganisation}) {
            assertThat(city.isCityUnion()).isTrue();
            assertThat(city.seesEverything()).isFalse();
            assertThat(city.canSee(OTHER, ZHENHAI)).isTrue();
            assertThat(city.canSee(OTHER, "370212")).isFalse();
            assertThat(city.scope()).contains(new Actor.Scope(null, "330200"));
            assertThat(city.isUnionOver("330206")).isTrue();
            assertThat(city.isUnionOver("370212")).isFalse();
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
        assertThat(city.isUnionOver("370212")).isTrue();
        // A worker or an enterprise chair whose token names the city union gains nothing by it.
        assertThat(new Actor("w", Set.of(Role.WORKER), null, null, Actor.CITY_UNION).canSee(OTHER, "330205")).isFalse();
        assertThat(new Actor("c", Set.of(Role.ENTERPRISE_UNION), FUDE, ZHENHAI, Actor.CITY_UNION).canSee(OTHER, ZHENHAI)).isFalse();
    }
}
