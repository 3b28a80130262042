package cn.unionhub.cases.registry;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.cases.casework.domain.DistrictNames;
import cn.unionhub.events.membercard.OrganisationClosed;
import cn.unionhub.events.membercard.OrganisationRegistered;
import cn.unionhub.events.membercard.OrganisationUpdated;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.EventFeed;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Routing names districts from case-service's copy of the register, fed through Kafka as member-card-service publishes it. */
@IntegrationTest
class RegisterCopyIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant EARLIER = Instant.parse("2026-11-01T00:00:00Z");
    /** Divisions only these tests register. */
    private static final String YINZHOU = "330212";
    private static final String FENGHUA = "330213";

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    DistrictNames names;
    @Value("${local.server.port}")
    int port;

    private EventFeed feed;

    @BeforeEach
    void newFeed(@Autowired RegisterCopy copy) {
        feed = new EventFeed(kafka, meters, RegisterFixtures.CONSUMER);
        RegisterFixtures.registerPilotDistricts(copy); // not left to whichever test class ran before
    }

    @Test
    void routingNamesTheDistrictAsTheRegistersDivisionEventNamesIt() {
        // A district the register does not name (yet) would route to a body that does not exist: refused, nothing opened.
        HttpResponse<String> unknown = fileHotlineOrder(YINZHOU, "WAGES_ARREARS");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(unknown.body());
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("district");
        assertThat(problem.path("errors").get(0).path("code").asString()).isEqualTo("unknown-district");
        assertThat(problem.path("errors").get(0).path("message").asString()).contains(YINZHOU);
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where("district").is(YINZHOU)), "cases")).isZero();

        feed.sendAndAwait(RegisterFixtures.district(YINZHOU, "鄞州区"));

        assertThat(hotlineOrder(YINZHOU, "WAGES_ARREARS").path("organisationName").asString()).isEqualTo("鄞州区总工会权益保障部");
        assertThat(hotlineOrder(YINZHOU, "OTHER").path("organisationName").asString()).isEqualTo("鄞州区总工会");
    }

    @Test
    void anOlderRevisionARedeliveryOrAReplayNeverRenamesADivisionBack() {
        OrganisationUpdated renamed = updated("奉化区", 3);
        feed.send(new OrganisationRegistered(FENGHUA, "DIVISION", "奉化市", FENGHUA, RegisterFixtures.NINGBO, null, null,
                "DISTRICT", "ACTIVE", 1, EARLIER));
        String renamedId = feed.send(renamed);
        feed.sendAndAwait(updated("奉化市", 2));                                       // late, older
        assertThat(names.nameOf(FENGHUA)).isEqualTo("奉化区");

        feed.send(new OrganisationClosed(FENGHUA, "DIVISION", FENGHUA, "行政区划调整", 4, Instant.now()));
        feed.send(updated("奉化市", 2), UUID.randomUUID().toString());                 // replayed older record
        feed.send(renamed, renamedId);                                              // redelivered
        feed.send(renamed);                                                         // replayed under a new id
        feed.awaitHandled();

        assertThat(names.nameOf(FENGHUA)).as("a closed division keeps its name for the cases that carry it").isEqualTo("奉化区");
        assertThat(mongo.findById(FENGHUA, org.bson.Document.class, "register_divisions"))
                .containsEntry("status", "CLOSED").containsEntry("revision", 4L);
        assertThat(hotlineOrder(FENGHUA, "OTHER").path("organisationName").asString()).isEqualTo("奉化区总工会");
    }

    /**
     * A case about an enterprise of the register is filed under that enterprise's district, or not at all: another
     * district's staff could otherwise open cases against it, and a mistyped district sends the case to the wrong
     * union. The case bears the register's name; an enterprise the register does not know is taken as filed.
     */
    @Test
    void aCaseAboutARegisteredEnterpriseIsFiledUnderItsOwnDistrictWithTheRegistersName() {
        String uscc = "91330211MA2REG01" + "X";
        uscc = uscc.substring(0, 17) + cn.unionhub.platform.identity.ChineseIdentifiers.usccCheckCharacter(uscc.substring(0, 17));
        feed.sendAndAwait(new OrganisationRegistered(uscc, "ENTERPRISE", "宁波登记测试机械有限公司", People.Districts.ZHENHAI, null, "C",
                "SMALL", null, "ACTIVE", 1, EARLIER));
        ApiClient api = new ApiClient(port);

        // The 北仑区 union's staff, for an enterprise of 镇海区 claiming their own district: refused, nothing opened.
        HttpResponse<String> foreign = api.post("/api/v1/cases/hotline-orders", order(uscc, People.Districts.BEILUN, "随便写的名字"),
                People.DISTRICT_BEILUN.token());
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(foreign.body());
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("district");
        assertThat(problem.path("errors").get(0).path("code").asString()).isEqualTo("not-the-enterprises-district");
        assertThat(problem.path("errors").get(0).path("message").asString()).contains("330211");
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where("enterprise").is(uscc)), "cases")).isZero();

        HttpResponse<String> filed = api.post("/api/v1/cases/hotline-orders", order(uscc, People.Districts.ZHENHAI, "登记测试机械"),
                People.HANDLER_MEDIATOR.token());
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        assertThat(JSON.readTree(filed.body()).path("enterpriseName").asString()).isEqualTo("宁波登记测试机械有限公司");

        // Not in the register: as filed.
        String unknown = "91330211MA2REG02" + "X";
        unknown = unknown.substring(0, 17) + cn.unionhub.platform.identity.ChineseIdentifiers.usccCheckCharacter(unknown.substring(0, 17));
        HttpResponse<String> unregistered = api.post("/api/v1/cases/hotline-orders", order(unknown, People.Districts.ZHENHAI, "小作坊"),
                People.HANDLER_MEDIATOR.token());
        assertThat(unregistered.statusCode()).as(unregistered.body()).isEqualTo(201);
        assertThat(JSON.readTree(unregistered.body()).path("enterpriseName").asString()).isEqualTo("小作坊");
    }

    /**
     * A workplace matter goes to the enterprise's own union — when it has one. An enterprise the register knows without
     * a union had its cases routed to "its union", a queue no account works, until the deadline sent them up a day
     * later; they go to its district's union now, which cannot pass them to a union that does not exist either.
     */
    @Test
    void theCasesOfAnEnterpriseWithoutAUnionOfItsOwnGoToItsDistrictsUnion() {
        String uscc = fresh("91330211MA2REG031");
        String union = "GH-" + uscc;
        feed.sendAndAwait(new OrganisationRegistered(uscc, "ENTERPRISE", "宁波无工会测试商贸有限公司", People.Districts.ZHENHAI, null, "F",
                "MICRO", null, "ACTIVE", 1, EARLIER));
        ApiClient api = new ApiClient(port);

        JsonNode first = filed(api, uscc);
        assertThat(first.path("organisationId").asString()).isEqualTo("DISTRICT_UNION:330211");
        HttpResponse<String> toNobody = api.post("/api/v1/cases/" + first.path("caseNumber").asString() + "/transfer",
                "{\"organisationType\":\"ENTERPRISE_UNION\",\"reason\":\"请企业工会处理\"}", People.DISTRICT_ZHENHAI.token());
        assertThat(toNobody.statusCode()).as(toNobody.body()).isEqualTo(400);
        assertThat(toNobody.body()).contains("no-such-organisation-for-case");

        // As the register publishes it: its parent is the union above it, its enterprise only in its id.
        feed.sendAndAwait(new OrganisationRegistered(union, "GRASSROOTS_UNION", "宁波无工会测试商贸有限公司工会", People.Districts.ZHENHAI,
                "ZGH-" + People.Districts.ZHENHAI, null, null, null, "ACTIVE", 1, EARLIER));
        assertThat(filed(api, uscc).path("organisationId").asString()).isEqualTo("ENTERPRISE_UNION:" + uscc);

        feed.sendAndAwait(new OrganisationClosed(union, "GRASSROOTS_UNION", People.Districts.ZHENHAI, "企业工会撤销", 2, Instant.now()));
        assertThat(filed(api, uscc).path("organisationId").asString()).isEqualTo("DISTRICT_UNION:330211");

        // An enterprise the register does not know has no union anyone works for it: its district's union verifies the
        // employer (its "enterprise union" was a queue nobody works, exploratory test, 2026-12-04).
        assertThat(filed(api, fresh("91330211MA2REG041")).path("organisationId").asString()).isEqualTo("DISTRICT_UNION:330211");
    }

    /** An employer the register does not know: a hotline order about it is filed in the district the caller names. */
    private static final String UNREGISTERED = fresh("91330200MA2RC0P11");

    private static String fresh(String body17) {
        return body17 + cn.unionhub.platform.identity.ChineseIdentifiers.usccCheckCharacter(body17);
    }

    /** A 12351 order about a workplace matter (the enterprise union's, by the routing rules) at {@code uscc} in 镇海区. */
    private static JsonNode filed(ApiClient api, String uscc) {
        HttpResponse<String> filed = api.post("/api/v1/cases/hotline-orders", order(uscc, People.Districts.ZHENHAI, "无工会测试商贸")
                .replace("WAGES_ARREARS", "WELFARE_BENEFITS"), People.HANDLER_MEDIATOR.token());
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        return JSON.readTree(filed.body());
    }

    private static String order(String enterprise, String district, String enterpriseName) {
        return """
                {"reference":"12351-%s","category":"WAGES_ARREARS","enterprise":"%s","enterpriseName":"%s","district":"%s",
                 "workerGroup":"REGULAR","summary":"来电反映拖欠工资","amountOwedFen":100000,"workersAffected":1}""".formatted(
                UUID.randomUUID().toString().substring(0, 8), enterprise, enterpriseName, district);
    }

    private static OrganisationUpdated updated(String name, long revision) {
        return new OrganisationUpdated(FENGHUA, "DIVISION", name, FENGHUA, RegisterFixtures.NINGBO, null, null, "DISTRICT",
                "ACTIVE", revision, EARLIER.plusSeconds(revision));
    }

    /** Files a 12351 work order about a worker of {@code district}; answers the case. */
    private JsonNode hotlineOrder(String district, String category) {
        HttpResponse<String> filed = fileHotlineOrder(district, category);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        return JSON.readTree(filed.body());
    }

    private HttpResponse<String> fileHotlineOrder(String district, String category) {
        String order = """
                {"reference":"12351-%s","category":"%s","enterprise":"%s","district":"%s","workerGroup":"REGULAR",
                 "summary":"来电反映问题","amountOwedFen":100000,"workersAffected":1}""".formatted(
                UUID.randomUUID().toString().substring(0, 8), category, UNREGISTERED, district);
        // The city union's 12351 desk files for every district of the city (a district's mediation centre, its own only).
        return new ApiClient(port).post("/api/v1/cases/hotline-orders", order, People.CITY_STAFF.token());
    }
}
