package cn.unionhub.cases.casework.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.cases.registry.RegisterCopy;
import cn.unionhub.cases.registry.RegisterFixtures;
import cn.unionhub.security.Role;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.TestTokens;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #12, the access matrix per organisation: a case about 宁波富德能源 (镇海区) routed to each kind
 * of handling organisation in turn, and every organisation's staff trying to supervise (督办) and to
 * take it on (受理). Only the organisation it is routed to works it; only the levels above it (the
 * district union, the city union) supervise; everyone else is refused and the case stays as it was.
 */
@IntegrationTest
class CaseActionMatrixIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every organisation with staff who might try, by the id of the organisation they belong to. */
    private static final Map<String, String> STAFF = new LinkedHashMap<>();

    static {
        STAFF.put("ENTERPRISE_UNION:" + People.Enterprises.FUDE_ENERGY, People.CHAIR_FUDE.token());
        STAFF.put("DISTRICT_UNION:330211", People.DISTRICT_ZHENHAI.token());
        STAFF.put("CITY_UNION", People.CITY_STAFF.token());
        STAFF.put("MEDIATION_ORGANISATION:330211", People.HANDLER_MEDIATOR.token());
        STAFF.put("LEGAL_AID_CENTRE:330211", desk("legal-aid-desk", "LEGAL_AID_CENTRE:330211"));
        STAFF.put("LABOR_INSPECTION:330211", desk("inspection-desk", "LABOR_INSPECTION:330211"));
        STAFF.put("DISTRICT_UNION:330206", People.DISTRICT_BEILUN.token());
        STAFF.put("ENTERPRISE_UNION:" + People.Enterprises.BEILUN_PORT_LOGISTICS, People.CHAIR_BEILUN.token());
        STAFF.put("worker", People.WORKER_ZHANG_WEI.token());
    }

    @Value("${local.server.port}")
    int port;

    @BeforeEach
    void districtsRegistered(@Autowired RegisterCopy register) {
        RegisterFixtures.registerPilotDistricts(register);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DISTRICT_UNION", "ENTERPRISE_UNION", "MEDIATION_ORGANISATION", "LEGAL_AID_CENTRE", "LABOR_INSPECTION"})
    void onlyTheAssignedOrganisationWorksTheCaseAndOnlyTheLevelsAboveItSupervise(String routedTo) {
        ApiClient api = new ApiClient(port);
        String district = STAFF.get("DISTRICT_UNION:330211");
        HttpResponse<String> filed = api.post("/api/v1/cases/hotline-orders", """
                {"reference":"12351-MATRIX-%s","category":"OTHER","enterprise":"%s","district":"330211","workerGroup":"REGULAR",
                 "summary":"职工反映劳动合同问题"}""".formatted(UUID.randomUUID().toString().substring(0, 8),
                People.Enterprises.FUDE_ENERGY), district);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String path = "/api/v1/cases/" + JSON.readTree(filed.body()).path("caseNumber").asString();
        if (!routedTo.equals("DISTRICT_UNION")) {
            HttpResponse<String> moved = api.post(path + "/transfer",
                    "{\"organisationType\":\"" + routedTo + "\",\"reason\":\"按职责转办\"}", district);
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        }
        String assigned = JSON.readTree(api.get(path, district).body()).path("organisationId").asString();
        assertThat(assigned).startsWith(routedTo);
        Set<String> above = assigned.equals("DISTRICT_UNION:330211") ? Set.of("CITY_UNION")
                : Set.of("DISTRICT_UNION:330211", "CITY_UNION");

        Map<String, Integer> supervised = new LinkedHashMap<>();
        Map<String, Integer> accepted = new LinkedHashMap<>();
        STAFF.forEach((organisation, token) -> supervised.put(organisation,
                api.post(path + "/supervision", "{\"text\":\"请按时办结\"}", token).statusCode()));
        STAFF.forEach((organisation, token) -> {
            if (!organisation.equals(assigned)) {
                accepted.put(organisation, api.post(path + "/acceptance", "{}", token).statusCode());
            }
        });
        assertThat(JSON.readTree(api.get(path, district).body()).path("status").asString())
                .as("every refusal left the case as it was").isEqualTo("ROUTED");
        accepted.put(assigned, api.post(path + "/acceptance", "{}", STAFF.get(assigned)).statusCode());

        supervised.forEach((organisation, status) -> {
            if (above.contains(organisation)) {
                assertThat(status).as("%s supervises a case routed to %s", organisation, assigned).isEqualTo(200);
            } else {
                assertThat(status).as("%s supervises a case routed to %s", organisation, assigned).isIn(403, 404);
            }
        });
        accepted.forEach((organisation, status) -> {
            if (organisation.equals(assigned)) {
                assertThat(status).as("%s takes on its own case", organisation).isEqualTo(200);
            } else {
                assertThat(status).as("%s takes on a case routed to %s", organisation, assigned).isIn(403, 404);
            }
        });
        // Those who cannot see the case at all are told it does not exist, not that it is someone else's.
        assertThat(accepted.get("DISTRICT_UNION:330206")).isEqualTo(404);
        assertThat(accepted.get("ENTERPRISE_UNION:" + People.Enterprises.BEILUN_PORT_LOGISTICS)).isEqualTo(404);
    }

    private static String desk(String subject, String organisation) {
        return TestTokens.token().subject(subject).roles(Role.HANDLER).district("330211").organisation(organisation).build();
    }
}
