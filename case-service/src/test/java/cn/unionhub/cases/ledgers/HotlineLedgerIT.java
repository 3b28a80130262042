package cn.unionhub.cases.ledgers;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.cases.registry.RegisterCopy;
import cn.unionhub.cases.registry.RegisterFixtures;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 004 inside case-service: a courier's wage-arrears call to 12351 becomes a work order, sits in
 * the arrears clue ledger, is answered within 24 hours, recovers the wages and moves to the closed
 * ledger; the month's hotline report counts it. District scoping and bad input are checked on the way.
 */
@IntegrationTest
class HotlineLedgerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A courier station in 镇海区 with a valid GB 32100 code. */
    private static final String COURIER_STATION = "91330211MA2KD0E1X" + ChineseIdentifiers.usccCheckCharacter("91330211MA2KD0E1X");

    @Value("${local.server.port}")
    int port;

    /** The register names the districts (member-card-service's events, applied as the consumer would). */
    @BeforeEach
    void districtsRegistered(@Autowired RegisterCopy register) {
        RegisterFixtures.registerPilotDistricts(register);
    }

    /**
     * The operator takes down how to call the caller back; the summary masks numbers, so this was the only way to reach
     * them. The organisation working the case reads it in full (each look recorded); the district's other bodies, the
     * enterprise's union and the case's record and events never see it.
     */
    @Test
    void theOrganisationWorkingAHotlineCaseCallsTheCallerBack(@Autowired org.springframework.data.mongodb.core.MongoTemplate mongo) {
        ApiClient api = new ApiClient(port);
        String operator = People.HANDLER_MEDIATOR.token();
        String reference = "12351-CALLER-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String order = """
                {"reference":"%s","category":"WAGES_ARREARS","enterprise":"%s","district":"330211","workerGroup":"GIG_WORKER",
                 "summary":"快递员反映被拖欠工资",
                 "amountOwedFen":500000,"workersAffected":1,"callerName":"崔师傅","callerPhone":"+86 138 1234 5678"}"""
                .formatted(reference, COURIER_STATION);
        HttpResponse<String> bad = api.post("/api/v1/cases/hotline-orders", order.replace("+86 138 1234 5678", "12345"), operator);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("callerPhone", "phone-format");
        HttpResponse<String> filed = api.post("/api/v1/cases/hotline-orders", order, operator);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String caseNumber = JSON.readTree(filed.body()).path("caseNumber").asString();
        assertThat(JSON.readTree(filed.body()).path("organisationName").asString()).isEqualTo("镇海区劳动争议调解中心");
        assertThat(filed.body()).doesNotContain("13812345678", "崔师傅");
        assertThat(api.post("/api/v1/cases/hotline-orders", order.replace("崔师傅", "崔某某"), operator).statusCode())
                .as("the same reference with another caller is not a retry").isEqualTo(409);

        HttpResponse<String> caller = api.get("/api/v1/cases/" + caseNumber + "/caller", operator);
        assertThat(caller.statusCode()).as(caller.body()).isEqualTo(200);
        assertThat(JSON.readTree(caller.body()).path("name").asString()).isEqualTo("崔师傅");
        assertThat(JSON.readTree(caller.body()).path("phone").asString()).isEqualTo("13812345678");
        // Each look is recorded, and the district union over the case reads who looked (the operator, once); reading that
        // list is no look. Those who may only read the number, and the enterprise side, do not read the list.
        HttpResponse<String> views = api.get("/api/v1/cases/" + caseNumber + "/caller/views", People.DISTRICT_ZHENHAI.token());
        assertThat(views.statusCode()).as(views.body()).isEqualTo(200);
        assertThat(JSON.readTree(views.body()).size()).isEqualTo(1);
        assertThat(JSON.readTree(views.body()).get(0).path("by").asString()).isEqualTo("handler-liu-yang");
        assertThat(JSON.readTree(views.body()).get(0).path("at").asString()).endsWith("+08:00");
        assertThat(JSON.readTree(api.get("/api/v1/cases/" + caseNumber + "/caller/views", People.DISTRICT_ZHENHAI.token()).body()).size())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/cases/" + caseNumber + "/caller/views", operator).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/cases/" + caseNumber + "/caller/views", People.CHAIR_FUDE.token()).statusCode()).isEqualTo(403);
        String legalAid = cn.unionhub.test.TestTokens.token().subject("handler-legal-aid").roles(cn.unionhub.security.Role.HANDLER)
                .organisation("LEGAL_AID_CENTRE:330211").build();
        assertThat(api.get("/api/v1/cases/" + caseNumber + "/caller", legalAid).statusCode()).as("another body of the district")
                .isEqualTo(403);
        assertThat(api.get("/api/v1/cases/" + caseNumber + "/caller", People.CHAIR_FUDE.token()).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/cases/" + caseNumber + "/history", operator).body()).doesNotContain("13812345678", "崔师傅");
        // Another account "retrying" a reference filed without a caller adds no number of its own choosing.
        String noCaller = order.replace(reference, reference + "-N").replace(",\"callerName\":\"崔师傅\",\"callerPhone\":\"+86 138 1234 5678\"", "");
        assertThat(api.post("/api/v1/cases/hotline-orders", noCaller, operator).statusCode()).isEqualTo(201);
        String inspector = cn.unionhub.test.TestTokens.token().subject("inspector-other").roles(cn.unionhub.security.Role.HANDLER)
                .organisation("LABOR_INSPECTION:330211").build();
        assertThat(api.post("/api/v1/cases/hotline-orders", noCaller.replace("}", ",\"callerName\":\"冒名\",\"callerPhone\":\"13700000000\"}"),
                inspector).statusCode()).isEqualTo(409);
        // A call the rules send to the employer's own union: the district union over it calls back, and so does the operator
        // who took it down; the chair never reads the number.
        String toChair = """
                {"reference":"%s-E","category":"CANTEEN_DORMITORY_COMMUTE","enterprise":"91330211MA2H3K5Q1G","district":"330211",
                 "workerGroup":"REGULAR","summary":"反映班车太少","callerName":"周先生","callerPhone":"13800001111"}""".formatted(reference);
        HttpResponse<String> chairCase = api.post("/api/v1/cases/hotline-orders", toChair, operator);
        assertThat(chairCase.statusCode()).as(chairCase.body()).isEqualTo(201);
        String chairCaseNumber = JSON.readTree(chairCase.body()).path("caseNumber").asString();
        assertThat(JSON.readTree(chairCase.body()).path("organisationType").asString()).isEqualTo("ENTERPRISE_UNION");
        assertThat(api.get("/api/v1/cases/" + chairCaseNumber + "/caller", People.DISTRICT_ZHENHAI.token()).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/cases/" + chairCaseNumber + "/caller", operator).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/cases/" + chairCaseNumber + "/caller", People.CHAIR_FUDE.token()).statusCode()).isEqualTo(403);
        String plain = api.post("/api/v1/cases/hotline-orders", order.replace(reference, reference + "-B")
                .replace(",\"callerName\":\"崔师傅\",\"callerPhone\":\"+86 138 1234 5678\"", ""), operator).body();
        assertThat(api.get("/api/v1/cases/" + JSON.readTree(plain).path("caseNumber").asString() + "/caller", operator).statusCode())
                .as("none taken down").isEqualTo(404);
    }

    @Test
    void aCouriersCallTravelsFromTheClueLedgerToTheClosedLedger() {
        ApiClient api = new ApiClient(port);
        String operator = People.HANDLER_MEDIATOR.token();
        String zhenhai = People.DISTRICT_ZHENHAI.token();
        String order = """
                {"reference":"12351-20261121-0042","category":"WAGES_ARREARS","enterprise":"%s","enterpriseName":"镇海某快递站点",
                 "district":"330211","workerGroup":"GIG_WORKER","summary":"快递员崔某反映被拖欠3个月工资共12500元，电话13812345678",
                 "amountOwedFen":1250000,"workersAffected":1}""".formatted(COURIER_STATION);

        HttpResponse<String> filed = api.post("/api/v1/cases/hotline-orders", order, operator);
        assertThat(filed.statusCode()).isEqualTo(201);
        JsonNode c = JSON.readTree(filed.body());
        String caseNumber = c.path("caseNumber").asString();
        assertThat(c.path("source").asString()).isEqualTo("HOTLINE_12351");
        assertThat(c.path("priority").asString()).isEqualTo("GREEN_CHANNEL");
        assertThat(c.path("organisationName").asString()).isEqualTo("镇海区劳动争议调解中心");
        assertThat(c.path("summary").asString()).doesNotContain("13812345678");
        assertThat(c.path("sla").path("state").asString()).isEqualTo("WITHIN_DEADLINE");

        // The operator reads the case number and a follow-up code to the caller; a retried filing (its answer lost) shows the same code.
        String code = c.path("followUpCode").asString();
        assertThat(code).matches("([0-9A-Z]{4}-){4}[0-9A-Z]{4}");

        HttpResponse<String> again = api.post("/api/v1/cases/hotline-orders", order, operator);
        assertThat(again.statusCode()).as("the same work order twice is one case").isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("caseNumber").asString()).isEqualTo(caseNumber);
        assertThat(JSON.readTree(again.body()).path("followUpCode").asString()).isEqualTo(code);
        // Another handler who may see the case, filing the same reference, is shown the case but not the caller's key.
        String otherHandler = cn.unionhub.test.TestTokens.token().subject("handler-other").roles(cn.unionhub.security.Role.HANDLER)
                .organisation("LEGAL_AID_CENTRE:330211").build();
        HttpResponse<String> byAnother = api.post("/api/v1/cases/hotline-orders", order, otherHandler);
        assertThat(byAnother.statusCode()).as(byAnother.body()).isEqualTo(200);
        assertThat(JSON.readTree(byAnother.body()).path("caseNumber").asString()).isEqualTo(caseNumber);
        assertThat(byAnother.body()).doesNotContain(code);
        // The same reference with a corrected amount is not a retry: refused, the case keeps what was filed.
        HttpResponse<String> corrected = api.post("/api/v1/cases/hotline-orders", order.replace("1250000", "1350000"), operator);
        assertThat(order).contains("1250000");
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(409);
        assertThat(JSON.readTree(corrected.body()).path("type").asString()).endsWith("/case-reference-reused");
        assertThat(JSON.readTree(api.get("/api/v1/cases/" + caseNumber, operator).body()).path("amountOwedFen").asLong()).isEqualTo(1250000);
        // Another district filing the same reference (for its own district) learns only that it is taken.
        HttpResponse<String> elsewhere = api.post("/api/v1/cases/hotline-orders", order.replace("\"330211\"", "\"330206\""),
                People.DISTRICT_BEILUN.token());
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(409);
        assertThat(JSON.readTree(elsewhere.body()).path("type").asString()).endsWith("/case-reference-taken");
        assertThat(elsewhere.body()).doesNotContain(caseNumber).doesNotContain("镇海");
        // Another city's mediation centre (青岛's) files no 宁波 case, and reads none.
        String qingdao = cn.unionhub.test.TestTokens.token().subject("handler-qingdao").roles(cn.unionhub.security.Role.HANDLER)
                .organisation("MEDIATION_ORGANISATION:370212").build();
        HttpResponse<String> otherCity = api.post("/api/v1/cases/hotline-orders", order.replace("12351-", "12351-QD-"), qingdao);
        assertThat(otherCity.statusCode()).as(otherCity.body()).isEqualTo(400);
        assertThat(JSON.readTree(otherCity.body()).path("errors").findValuesAsString("code")).containsExactly("outside-your-area");
        assertThat(api.get("/api/v1/cases/" + caseNumber, qingdao).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(api.get("/api/v1/cases/ledgers/wage-arrears", qingdao).body())
                .path("items").findValuesAsString("caseNumber")).doesNotContain(caseNumber);
        // The city union asks for one of its districts and gets that district (the filter was its whole city's).
        String city = People.CITY_STAFF.token();
        assertThat(JSON.readTree(api.get("/api/v1/cases/ledgers/wage-arrears?district=330211", city).body())
                .path("items").findValuesAsString("caseNumber")).contains(caseNumber);
        JsonNode beilun = JSON.readTree(api.get("/api/v1/cases/ledgers/wage-arrears?district=330206", city).body()).path("items");
        assertThat(beilun.findValuesAsString("caseNumber")).doesNotContain(caseNumber);

        JsonNode ledger = JSON.readTree(api.get("/api/v1/cases/ledgers/wage-arrears", zhenhai).body());
        assertThat(ledger.path("items").findValuesAsString("caseNumber")).contains(caseNumber);
        assertThat(JSON.readTree(api.get("/api/v1/cases/ledgers/wage-arrears", People.DISTRICT_BEILUN.token()).body())
                .path("items").findValuesAsString("caseNumber")).doesNotContain(caseNumber);
        assertThat(api.get("/api/v1/cases/" + caseNumber, People.DISTRICT_BEILUN.token()).statusCode()).isEqualTo(404);
        // Another area's ledger asked for by name is refused, not answered as an empty one.
        HttpResponse<String> foreign = api.get("/api/v1/cases/ledgers/wage-arrears?district=330211", People.DISTRICT_BEILUN.token());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("ledger-area-not-yours");

        assertThat(api.post("/api/v1/cases/" + caseNumber + "/acceptance", "{}", operator).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/v1/cases/" + caseNumber + "/contacts", "{\"text\":\"已联系崔某和站点负责人\"}", operator).statusCode())
                .isEqualTo(200);
        JsonNode answered = JSON.readTree(api.post("/api/v1/cases/" + caseNumber + "/responses",
                "{\"text\":\"已约谈站点负责人，承诺本周内结清\"}", operator).body());
        assertThat(answered.path("times").path("firstRespondedAt").isNull()).isFalse();
        assertThat(api.post("/api/v1/cases/" + caseNumber + "/resolution", "{\"outcome\":\"WAGES_RECOVERED\",\"summary\":\"已追回\"}",
                operator).statusCode()).as("recovered wages need the amount").isEqualTo(400);
        assertThat(api.post("/api/v1/cases/" + caseNumber + "/resolution", """
                {"outcome":"WAGES_RECOVERED","summary":"经调解，站点结清拖欠工资12500元","recoveredAmountFen":1250000,"workersHelped":1}""",
                operator).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/v1/cases/" + caseNumber + "/closure", "{\"satisfaction\":\"SATISFIED\",\"text\":\"回访满意\"}",
                operator).statusCode()).isEqualTo(200);

        // The caller, without an account, follows the case with its number and the code: where it went, the answers,
        // by when they were owed the first one; not the staff's notes.
        HttpResponse<String> followed = api.post("/api/v1/cases/follow-up",
                "{\"caseNumber\":\"" + caseNumber.toLowerCase() + "\",\"code\":\"" + code.toLowerCase() + "\"}", null);
        assertThat(followed.statusCode()).as(followed.body()).isEqualTo(200);
        JsonNode callerView = JSON.readTree(followed.body());
        assertThat(callerView.path("status").asString()).isEqualTo("CLOSED");
        assertThat(callerView.path("organisationName").asString()).isEqualTo("镇海区劳动争议调解中心");
        assertThat(callerView.path("sla").path("state").asString()).isEqualTo("RESOLVED_ON_TIME");
        assertThat(callerView.path("steps").findValuesAsString("action")).contains("ROUTED", "RESPONDED", "RESOLVED", "CLOSED")
                .doesNotContain("CONTACTED");
        assertThat(followed.body()).contains("已约谈站点负责人").doesNotContain("已联系崔某").doesNotContain("handler-liu-yang");
        for (String wrong : new String[] {"{\"caseNumber\":\"" + caseNumber + "\",\"code\":\"AAAA-AAAA-AAAA-AAAA-AAAA\"}",
                "{\"caseNumber\":\"GD-20200101-AAAAAA\",\"code\":\"" + code + "\"}"}) {
            assertThat(api.post("/api/v1/cases/follow-up", wrong, null).statusCode()).as(wrong).isEqualTo(404);
        }
        // A form without them is the caller's slip, not an unknown case ("没有找到编号为 null 的工单" before).
        HttpResponse<String> empty = api.post("/api/v1/cases/follow-up", "{}", null);
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
        assertThat(JSON.readTree(empty.body()).path("errors").findValuesAsString("field")).containsExactly("caseNumber", "code");

        assertThat(JSON.readTree(api.get("/api/v1/cases/ledgers/wage-arrears", zhenhai).body())
                .path("items").findValuesAsString("caseNumber")).doesNotContain(caseNumber);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        JsonNode closed = JSON.readTree(api.get("/api/v1/cases/ledgers/wage-arrears-closed?from=" + today + "&to=" + today, zhenhai).body());
        JsonNode row = closed.path("items").get(0);
        assertThat(row.path("caseNumber").asString()).isEqualTo(caseNumber);
        assertThat(row.path("recoveredAmountFen").asLong()).isEqualTo(1_250_000L);
        assertThat(row.path("satisfaction").asString()).isEqualTo("SATISFIED");
        assertThat(row.path("slaState").asString()).isEqualTo("RESOLVED_ON_TIME");
        HttpResponse<String> csv = api.get("/api/v1/cases/ledgers/wage-arrears-closed?format=csv", zhenhai);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body()).startsWith("\uFEFF工单编号,").contains(caseNumber + ",HOTLINE_12351,12351-20261121-0042,");

        JsonNode report = JSON.readTree(api.get("/api/v1/cases/reports/hotline/" + YearMonth.now(ZoneId.of("Asia/Shanghai")),
                zhenhai).body());
        assertThat(report.path("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.path("byCategory").path("WAGES_ARREARS").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.path("recoveredAmountFen").asLong()).isGreaterThanOrEqualTo(1_250_000L);

        JsonNode history = JSON.readTree(api.get("/api/v1/cases/" + caseNumber + "/history", zhenhai).body());
        assertThat(history.findValuesAsString("action")).containsExactly("OPENED", "ROUTED", "ACCEPTED", "CONTACTED", "RESPONDED",
                "RESOLVED", "CLOSED");
        assertThat(JSON.readTree(api.get("/api/v1/cases/" + caseNumber + "/history/verification", zhenhai).body())
                .path("valid").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/cases/" + caseNumber + "/responses", "{\"text\":\"结案后再答复\"}", operator).statusCode())
                .as("a closed case takes no more steps").isEqualTo(409);
    }

    @Test
    void aBadWorkOrderListsEveryWrongFieldInTheCallersLanguageAndOpensNothing() {
        ApiClient api = new ApiClient(port);
        String bad = """
                {"reference":"bad ref!","category":"LOTTERY","enterprise":"91330211MA2H3K5Q1X","district":"33",
                 "summary":"","amountOwedFen":-1}""";

        HttpResponse<String> zh = api.post("/api/v1/cases/hotline-orders", bad, People.HANDLER_MEDIATOR.token());
        assertThat(zh.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(zh.body());
        assertThat(problem.path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("reference", "category", "enterprise", "district", "summary", "amountOwedFen");
        assertThat(zh.body()).contains("统一社会信用代码");

        HttpResponse<String> en = api.send(HttpRequest.newBuilder(api.uri("/api/v1/cases/hotline-orders"))
                .header("Content-Type", "application/json").header("Accept-Language", "en")
                .header("Authorization", "Bearer " + People.HANDLER_MEDIATOR.token())
                .POST(HttpRequest.BodyPublishers.ofString(bad)).build());
        assertThat(en.body()).contains("unified social credit code");

        HttpResponse<String> foreign = api.post("/api/v1/cases/hotline-orders", """
                {"reference":"X1","category":"OTHER","enterprise":"%s","district":"330211","summary":"..."}"""
                .formatted(People.Enterprises.FUDE_ENERGY), People.DISTRICT_BEILUN.token());
        assertThat(foreign.statusCode()).as("district staff file for their own district only").isEqualTo(400);
        // Leaving the district out does not get round it: the case would go to the city union, outside their area.
        HttpResponse<String> nowhere = api.post("/api/v1/cases/hotline-orders", """
                {"reference":"X2","category":"OTHER","enterprise":"%s","summary":"..."}"""
                .formatted(People.Enterprises.FUDE_ENERGY), People.DISTRICT_BEILUN.token());
        assertThat(nowhere.statusCode()).as(nowhere.body()).isEqualTo(400);
        assertThat(nowhere.body()).contains("\"field\":\"district\"");
    }
}
