package cn.unionhub.alert.warning.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.alert.registry.RegisterCopy;
import cn.unionhub.alert.registry.RegisterFixtures;
import cn.unionhub.events.alert.RiskSignalReported;
import cn.unionhub.events.cases.CaseOpened;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import cn.unionhub.platform.events.EventSchemas;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.TestEvents;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
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
    /** Two more, for the metrics and for cases filed by staff. */
    private static final String HAICHENG = "91330211MA2H00001T";
    private static final String HAIRUN = "91330211MA2H00002X";

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    EventSchemas schemas;
    @Autowired
    MeterRegistry meters;
    @Value("${local.server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    /** The register knows the pilot districts and enterprises (member-card-service's events, applied as the consumer would). */
    @BeforeEach
    void registered(@Autowired RegisterCopy register) {
        RegisterFixtures.registerPilot(register);
    }

    @Test
    void twelveWorkersComplainingAboutUnpaidWagesRaiseARedCollectiveDisputeWarningThatIsVerifiedClosedAndReported()
            throws Exception {
        Instant start = Instant.now();
        double wageComplaintsCounted = counted("unionhub.alerts.signals", "kind", "WAGE_ARREARS_COMPLAINT");
        double redRaises = counted("unionhub.alerts.raised", "level", "RED");
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
            assertThat(raised.path("industry").asString()).as("the register's, the complaints do not say").isEqualTo("D");
            String warningId = raised.path("warningId").asString();
            JsonNode red = JSON.readTree(redFor(alerts, People.Enterprises.FUDE_ENERGY).value());
            assertThat(red.path("warningId").asString()).isEqualTo(warningId);
            assertThat(red.path("collectiveDispute").asBoolean()).isTrue();
            assertThat(red.path("signals").size()).isGreaterThanOrEqualTo(10);
            assertThat(red.path("signals").get(0).path("kind").asString()).isEqualTo("WAGE_ARREARS_COMPLAINT");
            assertThat(red.path("kindContributions").path("WAGE_ARREARS_COMPLAINT").asDouble()).isGreaterThan(70);

            // The figures follow every complaint, also those after the last level change.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode view = JSON.readTree(api().get("/api/v1/alerts/warnings/" + warningId, People.DISTRICT_ZHENHAI.token()).body());
                assertThat(view.path("level").asString()).isEqualTo("RED");
                assertThat(view.path("workersReporting").asInt()).isEqualTo(12);
                assertThat(view.path("amountAtStakeFen").asLong()).isEqualTo(12 * 860_000L);
                assertThat(view.path("signals").size()).isEqualTo(12);
            });

            assertThat(counted("unionhub.alerts.signals", "kind", "WAGE_ARREARS_COMPLAINT") - wageComplaintsCounted).isEqualTo(12);
            assertThat(counted("unionhub.alerts.raised", "level", "RED") - redRaises).isEqualTo(1);

            // The local union finds it in its queue; the neighbouring district does not.
            assertThat(api().get("/api/v1/alerts/warnings?status=PUSHED", People.DISTRICT_ZHENHAI.token()).body()).contains(warningId);
            assertThat(api().get("/api/v1/alerts/warnings", People.DISTRICT_BEILUN.token()).body()).doesNotContain(warningId);
            assertThat(api().get("/api/v1/alerts/warnings/" + warningId, People.CHAIR_BEILUN.token()).statusCode()).isEqualTo(404);
            // A contest's judge and a service station's manager hold the handler role for their own work: no warning is theirs.
            String judge = cn.unionhub.test.TestTokens.token().subject("judge-chief-he").roles(cn.unionhub.security.Role.HANDLER).build();
            String stationManager = cn.unionhub.test.TestTokens.token().subject("manager-fj-350203-0002")
                    .roles(cn.unionhub.security.Role.HANDLER).organisation("STATION:FJ-350203-0002").build();
            for (String token : List.of(judge, stationManager)) {
                assertThat(api().get("/api/v1/alerts/warnings/" + warningId, token).statusCode()).isEqualTo(404);
                assertThat(api().get("/api/v1/alerts/warnings", token).body()).doesNotContain(warningId);
                assertThat(api().post("/api/v1/alerts/warnings/" + warningId + "/verification",
                        "{\"verdict\":\"FALSE_POSITIVE\",\"reason\":\"不归我管\"}", token).statusCode()).isEqualTo(404);
                // Nor the city's daily report, which names every district's enterprises at risk.
                HttpResponse<String> daily = api().get("/api/v1/alerts/reports/daily/"
                        + LocalDate.now(ZoneId.of("Asia/Shanghai")), token);
                assertThat(daily.statusCode()).as(daily.body()).isEqualTo(403);
                assertThat(daily.body()).doesNotContain(warningId);
            }
            // A day that has not begun has no report (its figures would be today's under another date).
            assertThat(api().get("/api/v1/alerts/reports/daily/" + LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1),
                    People.LABOR_INSPECTION.token()).statusCode()).isEqualTo(404);
            // District staff get their district's part only.
            assertThat(api().get("/api/v1/alerts/reports/daily/" + LocalDate.now(ZoneId.of("Asia/Shanghai")),
                    People.DISTRICT_BEILUN.token()).body()).doesNotContain(warningId);

            // The enterprise's own union sees the red collective dispute, but nothing that tells one worker from another.
            for (String body : List.of(api().get("/api/v1/alerts/warnings/" + warningId, People.CHAIR_FUDE.token()).body(),
                    api().get("/api/v1/alerts/warnings", People.CHAIR_FUDE.token()).body())) {
                JsonNode chairView = JSON.readTree(body);
                JsonNode w = chairView.isArray() ? chairView.get(0) : chairView;
                assertThat(w.path("level").asString()).isEqualTo("RED");
                assertThat(w.path("collectiveDispute").asBoolean()).isTrue();
                assertThat(w.path("kinds").get(0).asString()).isEqualTo("WAGE_ARREARS_COMPLAINT");
                assertThat(w.path("raisedOn").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
                // No counts or amounts, not even in bands: at a band's edge one anonymous complaint told whether its author was new.
                assertThat(w.has("signals") || w.has("workersReporting") || w.has("score") || w.has("kindContributions")
                        || w.has("amountAtStakeFen") || w.has("raisedAt") || w.has("workersReportingBand") || w.has("amountAtStakeBandYuan"))
                        .as(body).isFalse();
                assertThat(body).doesNotContain("ZGDP-").doesNotContain("T0").doesNotContain("T1").doesNotContain("T2");
            }

            HttpResponse<String> early = api().post("/api/v1/alerts/warnings/" + warningId + "/closure",
                    "{\"notes\":\"未核实先闭环\"}", People.DISTRICT_ZHENHAI.token());
            assertThat(early.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(early.body()).path("title").asString()).isEqualTo("当前状态下不能这样操作");
            assertThat(JSON.readTree(early.body()).path("detail").asString()).as("in words, not codes")
                    .isEqualTo("预警 " + warningId + " 当前为“已推送”，不能闭环。");

            // A mediator of another district neither reads the warning nor works its loop (it read the city's: a case now
            // moves into the district of the body it is transferred to).
            String beilunMediator = cn.unionhub.test.TestTokens.token().subject("handler-beilun").roles(cn.unionhub.security.Role.HANDLER)
                    .organisation("MEDIATION_ORGANISATION:330206").build();
            assertThat(api().get("/api/v1/alerts/warnings/" + warningId, beilunMediator).statusCode()).isEqualTo(404);
            HttpResponse<String> foreign = api().post("/api/v1/alerts/warnings/" + warningId + "/verification",
                    "{\"verdict\":\"FALSE_POSITIVE\",\"reason\":\"外区调解员\"}", beilunMediator);
            assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(404);
            // Another city's mediator (青岛's) and city union neither read it nor list it: a platform for several cities
            // shows each its own.
            String qingdaoMediator = cn.unionhub.test.TestTokens.token().subject("handler-qingdao").roles(cn.unionhub.security.Role.HANDLER)
                    .organisation("MEDIATION_ORGANISATION:370212").build();
            String qingdaoCity = cn.unionhub.test.TestTokens.token().subject("staff-qingdao-city").roles(cn.unionhub.security.Role.DISTRICT_UNION)
                    .district("370200").organisation("CITY_UNION").build();
            for (String otherCity : new String[] {qingdaoMediator, qingdaoCity}) {
                assertThat(api().get("/api/v1/alerts/warnings/" + warningId, otherCity).statusCode()).isEqualTo(404);
                assertThat(api().get("/api/v1/alerts/warnings?size=100", otherCity).body()).doesNotContain(warningId);
            }
            assertThat(api().get("/api/v1/alerts/warnings?size=100", People.CITY_STAFF.token()).body())
                    .as("宁波's city union lists 镇海区's warning").contains(warningId);
            // The city's skill-contest office (no CITY_UNION organisation) reads it but does not work it.
            String contestOffice = cn.unionhub.test.TestTokens.token().subject("staff-ningbo-city").roles(cn.unionhub.security.Role.DISTRICT_UNION)
                    .district("330200").build();
            HttpResponse<String> notTheirs = api().post("/api/v1/alerts/warnings/" + warningId + "/verification",
                    "{\"verdict\":\"CONFIRMED\",\"reason\":\"x\"}", contestOffice);
            assertThat(notTheirs.statusCode()).as(notTheirs.body()).isEqualTo(403);
            assertThat(notTheirs.body()).contains("warning-city-union-works-it");
            assertThat(JSON.readTree(api().get("/api/v1/alerts/warnings/" + warningId, People.LABOR_INSPECTION.token()).body())
                    .path("status").asString()).isEqualTo("PUSHED");
            post(warningId, "verification", "{\"verdict\":\"CONFIRMED\",\"reason\":\"走访核实：拖欠 30 名职工两个月工资\"}");
            post(warningId, "disposal", "{\"notes\":\"人社局、区总工会联合约谈企业，限期五日支付\"}");
            post(warningId, "docking", "{\"notes\":\"法律援助律师进驻，职工申请调解\"}");
            JsonNode closed = post(warningId, "closure", "{\"notes\":\"企业开设农民工工资专户，纳入月度巡查\"}");
            assertThat(closed.path("status").asString()).isEqualTo("CLOSED");
            JsonNode verifiedStep = null;
            for (JsonNode step : closed.path("history")) {
                verifiedStep = "VERIFIED".equals(step.path("action").asString()) ? step : verifiedStep;
            }
            assertThat(verifiedStep).isNotNull();
            assertThat(verifiedStep.path("by").asString()).isEqualTo("DISTRICT_UNION");
            assertThat(verifiedStep.path("who").asString()).as("the person who verified it").isEqualTo(People.DISTRICT_ZHENHAI.subject());

            await().atMost(Duration.ofSeconds(30)).until(() -> alerts.withKey(People.Enterprises.FUDE_ENERGY).stream()
                    .anyMatch(r -> "cn.unionhub.alert.closed.v1".equals(TopicProbe.header(r, "ce_type"))));

            String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
            JsonNode report = JSON.readTree(api().get("/api/v1/alerts/reports/daily/" + today, People.LABOR_INSPECTION.token()).body());
            assertThat(report.path("topEnterprises").toString()).contains(warningId);
            assertThat(report.path("closed").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(api().get("/api/v1/alerts/reports/daily/" + today + "?format=xml", People.LABOR_INSPECTION.token()).statusCode())
                    .as("a format it does not have is said, not answered as JSON").isEqualTo(400);
            HttpResponse<String> csv = api().get("/api/v1/alerts/reports/daily/" + today + "?format=csv",
                    People.LABOR_INSPECTION.token());
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.body()).contains("新发预警", "集体争议", warningId);
            // In words an officer reads: the district by name, levels and metrics in Chinese, money in yuan.
            assertThat(csv.body()).contains("镇海区（330211） 红色预警", "涉及金额（元）").doesNotContain("level.", "amountAtStakeFen", " active");

            JsonNode review = JSON.readTree(api().get("/api/v1/alerts/signal-kinds", People.ADMIN.token()).body());
            boolean counted = false;
            for (JsonNode kind : review) {
                if ("WAGE_ARREARS_COMPLAINT".equals(kind.path("kind").asString())) {
                    counted = kind.path("confirmed").asLong() >= 1;
                }
            }
            assertThat(counted).isTrue();

            // Another system's report dated before the closure was handled with it: kept, counted for nothing, and the
            // sender is told so instead of an "accepted" it cannot tell from one that counted.
            String before = signal(People.Enterprises.FUDE_ENERGY, "HOTLINE_CALLS", 3, Instant.now().minus(Duration.ofHours(1)));
            String after = signal(People.Enterprises.FUDE_ENERGY, "HOTLINE_CALLS", 3, Instant.now().plusSeconds(60));
            JsonNode reported = JSON.readTree(api().post("/api/v1/alerts/signals", "{\"signals\":[" + before + "," + after + "]}",
                    People.LABOR_INSPECTION.token()).body());
            assertThat(reported.path("accepted").asInt()).isEqualTo(2);
            assertThat(reported.path("alreadyHandled")).hasSize(1);
            assertThat(reported.path("alreadyHandled").get(0).asString()).isEqualTo(reported.path("signalIds").get(0).asString());
        }
    }

    /**
     * An enterprise the register does not know is placed by its credit code (its warnings had no district: no union saw
     * them), and a warning verified as a false positive does not count towards recommending a legal health check.
     */
    @Test
    void anUnregisteredEnterprisesWarningsReachItsDistrictAndFalseOnesDoNotCallForALegalHealthCheck() throws Exception {
        String body = "91330211MA9" + UUID.randomUUID().toString().replaceAll("[^0-9]", "").substring(0, 6);
        String uscc = body + cn.unionhub.platform.identity.ChineseIdentifiers.usccCheckCharacter(body);
        String first = raiseBlue(uscc, 1);
        JsonNode seen = JSON.readTree(api().get("/api/v1/alerts/warnings/" + first, People.DISTRICT_ZHENHAI.token()).body());
        assertThat(seen.path("district").asString()).isEqualTo("330211");
        post(first, "verification", "{\"verdict\":\"FALSE_POSITIVE\",\"reason\":\"核实：来电反映的是另一家企业\"}");
        post(first, "closure", "{\"notes\":\"误报，已关闭\"}");

        String second = raiseBlue(uscc, 2);
        post(second, "verification", "{\"verdict\":\"CONFIRMED\",\"reason\":\"走访核实\"}");
        post(second, "disposal", "{\"notes\":\"约谈企业\"}");
        post(second, "docking", "{\"notes\":\"法律援助进驻\"}");
        post(second, "closure", "{\"notes\":\"已整改\"}");

        String third = raiseBlue(uscc, 3);
        JsonNode latest = JSON.readTree(api().get("/api/v1/alerts/warnings/" + third, People.DISTRICT_ZHENHAI.token()).body());
        assertThat(latest.path("legalHealthCheckRecommended").asBoolean()).as("one real warning before it, not two").isFalse();
    }

    /** Reports hotline calls enough for a blue warning and answers the enterprise's warning number {@code seq} once raised. */
    private String raiseBlue(String uscc, int seq) {
        String id = uscc + "-" + seq;
        // Dated now: one dated before the last closure counts for nothing (handled with it).
        HttpResponse<String> sent = api().post("/api/v1/alerts/signals", "{\"signals\":[" + signal(uscc, "HOTLINE_CALLS", 25,
                Instant.now()) + "]}", People.LABOR_INSPECTION.token());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/api/v1/alerts/warnings/" + id, People.ADMIN.token()).statusCode() == 200);
        return id;
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
        assertThat(JSON.readTree(accepted.body()).path("duplicates")).isEmpty();
        // Sent again, twice in one batch: nothing new, and the answer says so rather than "accepted: 2".
        HttpResponse<String> again = api().post("/api/v1/alerts/signals", "{\"signals\":[" + good + "," + good + "]}",
                People.LABOR_INSPECTION.token());
        JsonNode answer = JSON.readTree(again.body());
        assertThat(answer.path("accepted").asInt()).isZero();
        assertThat(answer.path("signalIds")).hasSize(2);
        assertThat(answer.path("duplicates").size()).isEqualTo(2);
        assertThat(answer.path("duplicates").get(0).asString()).isEqualTo(JSON.readTree(accepted.body()).path("signalIds").get(0).asString());
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

    @Test
    void metricsExistAtZeroForEveryLevelAndKindAndMoveWithSignalsRaisesAndOpenWarnings() {
        for (String level : List.of("RED", "ORANGE", "YELLOW", "BLUE")) {
            assertThat(meters.find("unionhub.alerts.raised").tag("level", level).counter()).as(level).isNotNull();
            assertThat(meters.find("unionhub.alerts.open").tag("level", level).gauge()).as(level).isNotNull();
        }
        assertThat(counted("unionhub.alerts.signals", "kind", "LITIGATION")).isZero(); // configured, never reported here
        double shortfalls = counted("unionhub.alerts.signals", "kind", "WAGE_ACCOUNT_SHORTFALL");
        double yellowRaises = counted("unionhub.alerts.raised", "level", "YELLOW");
        double openYellow = openWarnings("YELLOW");

        // Three months short on the wage deposit account: 45 points, yellow. Reported twice, counted once.
        String shortfall = "{\"signals\":[{\"enterprise\":\"" + HAICHENG + "\",\"district\":\"330211\","
                + "\"kind\":\"WAGE_ACCOUNT_SHORTFALL\",\"magnitude\":3,\"occurredAt\":\"" + Instant.now().minusSeconds(60)
                + "\",\"source\":\"hrss-wage-accounts\",\"reference\":\"WA-" + UUID.randomUUID() + "\"}]}";
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> accepted = api().post("/api/v1/alerts/signals", shortfall, People.LABOR_INSPECTION.token());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        }

        assertThat(counted("unionhub.alerts.signals", "kind", "WAGE_ACCOUNT_SHORTFALL") - shortfalls).isEqualTo(1);
        assertThat(counted("unionhub.alerts.raised", "level", "YELLOW") - yellowRaises).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> openWarnings("YELLOW") >= openYellow + 1);
    }

    /**
     * A 12351 hotline order and a superior's assignment about unpaid wages are two wage complaints
     * (20 points); a public-opinion clue about the same counts a little (2) until checking confirms
     * it, then as the wage complaint it reports (30 in all): blue. The hotline order delivered twice
     * and the case opened from a worker's feedback (whose complaint was already counted) add nothing.
     */
    @Test
    void casesFiledFromTheHotlineAssignmentsAndPublicOpinionAreComplaintSignalsCountedOnce() throws Exception {
        Instant at = Instant.now().minusSeconds(300);
        CaseOpened hotline = caseOpened("GD-20260302-HT0001", "HOTLINE_12351", null, "HOTLINE_12351", 1_200_000L, 8, at);
        CaseOpened fromFeedback = caseOpened("GD-20260302-FB0001", "FEEDBACK", UUID.randomUUID().toString(), "MINI_PROGRAM",
                9_999_900L, 1, at.plusSeconds(10));
        // Fewer than ten workers each: none is a collective case on its own (that is another test's matter).
        CaseOpened assignment = caseOpened("GD-20260302-SV0001", "SUPERVISION", null, "SUPERIOR_ASSIGNMENT", 3_000_000L, 6,
                at.plusSeconds(20));
        CaseOpened clue = caseOpened("GD-20260302-P00001", "PUBLIC_OPINION", null, "MEDIA", null, null, at.plusSeconds(30));

        try (TopicProbe alerts = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "alert.events")) {
            // Keyed by the enterprise, so that they arrive in this order: the repeat before the raise.
            for (CaseOpened opened : List.of(hotline, hotline, fromFeedback, assignment, clue)) {
                ProducerRecord<String, byte[]> record = TestEvents.record(opened, UUID.randomUUID().toString());
                kafka.send(new ProducerRecord<>(record.topic(), null, HAIRUN, record.value(), record.headers())).join();
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> raisedFor(alerts, HAIRUN) != null);
            JsonNode raised = JSON.readTree(raisedFor(alerts, HAIRUN).value());
            assertThat(raised.path("level").asString()).isEqualTo("BLUE");
            assertThat(raised.path("amountAtStakeFen").asLong()).isEqualTo(4_200_000L);
            assertThat(raised.path("signals").findValuesAsString("reference"))
                    .containsExactlyInAnyOrder(hotline.caseNumber(), assignment.caseNumber(), clue.caseNumber());
            assertThat(raised.path("signals").findValuesAsString("source")).containsOnly("case-service");
            assertThat(raised.path("kindContributions").path("WAGE_ARREARS_COMPLAINT").asDouble()).isBetween(19.9, 20.0);
            assertThat(raised.path("kindContributions").path("UNVERIFIED_CLUE").asDouble()).isBetween(1.9, 2.0);
            String warningId = raised.path("warningId").asString();
            JsonNode view = JSON.readTree(api().get("/api/v1/alerts/warnings/" + warningId, People.DISTRICT_ZHENHAI.token()).body());
            assertThat(view.path("workersConcerned").asInt()).as("the hotline order names eight workers").isEqualTo(8);
            assertThat(view.path("workersReporting").asInt()).isLessThan(8);

            // The district union's check confirms the clue: from now on it counts as the wage complaint it reported.
            cn.unionhub.events.cases.CaseClueVerified verified = new cn.unionhub.events.cases.CaseClueVerified(clue.caseId(),
                    clue.caseNumber(), HAIRUN, "宁波海润包装有限公司", "330211", "WAGES_ARREARS", null, null, "CONFIRMED",
                    at.plusSeconds(40));
            ProducerRecord<String, byte[]> record = TestEvents.record(verified, UUID.randomUUID().toString());
            kafka.send(new ProducerRecord<>(record.topic(), null, HAIRUN, record.value(), record.headers())).join();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(JSON.readTree(api().get(
                    "/api/v1/alerts/warnings/" + warningId, People.DISTRICT_ZHENHAI.token()).body())
                    .path("kindContributions").path("WAGE_ARREARS_COMPLAINT").asDouble()).isBetween(29.9, 30.0));
        }
    }

    private static CaseOpened caseOpened(String caseNumber, String source, String feedbackId, String channel, Long owed,
            Integer workers, Instant at) {
        return new CaseOpened(UUID.randomUUID().toString(), caseNumber, source, feedbackId,
                feedbackId == null ? null : "ZGDP-20260302-QW0B01", "WAGES_ARREARS", HAIRUN, "330211", "宁波海润包装有限公司",
                channel, "MIGRANT_WORKER", "GREEN_CHANNEL", owed, workers, at);
    }

    private double counted(String name, String tag, String value) {
        Counter counter = meters.find(name).tag(tag, value).counter();
        assertThat(counter).as(name + " " + value).isNotNull();
        return counter.count();
    }

    private double openWarnings(String level) {
        Gauge gauge = meters.find("unionhub.alerts.open").tag("level", level).gauge();
        assertThat(gauge).as(level).isNotNull();
        return gauge.value();
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
