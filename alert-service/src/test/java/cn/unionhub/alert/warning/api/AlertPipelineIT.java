package cn.unionhub.alert.warning.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.events.alert.RiskSignalReported;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import cn.unionhub.platform.events.EventSchemas;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.TestEvents;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TopicProbe;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class AlertPipelineIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A valid USCC (GB 32100) used only here, so other tests' signals cannot mix in. */
    private static final String HAIXING = "91330211MA2H00000P";

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    EventSchemas schemas;
    @Value("${local.server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    @Test
    void twelveWorkersComplainingAboutUnpaidWagesRaiseARedCollectiveDisputeWarningThatIsVerifiedClosedAndReported()
            throws Exception {
        Instant start = Instant.now();
        for (int i = 0; i < 12; i++) {
            FeedbackSubmitted complaint = new FeedbackSubmitted(UUID.randomUUID().toString(), String.format("ZGDP-20260302-QW0A%02d", i),
                    "COMPLAINT", "WAGES_ARREARS", "MINI_PROGRAM", true, "MIGRANT_WORKER", People.Enterprises.FUDE_ENERGY,
                    "宁波富德能源有限公司", "330211", true, "两个月工资没发", Map.of("amountOwedFen", 860_000, "workersAffected", 30),
                    Map.of(), start.minus(Duration.ofHours(60 - 5L * i)));
            kafka.send(TestEvents.record(complaint, UUID.randomUUID().toString())).join();
        }

        try (TopicProbe alerts = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "alert.events")) {
            // Graded: the warning is raised at the first level the score reaches and upgraded as complaints
            // arrive, until the collective dispute makes it red.
            await().atMost(Duration.ofSeconds(60)).until(() -> redFor(alerts, People.Enterprises.FUDE_ENERGY) != null);
            for (ConsumerRecord<String, byte[]> record : alerts.withKey(People.Enterprises.FUDE_ENERGY)) {
                assertThat(schemas.violations(TopicProbe.header(record, "ce_type"), JSON.readTree(record.value()))).isEmpty();
            }
            JsonNode raised = JSON.readTree(raisedFor(alerts, People.Enterprises.FUDE_ENERGY).value());
            assertThat(raised.path("pushedTo").toString()).contains("镇海区总工会");
            String warningId = raised.path("warningId").asString();
            JsonNode red = JSON.readTree(redFor(alerts, People.Enterprises.FUDE_ENERGY).value());
            assertThat(red.path("warningId").asString()).isEqualTo(warningId);
            assertThat(red.path("collectiveDispute").asBoolean()).isTrue();
            assertThat(red.path("signals").size()).isGreaterThanOrEqualTo(10);
            assertThat(red.path("signals").get(0).path("kind").asString()).isEqualTo("WAGE_ARREARS_COMPLAINT");
            assertThat(red.path("kindContributions").path("WAGE_ARREARS_COMPLAINT").asDouble()).isGreaterThan(70);

            JsonNode view = JSON.readTree(api().get("/api/v1/alerts/warnings/" + warningId, People.DISTRICT_ZHENHAI.token()).body());
            assertThat(view.path("level").asString()).isEqualTo("RED");
            assertThat(view.path("workersReporting").asInt()).isGreaterThanOrEqualTo(10);
            assertThat(view.path("amountAtStakeFen").asLong()).isGreaterThanOrEqualTo(10 * 860_000L); // figures as of the last level change

            // The local union finds it in its queue; the neighbouring district does not.
            assertThat(api().get("/api/v1/alerts/warnings?status=PUSHED", People.DISTRICT_ZHENHAI.token()).body()).contains(warningId);
            assertThat(api().get("/api/v1/alerts/warnings", People.DISTRICT_BEILUN.token()).body()).doesNotContain(warningId);
            assertThat(api().get("/api/v1/alerts/warnings/" + warningId, People.CHAIR_BEILUN.token()).statusCode()).isEqualTo(404);

            HttpResponse<String> early = api().post("/api/v1/alerts/warnings/" + warningId + "/closure",
                    "{\"notes\":\"未核实先闭环\"}", People.DISTRICT_ZHENHAI.token());
            assertThat(early.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(early.body()).path("title").asString()).isEqualTo("当前状态下不能这样操作");

            post(warningId, "verification", "{\"verdict\":\"CONFIRMED\",\"reason\":\"走访核实：拖欠 30 名职工两个月工资\"}");
            post(warningId, "disposal", "{\"notes\":\"人社局、区总工会联合约谈企业，限期五日支付\"}");
            post(warningId, "docking", "{\"notes\":\"法律援助律师进驻，职工申请调解\"}");
            JsonNode closed = post(warningId, "closure", "{\"notes\":\"企业开设农民工工资专户，纳入月度巡查\"}");
            assertThat(closed.path("status").asString()).isEqualTo("CLOSED");

            await().atMost(Duration.ofSeconds(30)).until(() -> alerts.withKey(People.Enterprises.FUDE_ENERGY).stream()
                    .anyMatch(r -> "cn.unionhub.alert.closed.v1".equals(TopicProbe.header(r, "ce_type"))));

            String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
            JsonNode report = JSON.readTree(api().get("/api/v1/alerts/reports/daily/" + today, People.LABOR_INSPECTION.token()).body());
            assertThat(report.path("topEnterprises").toString()).contains(warningId);
            assertThat(report.path("closed").asInt()).isGreaterThanOrEqualTo(1);
            HttpResponse<String> csv = api().get("/api/v1/alerts/reports/daily/" + today + "?format=csv",
                    People.LABOR_INSPECTION.token());
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.body()).contains("新发预警", "集体争议", warningId);

            JsonNode review = JSON.readTree(api().get("/api/v1/alerts/signal-kinds", People.ADMIN.token()).body());
            boolean counted = false;
            for (JsonNode kind : review) {
                if ("WAGE_ARREARS_COMPLAINT".equals(kind.path("kind").asString())) {
                    counted = kind.path("confirmed").asLong() >= 1;
                }
            }
            assertThat(counted).isTrue();
        }
    }

    @Test
    void aBatchWithOneBadSignalIsRefusedWholeWithEveryReason() throws Exception {
        String good = signal(HAIXING, "HOTLINE_CALLS", 5, Instant.now().minusSeconds(3600));
        String bad = signal("91330211MA2H00000X", "ASTROLOGY", 0, Instant.now().plus(Duration.ofDays(1)));
        HttpResponse<String> refused = api().post("/api/v1/alerts/signals", "{\"signals\":[" + good + "," + bad + "]}",
                People.LABOR_INSPECTION.token());

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.path("title").asString()).isEqualTo("风险信号有误");
        assertThat(refused.body()).contains("signals[1].enterprise", "signals[1].kind", "signals[1].magnitude",
                "signals[1].occurredAt").doesNotContain("signals[0]");

        HttpResponse<String> accepted = api().post("/api/v1/alerts/signals", "{\"signals\":[" + good + "]}",
                People.LABOR_INSPECTION.token());
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(accepted.body()).path("accepted").asInt()).isEqualTo(1);
        assertThat(api().post("/api/v1/alerts/signals", "{\"signals\":[" + good + "]}", People.WORKER_ZHANG_WEI.token())
                .statusCode()).isEqualTo(403);
    }

    @Test
    void aSignalOnTheTopicThatBreaksTheRulesGoesToTheDeadLetterTopicWithTheReason() {
        RiskSignalReported bad = new RiskSignalReported("91330211MA2H00000X", null, null, null, "PUBLIC_OPINION", 1,
                Instant.now(), "public-opinion-monitor", "PO-" + UUID.randomUUID(), null);
        try (TopicProbe dlt = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "alert.signals.dlt")) {
            kafka.send(TestEvents.record(bad, UUID.randomUUID().toString())).join();
            await().atMost(Duration.ofSeconds(30)).until(() -> dlt.withKey("91330211MA2H00000X").stream()
                    .anyMatch(r -> String.valueOf(TopicProbe.header(r, "kafka_dlt-exception-message")).contains("enterprise uscc")));
        }
    }

    private JsonNode post(String warningId, String step, String body) throws Exception {
        HttpResponse<String> response = api().post("/api/v1/alerts/warnings/" + warningId + "/" + step, body,
                People.DISTRICT_ZHENHAI.token());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static ConsumerRecord<String, byte[]> raisedFor(TopicProbe alerts, String enterprise) {
        List<ConsumerRecord<String, byte[]>> records = alerts.withKey(enterprise);
        return records.stream().filter(r -> "cn.unionhub.alert.raised.v1".equals(TopicProbe.header(r, "ce_type")))
                .findFirst().orElse(null);
    }

    /** The event that made the enterprise's warning red: a red raise or an upgrade to red. */
    private static ConsumerRecord<String, byte[]> redFor(TopicProbe alerts, String enterprise) {
        return alerts.withKey(enterprise).stream().filter(r -> {
            String type = TopicProbe.header(r, "ce_type");
            if (!"cn.unionhub.alert.raised.v1".equals(type) && !"cn.unionhub.alert.level-changed.v1".equals(type)) {
                return false;
            }
            return JSON.readTree(r.value()).path("level").asString().equals("RED");
        }).findFirst().orElse(null);
    }

    private static String signal(String uscc, String kind, double magnitude, Instant at) {
        return "{\"enterprise\":\"" + uscc + "\",\"kind\":\"" + kind + "\",\"magnitude\":" + magnitude + ",\"occurredAt\":\""
                + at + "\",\"source\":\"12351-hotline\",\"reference\":\"R-" + UUID.randomUUID() + "\"}";
    }
}
