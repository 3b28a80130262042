package cn.unionhub.feedback.submission.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.feedback.registry.RegisterCopy;
import cn.unionhub.feedback.registry.RegisterFixtures;
import cn.unionhub.platform.events.EventSchemas;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TopicProbe;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class SubmissionApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COMMUTE = """
            {"type":"COMPLAINT","category":"CANTEEN_DORMITORY_COMMUTE","channel":"MINI_PROGRAM",
             "enterprise":"91330211MA2H3K5Q1G","anonymous":true,
             "text":"厂区离市区15公里，公交不便，单程要一个多小时，希望公司安排通勤车。",
             "details":{"commuteMinutesOneWay":70}}""";


    @Value("${local.server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }
    @Autowired
    MongoTemplate mongo;
    @Autowired
    EventSchemas schemas;
    @Autowired
    MeterRegistry meters;
    @Autowired
    org.springframework.kafka.core.KafkaTemplate<String, byte[]> kafka;

    /** The register knows the pilot enterprises (member-card-service's events, applied as the consumer would). */
    @BeforeEach
    void registered(@Autowired RegisterCopy register) {
        RegisterFixtures.registerPilot(register);
    }

    /** A worker's own list pages back past the newest (it stopped at a hundred, with no way to the rest). */
    @Test
    void aWorkersOwnListPagesNewestFirst() {
        String worker = cn.unionhub.test.TestTokens.token().subject("worker-pages-" + UUID.randomUUID())
                .roles(cn.unionhub.security.Role.WORKER).enterprise(People.Enterprises.FUDE_ENERGY).district(People.Districts.ZHENHAI).build();
        List<String> filed = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> created = api().post("/api/v1/feedback/submissions", COMMUTE.replace("通勤车。", "通勤车（第" + i + "次反映）。"),
                    worker, null);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            filed.add(JSON.readTree(created.body()).path("trackingNumber").asString());
        }
        assertThat(JSON.readTree(api().get("/api/v1/feedback/submissions/mine?size=2", worker).body()).findValuesAsString("trackingNumber"))
                .containsExactly(filed.get(2), filed.get(1));
        assertThat(JSON.readTree(api().get("/api/v1/feedback/submissions/mine?size=2&page=1", worker).body())
                .findValuesAsString("trackingNumber")).containsExactly(filed.get(0));
        assertThat(JSON.readTree(api().get("/api/v1/feedback/submissions/mine", worker).body())).hasSize(3);
    }

    @Test
    void anAnonymousComplaintIsAcceptedPublishedAndFollowedWithoutEverRevealingTheWorker() {
        HttpResponse<String> created = api().post("/api/v1/feedback/submissions", COMMUTE, People.WORKER_ZHANG_WEI.token(), null);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode receipt = JSON.readTree(created.body());
        String tracking = receipt.path("trackingNumber").asString();
        String followUpToken = receipt.path("followUpToken").asString();
        assertThat(tracking).matches("ZGDP-\\d{8}-[0-9A-Z]{6}");
        assertThat(followUpToken).matches("([0-9A-Z]{4}-){4}[0-9A-Z]{4}");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/feedback/submissions/" + tracking);

        try (TopicProbe events = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "feedback.events")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> events.poll().stream().anyMatch(r -> contains(r, tracking)));
            ConsumerRecord<String, byte[]> event = events.poll().stream().filter(r -> contains(r, tracking)).findFirst().orElseThrow();
            assertThat(TopicProbe.header(event, "ce_type")).isEqualTo("cn.unionhub.feedback.submitted.v1");
            assertThat(schemas.violations("cn.unionhub.feedback.submitted.v1", JSON.readTree(event.value()))).isEmpty();
            assertThat(new String(event.value(), StandardCharsets.UTF_8))
                    .doesNotContain(People.WORKER_ZHANG_WEI.subject()).doesNotContain("psn_").doesNotContain(followUpToken);
        }

        HttpResponse<String> chair = api().get("/api/v1/feedback/submissions/" + tracking, People.CHAIR_FUDE.token());
        assertThat(chair.statusCode()).isEqualTo(200);
        assertThat(chair.body()).contains("通勤车").doesNotContain(People.WORKER_ZHANG_WEI.subject()).doesNotContain("psn_");
        assertThat(JSON.readTree(chair.body()).path("contactName").isNull()).isTrue();
        // The enterprise side sees when by day only: an exact time could be matched against a shift or a named complaint.
        String exact = receipt.path("submittedAt").asString();
        String chairTime = JSON.readTree(chair.body()).path("submittedAt").asString();
        assertThat(chairTime).startsWith(exact.substring(0, 10)).contains("T00:00").isNotEqualTo(exact);
        assertThat(JSON.readTree(chair.body()).path("timeline").get(0).path("at").asString()).contains("T00:00");
        assertThat(JSON.readTree(api().get("/api/v1/feedback/submissions/" + tracking, People.DISTRICT_ZHENHAI.token()).body())
                .path("submittedAt").asString()).isEqualTo(exact);
        assertThat(JSON.readTree(api().get("/api/v1/feedback/submissions/mine", People.WORKER_ZHANG_WEI.token()).body()).get(0)
                .path("submittedAt").asString()).isEqualTo(exact);
        assertThat(api().get("/api/v1/feedback/submissions/" + tracking, People.CHAIR_BEILUN.token()).statusCode()).isEqualTo(404);
        assertThat(api().get("/api/v1/feedback/submissions/" + tracking, People.DISTRICT_ZHENHAI.token()).statusCode()).isEqualTo(200);
        assertThat(api().get("/api/v1/feedback/submissions/" + tracking, People.WORKER_LI_NA.token()).statusCode()).isEqualTo(404);
        assertThat(api().get("/api/v1/feedback/submissions/mine", People.WORKER_ZHANG_WEI.token()).body()).contains(tracking);
        HttpResponse<String> chairList = api().get("/api/v1/feedback/submissions?type=COMPLAINT", People.CHAIR_FUDE.token());
        assertThat(chairList.body()).contains(tracking).doesNotContain(People.WORKER_ZHANG_WEI.subject()).doesNotContain("psn_");
        assertThat(api().get("/api/v1/feedback/submissions", People.DISTRICT_ZHENHAI.token()).body()).contains(tracking);
        assertThat(api().get("/api/v1/feedback/submissions", People.CHAIR_BEILUN.token()).body()).doesNotContain(tracking);

        HttpResponse<String> followed = api().post("/api/v1/feedback/follow-up",
                "{\"trackingNumber\":\"" + tracking + "\",\"token\":\"" + followUpToken.toLowerCase() + "\"}", null, null);
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(followed.body()).path("timeline").get(0).path("kind").asString()).isEqualTo("RECEIVED");
        assertThat(api().post("/api/v1/feedback/follow-up", "{\"trackingNumber\":\"" + tracking + "\",\"token\":\"WRONG-TOKEN\"}",
                null, null).statusCode()).isEqualTo(404);
        HttpResponse<String> noToken = api().post("/api/v1/feedback/follow-up", "{\"trackingNumber\":\"" + tracking + "\"}", null, null);
        assertThat(noToken.statusCode()).as("a missing field is the caller's slip, not an unknown item").isEqualTo(400);
        assertThat(JSON.readTree(noToken.body()).path("errors").findValuesAsString("field")).containsExactly("token");
    }

    @Test
    void everyEndpointAnEnterpriseAccountMayCallKeepsTheAnonymousWorkerHidden(@Autowired cn.unionhub.security.AccessRules rules,
            @Autowired cn.unionhub.platform.identity.Pseudonyms pseudonyms) {
        String named = """
                {"type":"COMPLAINT","category":"OTHER","channel":"MINI_PROGRAM","enterprise":"91330211MA2H3K5Q1G",
                 "anonymous":true,"text":"我叫张伟，电话13812345678，想反映加班问题。"}""";
        HttpResponse<String> created = api().post("/api/v1/feedback/submissions", named, People.WORKER_ZHANG_WEI.token(), null);
        String tracking = JSON.readTree(created.body()).path("trackingNumber").asString();
        java.util.Map<String, String> ids = java.util.Map.of("trackingNumber", tracking);
        java.util.List<String> secrets = java.util.List.of(People.WORKER_ZHANG_WEI.subject(), "13812345678",
                pseudonyms.of(People.WORKER_ZHANG_WEI.subject()), JSON.readTree(created.body()).path("followUpToken").asString());

        for (People union : new People[] {People.CHAIR_FUDE, People.DISTRICT_ZHENHAI}) {
            assertThat(cn.unionhub.test.AnonymityProbe.calledPaths(rules, union, ids))
                    .contains("/api/v1/feedback/submissions/" + tracking);
            assertThat(cn.unionhub.test.AnonymityProbe.leaks("http://127.0.0.1:" + port, rules, union, ids, secrets)).isEmpty();
        }
    }

    @Test
    void aRetriedSubmissionWithTheSameIdempotencyKeyGetsTheFirstAnswerAndNoTwin() {
        String key = UUID.randomUUID().toString();
        double countedBefore = commuteComplaintsCounted();
        HttpResponse<String> first = api().post("/api/v1/feedback/submissions", COMMUTE, People.WORKER_ZHANG_WEI.token(), key);
        HttpResponse<String> retry = api().post("/api/v1/feedback/submissions", COMMUTE, People.WORKER_ZHANG_WEI.token(), key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(200);
        JsonNode a = JSON.readTree(first.body());
        JsonNode b = JSON.readTree(retry.body());
        assertThat(b.path("trackingNumber").asString()).isEqualTo(a.path("trackingNumber").asString());
        assertThat(b.path("followUpToken").asString()).isEqualTo(a.path("followUpToken").asString());
        assertThat(mongo.getCollection("feedback_items").countDocuments(
                new org.bson.Document("trackingNumber", a.path("trackingNumber").asString()))).isEqualTo(1);
        // The retry's refused item takes no place among the worker's kept items: the first is still the newest.
        Object firstId = mongo.getCollection("feedback_items")
                .find(new org.bson.Document("trackingNumber", a.path("trackingNumber").asString())).first().get("_id");
        List<?> kept = mongo.getCollection("worker_items").find(new org.bson.Document("items", firstId)).first()
                .getList("items", Object.class);
        assertThat(kept.get(kept.size() - 1)).isEqualTo(firstId);
        // The business counter counts the item once, not the retry.
        assertThat(commuteComplaintsCounted()).isEqualTo(countedBefore + 1);
        // The same key with changed content is not a retry: refused, and nothing is added.
        HttpResponse<String> changed = api().post("/api/v1/feedback/submissions", COMMUTE.replace("希望", "强烈要求"),
                People.WORKER_ZHANG_WEI.token(), key);
        assertThat(COMMUTE).contains("希望");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(409);
        assertThat(changed.body()).contains("feedback-idempotency-key-reused").doesNotContain(a.path("trackingNumber").asString());
        assertThat(commuteComplaintsCounted()).isEqualTo(countedBefore + 1);
        // The same key from another worker is another request.
        assertThat(api().post("/api/v1/feedback/submissions", COMMUTE, People.WORKER_LI_NA.token(), key).statusCode()).isEqualTo(201);
        assertThat(commuteComplaintsCounted()).isEqualTo(countedBefore + 2);
    }

    /** A double tap from an app that sends no key: the same complaint from the same worker at once is one item. */
    @Test
    void theSameSubmissionTwiceWithoutAKeyFromOneWorkerIsOneItem() {
        String worker = cn.unionhub.test.TestTokens.token().subject("worker-taps-" + UUID.randomUUID())
                .roles(cn.unionhub.security.Role.WORKER).enterprise(People.Enterprises.FUDE_ENERGY).district(People.Districts.ZHENHAI).build();
        double countedBefore = commuteComplaintsCounted();
        HttpResponse<String> first = api().post("/api/v1/feedback/submissions", COMMUTE, worker, null);
        HttpResponse<String> tap = api().post("/api/v1/feedback/submissions", COMMUTE, worker, null);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(tap.statusCode()).as(tap.body()).isEqualTo(200);
        assertThat(JSON.readTree(tap.body()).path("trackingNumber").asString()).isEqualTo(JSON.readTree(first.body()).path("trackingNumber").asString());
        assertThat(JSON.readTree(tap.body()).path("followUpToken").asString()).isEqualTo(JSON.readTree(first.body()).path("followUpToken").asString());
        assertThat(commuteComplaintsCounted()).isEqualTo(countedBefore + 1);
        // Something else said, or the same said by another worker, is a submission of its own.
        assertThat(api().post("/api/v1/feedback/submissions", COMMUTE.replace("希望", "强烈要求"), worker, null).statusCode()).isEqualTo(201);
        String other = cn.unionhub.test.TestTokens.token().subject("worker-taps-" + UUID.randomUUID())
                .roles(cn.unionhub.security.Role.WORKER).enterprise(People.Enterprises.FUDE_ENERGY).district(People.Districts.ZHENHAI).build();
        assertThat(api().post("/api/v1/feedback/submissions", COMMUTE, other, null).statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(api().get("/api/v1/feedback/submissions/mine", worker).body())).hasSize(2);
    }

    private double commuteComplaintsCounted() {
        Counter counter = meters.find("unionhub.feedback.submissions")
                .tags("type", "COMPLAINT", "category", "CANTEEN_DORMITORY_COMMUTE", "channel", "MINI_PROGRAM").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void badInputListsEveryFieldInChineseOrEnglishAndSavesNothing() {
        long before = mongo.getCollection("feedback_items").countDocuments();
        String bad = """
                {"type":"REVIEW","category":"FOOD","channel":"MINI_PROGRAM","enterprise":"91330211MA2H3K5Q1X",
                 "text":"","ratings":{"PAY":9}}""";

        HttpResponse<String> zh = api().post("/api/v1/feedback/submissions", bad, People.WORKER_ZHANG_WEI.token(), null);
        HttpResponse<String> en = api().send(HttpRequest.newBuilder(api().uri("/api/v1/feedback/submissions"))
                .header("Content-Type", "application/json").header("Accept-Language", "en")
                .header("Authorization", "Bearer " + People.WORKER_ZHANG_WEI.token())
                .POST(HttpRequest.BodyPublishers.ofString(bad)).build());

        assertThat(zh.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(zh.body());
        assertThat(problem.path("title").asString()).isEqualTo("提交内容有误");
        assertThat(problem.path("errors").findValuesAsString("field"))
                .contains("category", "enterprise", "text", "ratings.PAY", "ratings.WELFARE");
        assertThat(problem.path("errors").findValuesAsString("message")).contains("不是有效的统一社会信用代码");
        assertThat(JSON.readTree(en.body()).path("title").asString()).isEqualTo("Submission has errors");
        // 3.5 stars are not 3: a fraction in a whole-number field is refused, not cut.
        HttpResponse<String> halfStar = api().post("/api/v1/feedback/submissions", """
                {"type":"REVIEW","category":"FOOD","channel":"MINI_PROGRAM","enterprise":"91330211MA2H3K5Q1G",
                 "text":"食堂还行","ratings":{"PAY":3.5}}""", People.WORKER_ZHANG_WEI.token(), null);
        assertThat(halfStar.statusCode()).as(halfStar.body()).isEqualTo(400);
        // An unknown detail names itself in the message, instead of an unfilled placeholder.
        HttpResponse<String> stray = api().post("/api/v1/feedback/submissions", COMMUTE.replace("\"commuteMinutesOneWay\":70",
                "\"commuteMinutesOneWay\":70,\"shoeSize\":42"), People.WORKER_ZHANG_WEI.token(), null);
        assertThat(stray.statusCode()).isEqualTo(400);
        assertThat(stray.body()).contains("「shoeSize」不是可选的值").doesNotContain("{0}");
        assertThat(mongo.getCollection("feedback_items").countDocuments()).isEqualTo(before);
    }

    @Test
    void unionStaffRecordAHotlineCallForANamedWorkerWhoseNameTheEnterpriseMaySee() {
        String call = """
                {"type":"APPEAL","category":"WAGES_ARREARS","channel":"HOTLINE_12351","enterprise":"91330211MA2H3K5Q1G",
                 "text":"来电反映两个月工资未发。","workerGroup":"MIGRANT_WORKER","contactName":"熊恒","contactPhone":"13912345678",
                 "details":{"amountOwedFen":1200000,"workersAffected":3,"owedSince":"2026-09"}}""";

        HttpResponse<String> recorded = api().post("/api/v1/feedback/submissions", call, People.HANDLER_MEDIATOR.token(), null);

        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        assertThat(JSON.readTree(recorded.body()).path("followUpToken").isNull()).isTrue();
        String tracking = JSON.readTree(recorded.body()).path("trackingNumber").asString();
        JsonNode seen = JSON.readTree(api().get("/api/v1/feedback/submissions/" + tracking, People.CHAIR_FUDE.token()).body());
        assertThat(seen.path("contactName").asString()).isEqualTo("熊恒");
        assertThat(seen.path("contactPhone").asString()).isEqualTo("139****5678");
        assertThat(seen.path("details").path("amountOwedFen").asLong()).isEqualTo(1_200_000L);
    }

    /**
     * The worker answers what the union asked for (a pause waiting on them could not be answered at all): on their
     * timeline at once and published for the case, masked; by the follow-up token for an anonymous worker; only their own.
     */
    @Test
    void aWorkerAnswersTheUnionOnTheirOwnItemAndAnAnonymousOneWithTheirToken(@Autowired EventSchemas schemas) {
        String complaint = """
                {"type":"COMPLAINT","category":"WAGES_ARREARS","channel":"MINI_PROGRAM","enterprise":"91330211MA2H3K5Q1G",
                 "text":"两个月工资未发。","details":{"amountOwedFen":1200000,"workersAffected":1}}""";
        String tracking = JSON.readTree(api().post("/api/v1/feedback/submissions", complaint, People.WORKER_ZHANG_WEI.token(), null)
                .body()).path("trackingNumber").asString();
        try (TopicProbe events = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "feedback.events")) {
            HttpResponse<String> replied = api().post("/api/v1/feedback/submissions/" + tracking + "/replies",
                    "{\"text\":\"工资条已上传，我的电话13912345678\"}", People.WORKER_ZHANG_WEI.token(), null);
            assertThat(replied.statusCode()).as(replied.body()).isEqualTo(200);
            JsonNode last = lastStep(JSON.readTree(replied.body()));
            assertThat(last.path("kind").asString()).isEqualTo("REPLIED");
            assertThat(last.path("note").asString()).contains("工资条已上传").doesNotContain("13912345678");
            await().atMost(Duration.ofSeconds(30)).until(() -> events.poll().stream()
                    .filter(r -> "cn.unionhub.feedback.worker-replied.v1".equals(TopicProbe.header(r, "ce_type")))
                    .anyMatch(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains(tracking)
                            && schemas.violations("cn.unionhub.feedback.worker-replied.v1", JSON.readTree(r.value())).isEmpty()));
        }
        // A double tap under one key: one answer on the timeline (and on the case's record).
        for (int i = 0; i < 2; i++) {
            assertThat(api().post("/api/v1/feedback/submissions/" + tracking + "/replies", "{\"text\":\"入职日期2026年5月6日\"}",
                    People.WORKER_ZHANG_WEI.token(), "reply-" + tracking).statusCode()).isEqualTo(200);
        }
        JsonNode mine = JSON.readTree(api().get("/api/v1/feedback/submissions/" + tracking, People.WORKER_ZHANG_WEI.token()).body());
        assertThat(mine.path("timeline").findValuesAsString("note")).containsOnlyOnce("入职日期2026年5月6日");
        assertThat(api().post("/api/v1/feedback/submissions/" + tracking + "/replies", "{\"text\":\"冒充\"}",
                People.WORKER_LI_NA.token(), null).statusCode()).as("another worker").isEqualTo(404);
        HttpResponse<String> empty = api().post("/api/v1/feedback/submissions/" + tracking + "/replies", "{\"text\":\" \"}",
                People.WORKER_ZHANG_WEI.token(), null);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("invalid-reply");

        JsonNode anonymous = JSON.readTree(api().post("/api/v1/feedback/submissions", complaint.replace("\"text\"", "\"anonymous\":true,\"text\""),
                People.WORKER_ZHANG_WEI.token(), null).body());
        String request = "{\"trackingNumber\":\"" + anonymous.path("trackingNumber").asString() + "\",\"token\":\""
                + anonymous.path("followUpToken").asString() + "\",\"text\":\"补充：拖欠从九月开始\"}";
        HttpResponse<String> byToken = api().post("/api/v1/feedback/follow-up/replies", request, null, null);
        assertThat(byToken.statusCode()).as(byToken.body()).isEqualTo(200);
        assertThat(lastStep(JSON.readTree(byToken.body())).path("note").asString()).isEqualTo("补充：拖欠从九月开始");
        assertThat(api().post("/api/v1/feedback/follow-up/replies", request.replace(anonymous.path("followUpToken").asString(), "wrong"),
                null, null).statusCode()).isEqualTo(404);
    }

    /** Case-service routes the item's case to {@code organisation}; waits until the item shows it. */
    private void routed(String feedbackId, String tracking, String organisation, String district) {
        java.time.Instant now = java.time.Instant.now();
        kafka.send(cn.unionhub.test.TestEvents.record(new cn.unionhub.events.cases.CaseRouted("case-" + feedbackId,
                "GD-20261204-" + tracking.substring(tracking.length() - 6), feedbackId, organisation.substring(0, organisation.indexOf(':')),
                "承办单位", "transferred", now.plus(Duration.ofDays(1)), now, organisation, district), UUID.randomUUID().toString())).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/api/v1/feedback/submissions/" + tracking,
                People.WORKER_ZHANG_WEI.token()).body().contains("\"ROUTED\"") && mongo.findOne(new org.springframework.data.mongodb.core
                .query.Query(org.springframework.data.mongodb.core.query.Criteria.where("trackingNumber").is(tracking)
                        .and("timeline.handledBy").is(organisation)), org.bson.Document.class, "feedback_items") != null);
    }

    private static JsonNode lastStep(JsonNode item) {
        JsonNode timeline = item.path("timeline");
        return timeline.get(timeline.size() - 1);
    }

    /** Whoever handles a named worker's complaint can phone them back: the full number on request, each look recorded. */
    @Test
    void unionStaffReadANamedWorkersNumberInFullAndEachLookIsRecorded(
            @Autowired org.springframework.data.mongodb.core.MongoTemplate mongo) {
        String call = """
                {"type":"COMPLAINT","category":"WAGES_ARREARS","channel":"MINI_PROGRAM","enterprise":"91330211MA2H3K5Q1G",
                 "text":"两个月工资未发。","contactName":"张伟","contactPhone":"13900001111",
                 "details":{"amountOwedFen":1200000,"workersAffected":1}}""";
        String tracking = JSON.readTree(api().post("/api/v1/feedback/submissions", call, People.WORKER_ZHANG_WEI.token(), null).body())
                .path("trackingNumber").asString();
        String feedbackId = mongo.findOne(new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where("trackingNumber").is(tracking)), org.bson.Document.class,
                "feedback_items").getString("_id");
        assertThat(api().get("/api/v1/feedback/submissions/" + tracking + "/contact", People.DISTRICT_ZHENHAI.token()).statusCode())
                .as("before the case is routed: nobody handles it yet").isEqualTo(403);
        routed(feedbackId, tracking, "DISTRICT_UNION:330211", "330211");
        HttpResponse<String> contact = api().get("/api/v1/feedback/submissions/" + tracking + "/contact", People.DISTRICT_ZHENHAI.token());
        assertThat(contact.statusCode()).as(contact.body()).isEqualTo(200);
        assertThat(JSON.readTree(contact.body()).path("phone").asString()).isEqualTo("13900001111");
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(org.springframework.data.mongodb.core.query.Criteria
                .where("trackingNumber").is(tracking).and("by").is(People.DISTRICT_ZHENHAI.subject())), "contact_views")).isEqualTo(1);
        assertThat(api().get("/api/v1/feedback/submissions/" + tracking + "/contact", People.DISTRICT_BEILUN.token()).statusCode())
                .as("another district's staff").isEqualTo(404);
        assertThat(api().get("/api/v1/feedback/submissions/" + tracking + "/contact", People.CHAIR_FUDE.token()).statusCode())
                .as("the employer's own union chair reads the item, not the number").isEqualTo(403);
        // Transferred to 崂山's mediation centre: its mediator reads the item and calls the worker; 镇海 no longer does.
        routed(feedbackId, tracking, "MEDIATION_ORGANISATION:370212", "370212");
        String qingdao = cn.unionhub.test.TestTokens.token().subject("handler-qingdao").roles(cn.unionhub.security.Role.HANDLER)
                .organisation("MEDIATION_ORGANISATION:370212").build();
        assertThat(api().get("/api/v1/feedback/submissions/" + tracking, qingdao).statusCode()).isEqualTo(200);
        assertThat(api().get("/api/v1/feedback/submissions/" + tracking + "/contact", qingdao).statusCode()).isEqualTo(200);
        assertThat(api().get("/api/v1/feedback/submissions/" + tracking + "/contact", People.DISTRICT_ZHENHAI.token()).statusCode())
                .isEqualTo(403);
        assertThat(api().get("/api/v1/feedback/submissions/" + tracking + "/contact", People.WORKER_ZHANG_WEI.token()).statusCode())
                .isEqualTo(403);

        String anonymous = JSON.readTree(api().post("/api/v1/feedback/submissions", call.replace("\"contactName\":\"张伟\",\"contactPhone\":\"13900001111\",",
                "\"anonymous\":true,"), People.WORKER_ZHANG_WEI.token(), null).body()).path("trackingNumber").asString();
        HttpResponse<String> none = api().get("/api/v1/feedback/submissions/" + anonymous + "/contact", People.DISTRICT_ZHENHAI.token());
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("contact-not-shared");
    }

    /**
     * Staff record for their own area only, and what they record counts by the person it is for:
     * ten complaints one chair records about a competitor cannot pass for ten workers (issue #12).
     */
    @Test
    void staffRecordOnlyForTheirAreaAndTheirItemsCountByThePersonTheyAreFor() {
        String aboutFude = """
                {"type":"COMPLAINT","category":"WAGES_ARREARS","channel":"ON_SITE_TALK","enterprise":"91330211MA2H3K5Q1G",
                 "anonymous":true,"text":"车间反映工资拖欠。","workerGroup":"MIGRANT_WORKER",
                 "details":{"amountOwedFen":500000,"workersAffected":1}}""";
        HttpResponse<String> neighbour = api().post("/api/v1/feedback/submissions", aboutFude, People.CHAIR_BEILUN.token(), null);
        HttpResponse<String> otherDistrict = api().post("/api/v1/feedback/submissions", aboutFude,
                People.DISTRICT_BEILUN.token(), null);
        assertThat(neighbour.statusCode()).as(neighbour.body()).isEqualTo(400);
        assertThat(neighbour.body()).contains("outside-your-area");
        assertThat(otherDistrict.statusCode()).as(otherDistrict.body()).isEqualTo(400);
        // The enterprise's own union records what a worker said, but does not review (star) its own enterprise.
        String starred = """
                {"type":"REVIEW","category":"WELFARE_BENEFITS","channel":"ON_SITE_TALK","enterprise":"91330211MA2H3K5Q1G",
                 "anonymous":true,"text":"职工座谈：福利不错。",
                 "ratings":{"PAY":5,"WELFARE":5,"WORKING_CONDITIONS":5,"DEMOCRATIC_MANAGEMENT":5}}""";
        HttpResponse<String> chairStars = api().post("/api/v1/feedback/submissions", starred, People.CHAIR_FUDE.token(), null);
        assertThat(chairStars.statusCode()).as(chairStars.body()).isEqualTo(400);
        assertThat(JSON.readTree(chairStars.body()).path("errors").findValuesAsString("code"))
                .containsExactly("review-not-recorded-by-the-enterprise");
        String said = """
                {"type":"SUGGESTION","category":"WELFARE_BENEFITS","channel":"ON_SITE_TALK","enterprise":"91330211MA2H3K5Q1G",
                 "anonymous":true,"text":"职工座谈：福利不错。"}""";
        assertThat(api().post("/api/v1/feedback/submissions", said, People.CHAIR_FUDE.token(), null).statusCode())
                .as("what was said in the talk, as a suggestion").isEqualTo(201);
        // A worker stars their own employer's page only (张伟 works at 富德能源): a stranger's or a rival's stars would
        // move another enterprise's page. A complaint about any employer stays open to every worker.
        String appStars = starred.replace("ON_SITE_TALK", "APP");
        HttpResponse<String> strangersStars = api().post("/api/v1/feedback/submissions",
                appStars.replace("91330211MA2H3K5Q1G", People.Enterprises.BEILUN_PORT_LOGISTICS), People.WORKER_ZHANG_WEI.token(), null);
        assertThat(strangersStars.statusCode()).as(strangersStars.body()).isEqualTo(400);
        assertThat(JSON.readTree(strangersStars.body()).path("errors").findValuesAsString("code")).containsExactly("review-not-your-employer");
        assertThat(api().post("/api/v1/feedback/submissions", appStars, People.WORKER_ZHANG_WEI.token(), null).statusCode())
                .as("his own employer").isEqualTo(201);

        try (TopicProbe events = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "feedback.events")) {
            java.util.List<String> tracking = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) { // one chair, two anonymous talks
                HttpResponse<String> own = api().post("/api/v1/feedback/submissions", aboutFude, People.CHAIR_FUDE.token(), null);
                assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
                tracking.add(JSON.readTree(own.body()).path("trackingNumber").asString());
            }
            for (String phone : new String[] {"13900000001", "13900000002", "139-0000-0001"}) { // two named people
                HttpResponse<String> named = api().post("/api/v1/feedback/submissions", aboutFude.replace("\"anonymous\":true",
                        "\"anonymous\":false,\"contactName\":\"职工\",\"contactPhone\":\"" + phone.replace("-", "") + "\""),
                        People.DISTRICT_ZHENHAI.token(), null);
                assertThat(named.statusCode()).as(named.body()).isEqualTo(201);
                tracking.add(JSON.readTree(named.body()).path("trackingNumber").asString());
            }
            java.util.Map<String, String> keys = new java.util.HashMap<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> r : events.poll()) {
                    JsonNode data = JSON.readTree(r.value());
                    if (tracking.contains(data.path("trackingNumber").asString())) {
                        keys.put(data.path("trackingNumber").asString(), data.path("reporterKey").asString());
                    }
                }
                assertThat(keys).hasSize(5);
            });
            assertThat(keys.get(tracking.get(0))).isNotBlank().isEqualTo(keys.get(tracking.get(1)));
            assertThat(keys.get(tracking.get(2))).isEqualTo(keys.get(tracking.get(4))).isNotEqualTo(keys.get(tracking.get(3)));
            assertThat(new java.util.HashSet<>(keys.values())).hasSize(3);
        }
    }

    private static boolean contains(ConsumerRecord<String, byte[]> record, String text) {
        return new String(record.value(), StandardCharsets.UTF_8).contains(text);
    }




}
