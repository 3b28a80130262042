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
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routing decides who works a case (issue #12): the union of the enterprise complained about can
 * read a case routed to the district but cannot accept, answer, resolve or pass it on; the district
 * union works it and may transfer it (转办) to the mediation centre, after which only the mediators
 * work it and the district supervises (督办); every refusal leaves the case as it was.
 */
@IntegrationTest
class CaseRoutingIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    @BeforeEach
    void districtsRegistered(@Autowired RegisterCopy register) {
        RegisterFixtures.registerPilotDistricts(register);
    }

    @Test
    void onlyTheOrganisationACaseIsRoutedToWorksItAndTheLevelsAboveSuperviseAndTransfer() {
        ApiClient api = new ApiClient(port);
        String chair = People.CHAIR_FUDE.token();
        String district = People.DISTRICT_ZHENHAI.token();
        String mediator = People.HANDLER_MEDIATOR.token();
        // Wage arrears of regular staff go to the district union's rights department, not to the enterprise's union.
        HttpResponse<String> filed = api.post("/api/v1/cases/hotline-orders", """
                {"reference":"12351-ROUTE-%s","category":"WAGES_ARREARS","enterprise":"%s","enterpriseName":"宁波富德能源有限公司",
                 "district":"330211","workerGroup":"REGULAR","summary":"车间三十人两个月未发工资",
                 "amountOwedFen":3000000,"workersAffected":30}""".formatted(UUID.randomUUID().toString().substring(0, 8),
                People.Enterprises.FUDE_ENERGY), mediator);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        JsonNode opened = JSON.readTree(filed.body());
        String caseNumber = opened.path("caseNumber").asString();
        assertThat(opened.path("organisationId").asString()).isEqualTo("DISTRICT_UNION:330211");
        String path = "/api/v1/cases/" + caseNumber;

        // The enterprise's chair sees the case about their enterprise, but none of the work is theirs.
        assertThat(api.get(path, chair).statusCode()).isEqualTo(200);
        for (String[] step : new String[][] {{"/acceptance", "{}"}, {"/responses", "{\"text\":\"情况不属实\"}"},
                {"/resolution", "{\"outcome\":\"UNFOUNDED\",\"summary\":\"经核实不存在欠薪\"}"},
                {"/transfer", "{\"organisationType\":\"ENTERPRISE_UNION\",\"reason\":\"企业内部处理\"}"},
                {"/supervision", "{\"text\":\"请尽快办结\"}"}}) {
            HttpResponse<String> refused = api.post(path + step[0], step[1], chair);
            assertThat(refused.statusCode()).as(step[0] + " " + refused.body()).isIn(403);
        }
        HttpResponse<String> notYours = api.post(path + "/resolution", "{\"outcome\":\"UNFOUNDED\",\"summary\":\"不属实\"}", chair);
        assertThat(JSON.readTree(notYours.body()).path("type").asString()).endsWith("/case-not-yours");
        assertThat(JSON.readTree(notYours.body()).path("title").asString()).isEqualTo("该工单不由您所在的单位办理");
        JsonNode untouched = JSON.readTree(api.get(path, district).body());
        assertThat(untouched.path("status").asString()).isEqualTo("ROUTED");
        assertThat(JSON.readTree(api.get(path + "/history", district).body())).hasSize(2);

        // A mediator is not the district union either; the district union works its own case.
        assertThat(api.post(path + "/acceptance", "{}", mediator).statusCode()).isEqualTo(403);
        assertThat(api.post(path + "/acceptance", "{}", district).statusCode()).isEqualTo(200);
        assertThat(ids(api.get("/api/v1/cases?assignedToMe=true&size=100", district))).contains(caseNumber);
        assertThat(ids(api.get("/api/v1/cases?assignedToMe=true&size=100", mediator))).doesNotContain(caseNumber);

        // 转办: the district union passes it to the mediation centre of the same district, with the reason.
        HttpResponse<String> transferred = api.post(path + "/transfer",
                "{\"organisationType\":\"MEDIATION_ORGANISATION\",\"reason\":\"双方同意调解\"}", district);
        assertThat(transferred.statusCode()).as(transferred.body()).isEqualTo(200);
        JsonNode moved = JSON.readTree(transferred.body());
        assertThat(moved.path("organisationId").asString()).isEqualTo("MEDIATION_ORGANISATION:330211");
        assertThat(moved.path("organisationName").asString()).isEqualTo("镇海区劳动争议调解中心");
        assertThat(moved.path("status").asString()).isEqualTo("ROUTED");
        assertThat(ids(api.get("/api/v1/cases?assignedToMe=true&size=100", mediator))).contains(caseNumber);
        assertThat(ids(api.get("/api/v1/cases?assignedToMe=true&size=100", district))).doesNotContain(caseNumber);

        // Now the mediators work it; the district union, one level up, supervises instead.
        assertThat(api.post(path + "/responses", "{\"text\":\"已受理\"}", district).statusCode()).isEqualTo(403);
        assertThat(api.post(path + "/responses", "{\"text\":\"已约双方下周调解\"}", mediator).statusCode()).isEqualTo(200);
        assertThat(api.post(path + "/supervision", "{\"text\":\"请在五个工作日内调解完毕\"}", district).statusCode()).isEqualTo(200);
        assertThat(api.post(path + "/supervision", "{\"text\":\"市总关注\"}", People.CITY_STAFF.token()).statusCode()).isEqualTo(200);
        assertThat(api.post(path + "/supervision", "{\"text\":\"?\"}", mediator).statusCode()).isEqualTo(403);
        // Another district cannot even see it.
        assertThat(api.post(path + "/supervision", "{\"text\":\"?\"}", People.DISTRICT_BEILUN.token()).statusCode()).isEqualTo(404);

        JsonNode history = JSON.readTree(api.get(path + "/history", district).body());
        assertThat(history.findValuesAsString("action")).containsSubsequence("TRANSFERRED", "RESPONDED", "SUPERVISED", "SUPERVISED");
        JsonNode transfer = null;
        for (JsonNode entry : history) {
            if ("TRANSFERRED".equals(entry.path("action").asString())) {
                transfer = entry;
            }
        }
        assertThat(transfer.path("text").asString()).isEqualTo("双方同意调解");
        assertThat(transfer.path("actor").asString()).isEqualTo("staff-chen-jing");
        assertThat(JSON.readTree(api.get(path + "/history/verification", district).body()).path("valid").asBoolean()).isTrue();

        // Another city's bodies — 青岛's mediation centre, 青岛's city union — neither see it nor act on it. One
        // organisation id, CITY_UNION, is the city union of every city: each city's staff work their city's cases.
        String qingdaoMediator = TestTokens.token().subject("handler-qingdao").roles(Role.HANDLER)
                .organisation("MEDIATION_ORGANISATION:370212").build();
        String qingdaoCity = TestTokens.token().subject("staff-qingdao-city").roles(Role.DISTRICT_UNION).district("370200")
                .organisation("CITY_UNION").build();
        for (String otherCity : new String[] {qingdaoMediator, qingdaoCity}) {
            assertThat(api.get(path, otherCity).statusCode()).isEqualTo(404);
            assertThat(api.post(path + "/supervision", "{\"text\":\"?\"}", otherCity).statusCode()).isEqualTo(404);
            assertThat(ids(api.get("/api/v1/cases?size=100", otherCity))).doesNotContain(caseNumber);
        }
        assertThat(api.post(path + "/transfer", "{\"organisationType\":\"CITY_UNION\",\"reason\":\"涉及多区，市总牵头\"}", district)
                .statusCode()).isEqualTo(200);
        assertThat(ids(api.get("/api/v1/cases?assignedToMe=true&size=100", People.CITY_STAFF.token()))).contains(caseNumber);
        assertThat(ids(api.get("/api/v1/cases?assignedToMe=true&size=100", qingdaoCity))).doesNotContain(caseNumber);
        assertThat(api.post(path + "/responses", "{\"text\":\"?\"}", qingdaoCity).statusCode()).isEqualTo(404);
        assertThat(api.post(path + "/responses", "{\"text\":\"市总已接办\"}", People.CITY_STAFF.token()).statusCode()).isEqualTo(200);

        // A page too deep to be a person paging (its offset overflowed the store's 32-bit skip: 500) is a clear 400.
        HttpResponse<String> deep = api.get("/api/v1/cases?page=42949673&size=100", district);
        assertThat(deep.statusCode()).as(deep.body()).isEqualTo(400);
        assertThat(JSON.readTree(deep.body()).path("type").asString()).endsWith("/invalid-page");
        assertThat(JSON.readTree(deep.body()).path("title").asString()).isEqualTo("分页参数有误");
    }

    @Test
    void aTransferNeedsAReasonAndAnotherOrganisation() {
        ApiClient api = new ApiClient(port);
        String district = People.DISTRICT_ZHENHAI.token();
        HttpResponse<String> filed = api.post("/api/v1/cases/hotline-orders", """
                {"reference":"12351-ROUTE-%s","category":"OTHER","enterprise":"%s","district":"330211","workerGroup":"REGULAR",
                 "summary":"咨询工会会员权益"}""".formatted(UUID.randomUUID().toString().substring(0, 8),
                People.Enterprises.FUDE_ENERGY), district);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String path = "/api/v1/cases/" + JSON.readTree(filed.body()).path("caseNumber").asString();

        HttpResponse<String> noReason = api.post(path + "/transfer", "{\"organisationType\":\"LEGAL_AID_CENTRE\"}", district);
        HttpResponse<String> toItself = api.post(path + "/transfer",
                "{\"organisationType\":\"DISTRICT_UNION\",\"reason\":\"转给自己\"}", district);
        HttpResponse<String> noType = api.post(path + "/transfer", "{\"reason\":\"转\"}", district);

        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("\"field\":\"reason\"");
        assertThat(toItself.statusCode()).isEqualTo(400);
        assertThat(toItself.body()).contains("same-organisation");
        assertThat(noType.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(api.get(path, district).body()).path("organisationId").asString()).isEqualTo("DISTRICT_UNION:330211");
    }

    /**
     * A public-opinion clue goes to the district union to check; what the check finds is published
     * (case.clue-verified.v1, valid against its schema) so risk monitoring counts the clue in full
     * only once confirmed.
     */
    @Test
    void aCheckedPublicOpinionClueIsAnnouncedWithWhatTheCheckFound(@org.springframework.beans.factory.annotation.Autowired
            cn.unionhub.platform.events.EventSchemas schemas) {
        ApiClient api = new ApiClient(port);
        String district = People.DISTRICT_ZHENHAI.token();
        HttpResponse<String> filed = api.post("/api/v1/cases/public-opinion-clues", """
                {"reference":"CLUE-%s","category":"WAGES_ARREARS","enterprise":"%s","district":"330211",
                 "summary":"网帖称车间四十人三个月未发工资","workersAffected":40,"amountOwedFen":3000000,"issuedBy":"本地论坛"}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), People.Enterprises.FUDE_ENERGY), district);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String caseNumber = JSON.readTree(filed.body()).path("caseNumber").asString();

        try (cn.unionhub.test.TopicProbe events = new cn.unionhub.test.TopicProbe(
                cn.unionhub.test.TestInfrastructure.get().kafkaBootstrapServers(), "case.events")) {
            HttpResponse<String> checked = api.post("/api/v1/cases/" + caseNumber + "/clue-verification",
                    "{\"finding\":\"CONFIRMED\",\"text\":\"走访核实：情况属实\"}", district);
            assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
                var verified = events.poll().stream()
                        .filter(r -> "cn.unionhub.case.clue-verified.v1".equals(cn.unionhub.test.TopicProbe.header(r, "ce_type")))
                        .map(r -> JSON.readTree(r.value()))
                        .filter(d -> caseNumber.equals(d.path("caseNumber").asString())).findFirst();
                assertThat(verified).isPresent();
                assertThat(verified.get().path("finding").asString()).isEqualTo("CONFIRMED");
                assertThat(verified.get().path("workersAffected").asInt()).isEqualTo(40);
                assertThat(schemas.violations("cn.unionhub.case.clue-verified.v1", verified.get())).isEmpty();
            });
        }

        // The finding is final: risk monitoring counted it and other systems received it, so a second one is refused.
        HttpResponse<String> again = api.post("/api/v1/cases/" + caseNumber + "/clue-verification",
                "{\"finding\":\"UNFOUNDED\",\"text\":\"改口：不属实\"}", district);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).path("type").asString()).endsWith("/case-clue-already-verified");
        HttpResponse<String> view = api.get("/api/v1/cases/" + caseNumber, district);
        assertThat(JSON.readTree(view.body()).path("clue").path("finding").asString()).isEqualTo("CONFIRMED");
    }

    private static java.util.List<String> ids(HttpResponse<String> queue) {
        assertThat(queue.statusCode()).as(queue.body()).isEqualTo(200);
        return JSON.readTree(queue.body()).findValuesAsString("caseNumber");
    }
}
