package cn.unionhub.membercard.hardship;

import static cn.unionhub.membercard.Answers.assertProblem;
import static cn.unionhub.membercard.Answers.created;
import static cn.unionhub.membercard.Answers.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.membercard.RegisterData;
import cn.unionhub.membercard.RegisterData.LinkedMember;
import cn.unionhub.platform.events.EventSchemas;
import cn.unionhub.security.Role;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TestTokens;
import cn.unionhub.test.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 特困职工证 through the API with every role of the procedure (seed 000, 临沂 兰山区): the enterprise
 * union applies for its member, the district union returns and then verifies, the city union issues;
 * the heating company's window checks the certificate and works out 425 yuan off an 85 m² bill; the
 * worker sees where they stand; the city union revokes. Nobody outside the procedure learns why.
 */
@IntegrationTest
class HardshipIT {

    /** 老张, as a window sends the holder's name. */
    private static final String HOLDER = java.net.URLEncoder.encode("老张", StandardCharsets.UTF_8);


    private static final String DISTRICT = "371302";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    @Autowired
    EventSchemas schemas;

    private ApiClient api() {
        return new ApiClient(port);
    }

    @Test
    void theEnterpriseUnionAppliesTheDistrictVerifiesTheCityIssuesAndTheHeatingWindowGivesTheConcession() {
        LinkedMember worker = RegisterData.linkedMember(api(), DISTRICT, "老张");
        String enterpriseUnion = TestTokens.token().subject("eu-" + worker.enterprise()).roles(Role.ENTERPRISE_UNION)
                .enterprise(worker.enterprise()).district(DISTRICT).build();
        String otherEnterprise = TestTokens.token().subject("eu-other").roles(Role.ENTERPRISE_UNION)
                .enterprise(RegisterData.freshUscc(DISTRICT)).district(DISTRICT).build();
        String district = TestTokens.token().subject("staff-" + DISTRICT).roles(Role.DISTRICT_UNION).district(DISTRICT).build();
        String otherDistrict = TestTokens.token().subject("staff-371311").roles(Role.DISTRICT_UNION).district("371311").build();
        // The city union of 临沂 (the district's city) decides: its staff, not only the platform's administrators.
        String city = TestTokens.token().subject("staff-linyi-city").roles(Role.DISTRICT_UNION).district(DISTRICT.substring(0, 4) + "00")
                .organisation("CITY_UNION").build();
        String heatingWindow = People.HEATING_WINDOW.token();

        String poor = application(worker.memberId(), 30_000);
        assertProblem(api().post("/api/v1/welfare/hardship/applications", poor, otherEnterprise), 404, "member-not-found");
        JsonNode refused = JSON.readTree(api().post("/api/v1/welfare/hardship/applications", application(worker.memberId(), 5_000_000),
                enterpriseUnion).body());
        assertThat(refused.path("type").asString()).endsWith("/hardship-not-eligible");
        assertThat(refused.path("errors").get(0).path("code").asString()).isEqualTo("hardship-ground-unmet-LOW_INCOME");
        assertProblem(api().get("/api/v1/welfare/hardship/certificates/mine", worker.workerToken()), 404, "hardship-no-certificate-of-mine");

        // A wrong income names its month, as the application's problem (it was the ledger's: "no money moved").
        String fraction = poor.replaceFirst("\"perHeadFen\":30000", "\"perHeadFen\":30000.5");
        JsonNode wrongIncome = JSON.readTree(api().post("/api/v1/welfare/hardship/applications", fraction, enterpriseUnion).body());
        assertThat(wrongIncome.path("type").asString()).endsWith("/hardship-invalid-request");
        assertThat(wrongIncome.path("errors").get(0).path("field").asString()).isEqualTo("incomes[0].perHeadFen");
        // Every wrong field in one answer (a household of none and an unknown cause: it named the cause only).
        JsonNode twoWrong = JSON.readTree(api().post("/api/v1/welfare/hardship/applications", "{\"memberId\":\"" + worker.memberId()
                + "\",\"facts\":{\"householdSize\":0,\"cause\":\"BOGUS\"}}", enterpriseUnion).body());
        assertThat(twoWrong.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("householdSize", "cause");
        JsonNode submitted = created(api().post("/api/v1/welfare/hardship/applications", poor, enterpriseUnion));
        String id = submitted.path("id").asString();
        assertThat(submitted.path("status").asString()).isEqualTo("SUBMITTED");
        assertThat(submitted.path("evaluation").path("met").toString()).contains("LOW_INCOME");
        assertProblem(api().post("/api/v1/welfare/hardship/applications", poor, enterpriseUnion), 409, "hardship-application-open");

        String path = "/api/v1/welfare/hardship/applications/" + id;
        assertProblem(api().post(path + "/verification", "{\"outcome\":\"VERIFIED\"}", otherDistrict), 404, "hardship-application-not-found");
        assertThat(api().post(path + "/verification", "{\"outcome\":\"VERIFIED\"}", enterpriseUnion).statusCode()).isEqualTo(403);
        assertProblem(api().post(path + "/verification", "{\"outcome\":\"RETURNED\"}", district), 400, "hardship-invalid-request");
        assertThat(ok(api().post(path + "/verification", "{\"outcome\":\"RETURNED\",\"reason\":\"请补充收入证明\"}", district))
                .path("status").asString()).isEqualTo("RETURNED");
        assertProblem(api().post(path + "/resubmission", facts(30_000), otherEnterprise), 404, "hardship-application-not-found");
        assertProblem(api().get(path, otherEnterprise), 404, "hardship-application-not-found");
        assertProblem(api().get(path, otherDistrict), 404, "hardship-application-not-found");
        assertThat(api().get(path, heatingWindow).statusCode()).as("a provider never reads an application").isEqualTo(403);
        assertThat(api().get("/api/v1/members/" + worker.memberId(), heatingWindow).statusCode()).as("nor the register").isEqualTo(403);
        assertThat(api().post(path + "/resubmission", facts(30_000), worker.workerToken()).statusCode()).isEqualTo(403);
        assertThat(ok(api().get("/api/v1/welfare/hardship/applications?status=RETURNED", otherEnterprise))).as("another enterprise's list")
                .isEmpty();
        assertThat(ok(api().post(path + "/resubmission", facts(30_000), enterpriseUnion)).path("status").asString()).isEqualTo("SUBMITTED");
        assertThat(ok(api().get("/api/v1/welfare/hardship/applications?status=SUBMITTED", district)).toString()).contains(id);
        assertThat(ok(api().get("/api/v1/welfare/hardship/applications?status=SUBMITTED&district=999999", district)))
                .as("a filter for another district finds nothing, it is not dropped for the union's own").isEmpty();
        ok(api().post(path + "/verification", "{\"outcome\":\"VERIFIED\"}", district));
        assertProblem(api().post(path + "/decision", "{\"outcome\":\"ISSUED\"}", district), 403, "hardship-decided-by-city-union");
        assertProblem(api().post(path + "/decision", "{\"outcome\":\"ISSUED\"}", People.CITY_STAFF.token()), 404,
                "hardship-application-not-found"); // 宁波's city union
        assertThat(ok(api().get("/api/v1/welfare/hardship/applications?status=VERIFIED", city)).toString()).as("the city's queue")
                .contains(id);

        JsonNode issued = ok(api().post(path + "/decision", "{\"outcome\":\"ISSUED\"}", city));
        String number = issued.path("certificate").path("number").asString();
        assertThat(number).matches("TK371302\\d{4}\\d{5}");
        assertThat(issued.path("certificate").path("status").asString()).isEqualTo("VALID");
        assertThat(ok(api().post(path + "/decision", "{\"outcome\":\"ISSUED\"}", city))).as("deciding again").isEqualTo(issued);
        assertProblem(api().post(path + "/decision", "{\"outcome\":\"REFUSED\",\"reason\":\"x\"}", city), 409, "hardship-already-decided");

        JsonNode mine = ok(api().get("/api/v1/welfare/hardship/certificates/mine", worker.workerToken()));
        assertThat(mine.path("certificate").path("number").asString()).isEqualTo(number);
        assertThat(mine.path("application").path("steps").toString()).contains("请补充收入证明").doesNotContain("staff-" + DISTRICT);

        JsonNode check = ok(api().get("/api/v1/welfare/hardship/certificates/" + number + "?holder=" + HOLDER, heatingWindow));
        assertThat(check.path("status").asString()).isEqualTo("VALID");
        assertThat(check.path("holder").asString()).isEqualTo("老*");
        assertThat(check.toString()).contains("heating").doesNotContain(worker.memberId(), "LOW_INCOME", "30000");
        // A window serves its division (its client's district claim): 临沂's sees the certificate, 宁波's as an unknown one.
        String linyiWindow = TestTokens.token().subject("provider-linyi-water").roles(Role.PROVIDER_WINDOW).organisation("PROVIDER:linyi-water")
                .district(DISTRICT.substring(0, 4) + "00").build();
        String ningboWindow = TestTokens.token().subject("provider-ningbo-heating").roles(Role.PROVIDER_WINDOW)
                .organisation("PROVIDER:ningbo-heating").district("330200").build();
        assertThat(ok(api().get("/api/v1/welfare/hardship/certificates/" + number + "?holder=" + HOLDER, linyiWindow)).path("status")
                .asString()).isEqualTo("VALID");
        assertProblem(api().get("/api/v1/welfare/hardship/certificates/" + number + "?holder=" + HOLDER, ningboWindow), 404,
                "hardship-certificate-not-found");
        assertProblem(api().get("/api/v1/welfare/hardship/certificates/" + number, otherDistrict), 404, "hardship-certificate-not-found");
        // A window checks what it is shown, number and name: the numbers follow each other, so a number alone would let it
        // walk every holder of the district; a wrong name answers as an unknown number.
        assertProblem(api().get("/api/v1/welfare/hardship/certificates/" + number, heatingWindow), 400, "hardship-invalid-request");
        String someoneElse = java.net.URLEncoder.encode("老李", StandardCharsets.UTF_8);
        assertProblem(api().get("/api/v1/welfare/hardship/certificates/" + number + "?holder=" + someoneElse, heatingWindow), 404,
                "hardship-certificate-not-found");
        assertProblem(api().get("/api/v1/welfare/hardship/certificates/" + number + "/concessions/heating?quantity=85&priceFenPerUnit=2300",
                heatingWindow), 400, "hardship-invalid-request");
        JsonNode heating = ok(api().get("/api/v1/welfare/hardship/certificates/" + number
                + "/concessions/heating?holder=" + HOLDER + "&quantity=85&priceFenPerUnit=2300", heatingWindow));
        assertThat(heating.path("amountFen").asLong()).isEqualTo(195_500);
        assertThat(heating.path("discountFen").asLong()).isEqualTo(42_500);
        assertThat(heating.path("payFen").asLong()).isEqualTo(153_000);

        assertThat(api().post("/api/v1/welfare/hardship/certificates/" + number + "/revocation", "{\"reason\":\"收入改善\"}", district)
                .statusCode()).isEqualTo(403);
        assertThat(ok(api().post("/api/v1/welfare/hardship/certificates/" + number + "/revocation", "{\"reason\":\"收入改善\"}", city))
                .path("status").asString()).isEqualTo("REVOKED");
        assertThat(ok(api().get("/api/v1/welfare/hardship/certificates/" + number + "?holder=" + HOLDER, heatingWindow)).path("concessions"))
                .isEmpty();
        assertProblem(api().get("/api/v1/welfare/hardship/certificates/" + number
                + "/concessions/heating?holder=" + HOLDER + "&quantity=85&priceFenPerUnit=2300", heatingWindow), 409, "hardship-certificate-not-valid");

        try (TopicProbe events = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "member-card.events")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> events.withKey(number).size() >= 2);
            List<ConsumerRecord<String, byte[]>> ofCertificate = events.withKey(number);
            assertThat(ofCertificate).extracting(r -> TopicProbe.header(r, "ce_type")).containsExactly(
                    "cn.unionhub.member-card.hardship-certificate-issued.v1", "cn.unionhub.member-card.hardship-certificate-revoked.v1");
            for (ConsumerRecord<String, byte[]> event : ofCertificate) {
                assertThat(schemas.violations(TopicProbe.header(event, "ce_type"), JSON.readTree(event.value()))).isEmpty();
                assertThat(new String(event.value(), StandardCharsets.UTF_8)).doesNotContain("老张", "收入改善", "LOW_INCOME", worker.idNumber());
            }
        }
    }

    @Test
    void theRulesArePublicAndOnlyTheCityUnionSetsThemAsANewVersion() {
        JsonNode rules = ok(api().get("/api/v1/welfare/hardship/rules", null));
        assertThat(rules.path("concessions").toString()).contains("heating", "education-subsidy");
        int version = rules.path("version").asInt();

        String changed = """
                {"minimumLivingFen":90000,"lowIncome":{"months":6,"ceilingPercent":100},"nearMinimum":{"months":1,"ceilingPercent":130},
                 "causes":["ILLNESS","SCHOOLING","DISASTER","ACCIDENT"],"validityMonths":12,"renewalWindowDays":60,
                 "concessions":[{"id":"heating","category":"暖","provider":"供热企业","name":"供暖费每平方米优惠 5 元","discountFenPerUnit":500,"unit":"m2"},
                                {"id":"education-subsidy","category":"教育","provider":"市总工会","name":"子女教育补助每年 500 元"}]}""";
        String district = TestTokens.token().subject("staff-" + DISTRICT).roles(Role.DISTRICT_UNION).district(DISTRICT).build();
        assertThat(api().put("/api/v1/welfare/hardship/rules", changed, district).statusCode()).isEqualTo(403);
        assertProblem(api().put("/api/v1/welfare/hardship/rules", changed.replace("90000", "900.5"), People.ADMIN.token()), 400,
                "hardship-invalid-request"); // the rule book's own problem, not the ledger's "no money moved"
        assertProblem(api().put("/api/v1/welfare/hardship/rules", changed.replace("\"FLOOD\"", "").replace("\"ACCIDENT\"", "\"FLOOD\""),
                People.ADMIN.token()), 400, "hardship-invalid-request");
        assertThat(ok(api().get("/api/v1/welfare/hardship/rules", null)).path("version").asInt()).as("nothing changed").isEqualTo(version);

        JsonNode next = ok(api().put("/api/v1/welfare/hardship/rules", changed, People.ADMIN.token()));
        assertThat(next.path("version").asInt()).isEqualTo(version + 1);
        assertThat(next.path("minimumLivingFen").asLong()).isEqualTo(90_000);
        assertThat(ok(api().get("/api/v1/welfare/hardship/rules", null))).isEqualTo(next);
    }

    /** An application with household income per head at {@code perHeadFen} in each of the last six full months. */
    /** A member who moves to another enterprise's union, in another district, takes their file with them. */
    @Test
    void theFileFollowsItsMemberToTheirNewUnion() {
        LinkedMember worker = RegisterData.linkedMember(api(), DISTRICT, "老王");
        String formerUnion = TestTokens.token().subject("eu-" + worker.enterprise()).roles(Role.ENTERPRISE_UNION)
                .enterprise(worker.enterprise()).district(DISTRICT).build();
        String formerDistrict = TestTokens.token().subject("staff-" + DISTRICT).roles(Role.DISTRICT_UNION).district(DISTRICT).build();
        String id = created(api().post("/api/v1/welfare/hardship/applications", application(worker.memberId(), 30_000), formerUnion))
                .path("id").asString();

        RegisterData.LinkedMember there = RegisterData.linkedMember(api(), "371311", "新单位同事");
        assertThat(api().post("/api/v1/members/" + worker.memberId() + "/transfer", "{\"union\":\"GH-" + there.enterprise()
                + "\",\"reason\":\"调动\"}", formerDistrict).statusCode()).isEqualTo(200);
        String newUnion = TestTokens.token().subject("eu-" + there.enterprise()).roles(Role.ENTERPRISE_UNION)
                .enterprise(there.enterprise()).district("371311").build();
        String newDistrict = TestTokens.token().subject("staff-371311").roles(Role.DISTRICT_UNION).district("371311").build();

        String path = "/api/v1/welfare/hardship/applications/" + id;
        assertProblem(api().get(path, formerUnion), 404, "hardship-application-not-found");
        assertProblem(api().get(path, formerDistrict), 404, "hardship-application-not-found");
        assertThat(ok(api().get(path, newUnion)).path("id").asString()).isEqualTo(id);
        assertThat(ok(api().post(path + "/verification", "{\"outcome\":\"VERIFIED\"}", newDistrict)).path("status").asString())
                .isEqualTo("VERIFIED");
        assertThat(ok(api().get("/api/v1/welfare/hardship/applications?status=VERIFIED", newDistrict)).toString()).contains(id);
    }

    private static String application(String memberId, long perHeadFen) {
        return "{\"memberId\":\"" + memberId + "\",\"facts\":" + facts(perHeadFen) + "}";
    }

    private static String facts(long perHeadFen) {
        YearMonth thisMonth = YearMonth.now(ZoneId.of("Asia/Shanghai"));
        String incomes = IntStream.rangeClosed(1, 6).mapToObj(back -> "{\"month\":\"" + thisMonth.minusMonths(back)
                + "\",\"perHeadFen\":" + perHeadFen + "}").collect(Collectors.joining(","));
        return "{\"householdSize\":3,\"incomes\":[" + incomes + "],\"note\":\"妻子长期患病，一人收入维持三口之家\"}";
    }
}
