package cn.unionhub.cases.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.cases.registry.RegisterCopy;
import cn.unionhub.cases.registry.RegisterFixtures;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** 云履职 through the API: a representative's proposal in five steps, their activity, and their report. */
@IntegrationTest
class ProposalApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    /** The panel is the district's: the register's copy knows the pilot districts. */
    @BeforeEach
    void districtsRegistered(@Autowired RegisterCopy register) {
        RegisterFixtures.registerPilotDistricts(register);
    }

    @Test
    void aProposalGoesThroughTheFiveStepsAndShowsInTheRepresentativesReport() {
        ApiClient api = new ApiClient(port);
        String representative = People.CHAIR_FUDE.token();
        String panel = People.DISTRICT_ZHENHAI.token();

        HttpResponse<String> submitted = api.post("/api/v1/proposals", """
                {"representativeName":"王芳","district":"330211","title":"关于开通职工通勤班车的提案",
                 "content":"园区职工单程通勤超过一小时，建议协调开通通勤班车。"}""", representative);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String number = JSON.readTree(submitted.body()).path("number").asString();
        assertThat(number).matches("TA-\\d{8}-[0-9A-Z]{6}");
        HttpResponse<String> unknownDistrict = api.post("/api/v1/proposals", """
                {"representativeName":"王芳","district":"999999","title":"无处审议的提案","content":"内容"}""", representative);
        assertThat(unknownDistrict.statusCode()).as("no panel in a district the register does not know").isEqualTo(400);
        assertThat(unknownDistrict.body()).contains("unknown-district");

        assertThat(api.get("/api/v1/proposals/" + number, People.DISTRICT_BEILUN.token()).statusCode()).isEqualTo(404);
        assertThat(api.post("/api/v1/proposals/" + number + "/review", "{\"decision\":\"ACCEPT\"}", People.DISTRICT_BEILUN.token())
                .statusCode()).isEqualTo(404);
        assertThat(api.post("/api/v1/proposals/" + number + "/completion", "{\"text\":\"完成\"}", panel).statusCode())
                .as("steps out of order").isEqualTo(409);
        assertThat(api.post("/api/v1/proposals/" + number + "/review", "{\"decision\":\"REJECT\"}", panel).statusCode())
                .as("a rejection needs a reason").isEqualTo(400);

        // Merged only into an open proposal of its district: a number that does not exist would close it for good.
        HttpResponse<String> nowhere = api.post("/api/v1/proposals/" + number + "/review",
                "{\"decision\":\"MERGE\",\"reason\":\"合并\",\"mergeInto\":\"TA-20990101-XXXXXX\"}", panel);
        assertThat(nowhere.statusCode()).as(nowhere.body()).isEqualTo(400);
        assertThat(nowhere.body()).contains("no-open-proposal-to-merge-into");
        assertThat(JSON.readTree(api.get("/api/v1/proposals/" + number, panel).body()).path("status").asString()).isEqualTo("SUBMITTED");

        assertThat(api.post("/api/v1/proposals/" + number + "/review", "{\"decision\":\"ACCEPT\"}", panel).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/v1/proposals/" + number + "/assignment", "{\"text\":\"镇海区交通运输局\"}", panel).statusCode())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/proposals/" + number + "/supervision", "{\"text\":\"督查：线路已开通试运行\"}", panel).statusCode())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/proposals/" + number + "/completion", "{\"text\":\"通勤班车已开通两条线路\"}", panel).statusCode())
                .isEqualTo(200);
        HttpResponse<String> rated = api.post("/api/v1/proposals/" + number + "/evaluation", "{\"satisfaction\":\"SATISFIED\"}",
                representative);
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(200);
        JsonNode proposal = JSON.readTree(rated.body());
        assertThat(proposal.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(proposal.path("history").findValuesAsString("action")).containsExactly("SUBMITTED", "REVIEWED_ACCEPT",
                "ASSIGNED", "SUPERVISED", "COMPLETED", "EVALUATED");

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        assertThat(api.post("/api/v1/proposals/activities", "{\"kind\":\"VISIT\",\"day\":\"" + today
                + "\",\"note\":\"走访重点联系职工\"}", representative).statusCode()).isEqualTo(201);

        JsonNode report = JSON.readTree(api.get("/api/v1/proposals/representatives/" + People.CHAIR_FUDE.subject() + "/report",
                panel).body());
        assertThat(report.path("submitted").asLong()).isEqualTo(1);
        assertThat(report.path("completed").asLong()).isEqualTo(1);
        assertThat(report.path("activities").path("VISIT").asLong()).isEqualTo(1);
        assertThat(report.path("score").asLong()).isEqualTo(33);
        assertThat(api.get("/api/v1/proposals/representatives/" + People.CHAIR_FUDE.subject() + "/report",
                People.WORKER_LI_NA.token()).statusCode()).as("another worker cannot read it").isEqualTo(404);
    }
}
