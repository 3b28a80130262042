package cn.unionhub.cases.casework.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.events.feedback.FeedbackSubmitted;
import cn.unionhub.platform.events.EventSchemas;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.TestEvents;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TopicProbe;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class FeedbackIntakeIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    EventSchemas schemas;
    @Value("${local.server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    @org.junit.jupiter.api.BeforeEach
    void registered(@Autowired cn.unionhub.cases.registry.RegisterCopy register) {
        cn.unionhub.cases.registry.RegisterFixtures.registerPilotDistricts(register);
    }

    @Test
    void aComplaintOpensOneRoutedCaseHoweverOftenItIsDelivered() throws Exception {
        String feedbackId = UUID.randomUUID().toString();
        FeedbackSubmitted commute = new FeedbackSubmitted(feedbackId, "ZGDP-20261121-7KQM3X", "COMPLAINT",
                "CANTEEN_DORMITORY_COMMUTE", "MINI_PROGRAM", true, "REGULAR", People.Enterprises.FUDE_ENERGY,
                "宁波富德能源有限公司", "330211", true, "单程要一个多小时，希望安排通勤车。", Map.of(), Map.of(), Instant.now());
        String eventId = UUID.randomUUID().toString();

        kafka.send(TestEvents.record(commute, eventId)).join();
        kafka.send(TestEvents.record(commute, eventId)).join();                       // redelivery
        kafka.send(TestEvents.record(commute, UUID.randomUUID().toString())).join();  // republished under a new id

        try (TopicProbe caseEvents = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "case.events")) {
            String caseId = "case-" + feedbackId;
            await().atMost(Duration.ofSeconds(30)).until(() -> caseEvents.withKey(caseId).size() >= 2);
            List<ConsumerRecord<String, byte[]>> events = caseEvents.withKey(caseId);
            assertThat(events).extracting(r -> TopicProbe.header(r, "ce_type"))
                    .containsExactly("cn.unionhub.case.opened.v1", "cn.unionhub.case.routed.v1");
            for (ConsumerRecord<String, byte[]> event : events) {
                assertThat(schemas.violations(TopicProbe.header(event, "ce_type"), JSON.readTree(event.value()))).isEmpty();
            }
            JsonNode routed = JSON.readTree(events.get(1).value());
            assertThat(routed.path("organisationName").asString()).isEqualTo("宁波富德能源有限公司工会");
            assertThat(routed.path("rule").asString()).isEqualTo("workplace-to-enterprise-union");

            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> mongo.getCollection("cases").countDocuments(new Document("feedbackId", feedbackId)) == 1);
            String caseNumber = routed.path("caseNumber").asString();
            assertThat(api().get("/api/v1/cases/" + caseNumber, People.CHAIR_FUDE.token()).statusCode()).isEqualTo(200);
            assertThat(api().get("/api/v1/cases/" + caseNumber, People.CHAIR_BEILUN.token()).statusCode()).isEqualTo(404);
            assertThat(api().get("/api/v1/cases/" + caseNumber, People.HANDLER_MEDIATOR.token()).body())
                    .contains("\"priority\":\"NORMAL\"", "\"trackingNumber\":\"ZGDP-20261121-7KQM3X\"");
        }
    }

    /**
     * A 宁波 worker's complaint about a 青岛 employer the register does not know: it goes to the district the credit code
     * was registered in (it went to the worker's own district, where no transfer could reach 青岛), and a case can be
     * transferred on to another district's bodies, its matter moving with it.
     */
    @Test
    void aComplaintAboutAnUnknownEmployerGoesToItsCreditCodesDistrictAndMovesOnByTransfer(
            @Autowired cn.unionhub.cases.registry.RegisterCopy register) {
        register.registered(cn.unionhub.cases.registry.RegisterFixtures.district("370212", "崂山区", "370200"));
        String feedbackId = UUID.randomUUID().toString();
        String qingdaoRestaurant = "91370212MA3XYW124J";
        kafka.send(TestEvents.record(new FeedbackSubmitted(feedbackId, "ZGDP-20261204-QD0001", "COMPLAINT", "WAGES_ARREARS",
                "APP", true, "REGULAR", qingdaoRestaurant, null, People.Districts.BEILUN, false, "青岛崂山餐饮公司工资未结",
                Map.of("amountOwedFen", 300000, "workersAffected", 1), Map.of(), Instant.now()), UUID.randomUUID().toString())).join();
        String laoshan = cn.unionhub.test.TestTokens.token().subject("staff-laoshan").roles(cn.unionhub.security.Role.DISTRICT_UNION)
                .district("370212").build();
        String number = await().atMost(Duration.ofSeconds(30)).until(() -> {
            Document found = mongo.getCollection("cases").find(new Document("feedbackId", feedbackId)).first();
            return found == null ? null : found.getString("caseNumber");
        }, java.util.Objects::nonNull);
        JsonNode opened = JSON.readTree(api().get("/api/v1/cases/" + number, laoshan).body());
        assertThat(opened.path("organisationId").asString()).isEqualTo("DISTRICT_UNION:370212");
        String caseNumber = opened.path("caseNumber").asString();
        assertThat(api().get("/api/v1/cases/" + caseNumber, People.DISTRICT_BEILUN.token()).statusCode()).isEqualTo(404);

        // 崂山 finds the worker's employer is in fact in 北仑's port area: on to 北仑's mediation centre, the matter with it.
        assertThat(api().post("/api/v1/cases/" + caseNumber + "/transfer",
                "{\"organisationType\":\"MEDIATION_ORGANISATION\",\"district\":\"990000\",\"reason\":\"错\"}", laoshan).statusCode())
                .as("a district the register does not name").isEqualTo(400);
        HttpResponse<String> moved = api().post("/api/v1/cases/" + caseNumber + "/transfer",
                "{\"organisationType\":\"MEDIATION_ORGANISATION\",\"district\":\"330206\",\"reason\":\"企业实际在北仑\"}", laoshan);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        JsonNode there = JSON.readTree(moved.body());
        assertThat(there.path("organisationId").asString()).isEqualTo("MEDIATION_ORGANISATION:330206");
        assertThat(there.path("organisationName").asString()).isEqualTo("北仑区劳动争议调解中心");
        assertThat(api().get("/api/v1/cases/" + caseNumber, laoshan).statusCode()).as("no longer 崂山's").isEqualTo(404);
    }

    /** An answer sent twice under one Idempotency-Key (a timeout, a double tap) is on the record, and read by the worker, once. */
    @Test
    void anAnswerSentAgainUnderItsKeyIsOnTheRecordOnce() {
        String caseNumber = openFromFeedback("ZGDP-20261204-KY0001", false);
        String chair = People.CHAIR_FUDE.token();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> answered = api().post("/api/v1/cases/" + caseNumber + "/responses", "{\"text\":\"已向公司反映\"}", chair,
                    "answer-" + caseNumber);
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        }
        assertThat(api().post("/api/v1/cases/" + caseNumber + "/responses", "{\"text\":\"另一段答复\"}", chair, "answer-" + caseNumber)
                .statusCode()).as("the key with another answer").isEqualTo(409);
        JsonNode history = JSON.readTree(api().get("/api/v1/cases/" + caseNumber + "/history", chair).body());
        assertThat(history.findValuesAsString("action")).containsOnlyOnce("RESPONDED");
    }

    /** The worker answers what a paused case asked for: the answer is on the record and the case runs again, once. */
    @Test
    void theWorkersAnswerGoesOnTheRecordAndStartsAPausedCaseAgain() {
        String caseNumber = openFromFeedback("ZGDP-20261204-RP0001", false);
        String chair = People.CHAIR_FUDE.token();
        assertThat(api().post("/api/v1/cases/" + caseNumber + "/acceptance", "{}", chair).statusCode()).isEqualTo(200);
        assertThat(api().post("/api/v1/cases/" + caseNumber + "/pauses", "{\"text\":\"请上传11月工资条\"}", chair).statusCode())
                .isEqualTo(200);
        String feedbackId = mongo.getCollection("cases").find(new Document("caseNumber", caseNumber)).first().getString("feedbackId");
        var replied = new cn.unionhub.events.feedback.WorkerReplied(feedbackId, "ZGDP-20261204-RP0001", "工资条已拍照，请查收",
                Instant.now());
        String eventId = UUID.randomUUID().toString();
        kafka.send(TestEvents.record(replied, eventId)).join();
        kafka.send(TestEvents.record(replied, UUID.randomUUID().toString())).join(); // republished under another id
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode history = JSON.readTree(api().get("/api/v1/cases/" + caseNumber + "/history", chair).body());
            assertThat(history.findValuesAsString("action")).containsOnlyOnce("WORKER_REPLIED").contains("RESUMED");
            assertThat(history.toString()).contains("工资条已拍照，请查收");
        });
        assertThat(JSON.readTree(api().get("/api/v1/cases/" + caseNumber, chair).body()).path("pauses").get(0).path("to").isNull())
                .as("the pause ended").isFalse();
    }

    /** A poll's complaints are opened together: each once, routed, with its deadline timer and its place in the queue. */
    @Test
    void complaintsArrivingTogetherEachOpenOneRoutedCase() {
        List<String> feedbackIds = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String feedbackId = UUID.randomUUID().toString();
            feedbackIds.add(feedbackId);
            FeedbackSubmitted complaint = new FeedbackSubmitted(feedbackId, "ZGDP-20261202-B" + String.format("%05d", i),
                    "COMPLAINT", "CANTEEN_DORMITORY_COMMUTE", "MINI_PROGRAM", true, "REGULAR", People.Enterprises.FUDE_ENERGY,
                    "宁波富德能源有限公司", "330211", true, "通勤太远", Map.of(), Map.of(), Instant.now());
            kafka.send(TestEvents.record(complaint, UUID.randomUUID().toString()));
            if (i % 10 == 0) {
                kafka.send(TestEvents.record(complaint, UUID.randomUUID().toString())); // republished: the same case
            }
        }
        kafka.flush();

        Document routedOnes = new Document("feedbackId", new Document("$in", feedbackIds)).append("status", "ROUTED");
        await().atMost(Duration.ofSeconds(60)).until(() -> mongo.getCollection("cases").countDocuments(routedOnes) == 40);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> mongo.getCollection("cases")
                .countDocuments(new Document("feedbackId", new Document("$in", feedbackIds))) == 40);
        List<String> timers = new java.util.ArrayList<>();
        mongo.getCollection("due_timers").find().forEach(d -> {
            Object due = d.get("due");
            if (due instanceof List<?> entries) {
                entries.forEach(e -> timers.add(String.valueOf(e).split("@")[0]));
            }
        });
        assertThat(timers).as("every case's deadline is watched").containsAll(feedbackIds.stream().map(id -> "case-" + id).toList());
    }

    @Test
    void theEnterpriseUnionFindsItsCaseAnswersAndResolvesItWhileNeighboursCannotTouchIt() throws Exception {
        String feedbackId = UUID.randomUUID().toString();
        kafka.send(TestEvents.record(new FeedbackSubmitted(feedbackId, "ZGDP-20261121-Q0E0E1", "COMPLAINT",
                "CANTEEN_DORMITORY_COMMUTE", "MINI_PROGRAM", true, "REGULAR", People.Enterprises.FUDE_ENERGY,
                "宁波富德能源有限公司", "330211", true, "通勤太远", Map.of(), Map.of(), Instant.now()), UUID.randomUUID().toString())).join();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mongo.getCollection("cases").countDocuments(new Document("feedbackId", feedbackId)) == 1);

        JsonNode queue = JSON.readTree(api().get("/api/v1/cases?status=ROUTED", People.CHAIR_FUDE.token()).body());
        String caseNumber = null;
        for (JsonNode c : queue) {
            if ("ZGDP-20261121-Q0E0E1".equals(c.path("trackingNumber").asString())) {
                caseNumber = c.path("caseNumber").asString();
            }
        }
        assertThat(caseNumber).isNotNull();
        assertThat(api().get("/api/v1/cases", People.CHAIR_BEILUN.token()).body()).doesNotContain(caseNumber);

        assertThat(api().post("/api/v1/cases/" + caseNumber + "/responses", "{\"text\":\"越权答复\"}", People.CHAIR_BEILUN.token())
                .statusCode()).isEqualTo(404);
        HttpResponse<String> early = api().post("/api/v1/cases/" + caseNumber + "/resolution",
                "{\"outcome\":\"RESOLVED_BY_ENTERPRISE\",\"summary\":\"未答复先办结\"}", People.CHAIR_FUDE.token());
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(early.body()).path("title").asString()).isEqualTo("当前状态下不能这样操作");
        assertThat(JSON.readTree(early.body()).path("detail").asString()).as("in words, not codes")
                .isEqualTo("工单 " + caseNumber + " 当前为“已分派”，不能办结。");

        HttpResponse<String> answered = api().post("/api/v1/cases/" + caseNumber + "/responses",
                "{\"text\":\"已向公司反映，公司正在研究通勤方案。\"}", People.CHAIR_FUDE.token());
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(JSON.readTree(answered.body()).path("status").asString()).isEqualTo("IN_PROGRESS");
        HttpResponse<String> resolved = api().post("/api/v1/cases/" + caseNumber + "/resolution",
                "{\"outcome\":\"RESOLVED_BY_ENTERPRISE\",\"summary\":\"公司租赁大巴车接送职工上下班。\"}", People.CHAIR_FUDE.token());
        assertThat(JSON.readTree(resolved.body()).path("status").asString()).isEqualTo("RESOLVED");

        try (TopicProbe caseEvents = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "case.events")) {
            String caseId = "case-" + feedbackId;
            await().atMost(Duration.ofSeconds(30)).until(() -> caseEvents.withKey(caseId).size() >= 6);
            assertThat(caseEvents.withKey(caseId)).extracting(r -> TopicProbe.header(r, "ce_type")).containsExactly(
                    "cn.unionhub.case.opened.v1", "cn.unionhub.case.routed.v1", "cn.unionhub.case.accepted.v1",
                    "cn.unionhub.case.first-responded.v1", "cn.unionhub.case.responded.v1", "cn.unionhub.case.resolved.v1");
            for (ConsumerRecord<String, byte[]> event : caseEvents.withKey(caseId)) {
                assertThat(schemas.violations(TopicProbe.header(event, "ce_type"), JSON.readTree(event.value()))).isEmpty();
            }

            // The worker is not satisfied: the case goes back to work.
            kafka.send(TestEvents.record(new cn.unionhub.events.feedback.FeedbackRated(feedbackId, "ZGDP-20261121-Q0E0E1",
                    "NOT_SATISFIED", "晚班没有通勤车", false, People.Enterprises.FUDE_ENERGY, "330211", Instant.now()),
                    UUID.randomUUID().toString())).join();
            await().atMost(Duration.ofSeconds(30)).until(() -> caseEvents.withKey(caseId).size() >= 8);
            ConsumerRecord<String, byte[]> reopened = caseEvents.withKey(caseId).get(6);
            assertThat(TopicProbe.header(caseEvents.withKey(caseId).get(7), "ce_type"))
                    .as("re-dispatched with fresh deadlines").isEqualTo("cn.unionhub.case.routed.v1");
            assertThat(TopicProbe.header(reopened, "ce_type")).isEqualTo("cn.unionhub.case.reopened.v1");
            assertThat(JSON.readTree(reopened.value()).path("reason").asString()).isEqualTo("职工不满意：晚班没有通勤车");
            assertThat(JSON.readTree(api().get("/api/v1/cases/" + caseNumber, People.CHAIR_FUDE.token()).body()).path("status").asString())
                    .isEqualTo("REOPENED");
        }
    }

    @Test
    void theEnterprisesOwnUnionSeesAnAnonymousWorkersCaseByDayWhileTheDistrictSeesItsTimes() {
        String anonymous = openFromFeedback("ZGDP-20261130-AN0N01", true);
        String named = openFromFeedback("ZGDP-20261130-NAMED1", false);

        // The chair works the anonymous case (its urgency stays) but cannot tell when the worker complained.
        JsonNode chairView = JSON.readTree(api().get("/api/v1/cases/" + anonymous, People.CHAIR_FUDE.token()).body());
        assertThat(byDay(chairView.path("times").path("openedAt").asString())).isTrue();
        assertThat(byDay(chairView.path("times").path("firstResponseDueAt").asString())).isTrue();
        assertThat(byDay(chairView.path("sla").path("dueAt").asString())).isTrue();
        assertThat(chairView.path("sla").path("state").asString()).isEqualTo("WITHIN_DEADLINE");
        JsonNode chairQueue = JSON.readTree(api().get("/api/v1/cases?status=ROUTED&size=100", People.CHAIR_FUDE.token()).body());
        for (JsonNode c : chairQueue) {
            if (c.path("caseNumber").asString().equals(anonymous)) {
                assertThat(byDay(c.path("times").path("openedAt").asString())).isTrue();
            }
        }
        JsonNode chairHistory = JSON.readTree(api().get("/api/v1/cases/" + anonymous + "/history", People.CHAIR_FUDE.token()).body());
        assertThat(chairHistory.toString()).as("the routing's due times are in the history").contains("firstResponseDueAt");
        for (JsonNode entry : chairHistory) {
            assertThat(byDay(entry.path("at").asString())).isTrue();
            // Due times are the complaint's time plus the rule's hours: each is a day, never an instant.
            entry.path("details").properties().forEach(detail -> assertThat(detail.getValue().asString())
                    .as(detail.getKey()).doesNotContainPattern("T\\d\\d:\\d\\d"));
            // A hash seals the exact time: tried millisecond by millisecond it would give the time away.
            assertThat(entry.path("hash").isMissingNode() || entry.path("hash").isNull()).as("hash shown").isTrue();
            assertThat(entry.path("previousHash").isMissingNode() || entry.path("previousHash").isNull()).isTrue();
        }
        assertThat(JSON.readTree(api().get("/api/v1/cases/" + anonymous + "/history/verification", People.CHAIR_FUDE.token()).body())
                .path("valid").asBoolean()).as("the chair still checks the chain").isTrue();
        JsonNode districtHistory = JSON.readTree(api().get("/api/v1/cases/" + anonymous + "/history", People.DISTRICT_ZHENHAI.token()).body());
        assertThat(districtHistory.path(0).path("hash").asString()).as("the district sees the chain").isNotEmpty();
        HttpResponse<String> answered = api().post("/api/v1/cases/" + anonymous + "/responses", "{\"text\":\"已向公司反映\"}",
                People.CHAIR_FUDE.token());
        assertThat(byDay(JSON.readTree(answered.body()).path("times").path("firstRespondedAt").asString())).isTrue();

        // The district federation, which supervises the deadline, and a named worker's case show the times.
        JsonNode districtView = JSON.readTree(api().get("/api/v1/cases/" + anonymous, People.DISTRICT_ZHENHAI.token()).body());
        assertThat(byDay(districtView.path("times").path("openedAt").asString())).isFalse();
        assertThat(byDay(JSON.readTree(api().get("/api/v1/cases/" + named, People.CHAIR_FUDE.token()).body()).path("times")
                .path("openedAt").asString())).isFalse();
    }

    /** A Beijing time of day 00:00: a time shown by its day only. */
    private static boolean byDay(String time) {
        java.time.OffsetDateTime t = java.time.OffsetDateTime.parse(time);
        return t.getOffset().getTotalSeconds() == 8 * 3600 && t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
    }

    /** Plays feedback-service's event for a commute complaint to 宁波富德能源; answers the case's number once it is routed. */
    private String openFromFeedback(String tracking, boolean anonymous) {
        String feedbackId = UUID.randomUUID().toString();
        kafka.send(TestEvents.record(new FeedbackSubmitted(feedbackId, tracking, "COMPLAINT", "CANTEEN_DORMITORY_COMMUTE",
                "MINI_PROGRAM", true, "REGULAR", People.Enterprises.FUDE_ENERGY, "宁波富德能源有限公司", "330211", anonymous,
                "通勤太远", Map.of(), Map.of(), Instant.now()), UUID.randomUUID().toString())).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Document c = mongo.getCollection("cases").find(new Document("feedbackId", feedbackId)).first();
            return c != null && "ROUTED".equals(c.getString("status"));
        });
        return mongo.getCollection("cases").find(new Document("feedbackId", feedbackId)).first().getString("caseNumber");
    }

    @Test
    void aReviewOpensNoCase() {
        String feedbackId = UUID.randomUUID().toString();
        FeedbackSubmitted review = new FeedbackSubmitted(feedbackId, "ZGDP-20261121-RVW001", "REVIEW", "WELFARE_BENEFITS", "APP",
                false, "REGULAR", People.Enterprises.FUDE_ENERGY, null, "330211", false, "福利不错", Map.of(), Map.of("PAY", 4),
                Instant.now());
        String marker = UUID.randomUUID().toString();
        FeedbackSubmitted complaint = new FeedbackSubmitted(marker, "ZGDP-20261121-MARKER", "COMPLAINT", "OTHER", "APP", true,
                "REGULAR", People.Enterprises.FUDE_ENERGY, null, "330211", false, "其他问题", Map.of(), Map.of(), Instant.now());

        kafka.send(TestEvents.record(review, UUID.randomUUID().toString())).join();
        kafka.send(TestEvents.record(complaint, UUID.randomUUID().toString())).join();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> mongo.getCollection("cases").countDocuments(new Document("feedbackId", marker)) == 1);
        assertThat(mongo.getCollection("cases").countDocuments(new Document("feedbackId", feedbackId))).isZero();
    }


}
