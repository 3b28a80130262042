package cn.unionhub.feedback.report.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.events.cases.CaseResolved;
import cn.unionhub.feedback.report.domain.BulletinPeriods;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TopicProbe;
import cn.unionhub.platform.events.EventSchemas;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.TestEvents;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class BulletinIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final String period = BulletinPeriods.of(Instant.now()).toString();

    @Value("${local.server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }
    @Autowired
    MongoTemplate mongo;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Test
    void aFinishedMonthsBulletinIsPublishedOnceAsAnEventOtherSystemsCanFollow(@Autowired EventSchemas schemas) {
        String lastMonth = java.time.YearMonth.parse(period).minusMonths(1).toString();
        String path = "/api/v1/feedback/bulletins/330211/" + lastMonth + "/publication";

        assertThat(api().post("/api/v1/feedback/bulletins/330211/" + period + "/publication", "", People.DISTRICT_ZHENHAI.token())
                .statusCode()).as("the month is still running").isEqualTo(409);
        assertThat(api().post(path, "", People.DISTRICT_BEILUN.token()).statusCode()).isEqualTo(404);
        HttpResponse<String> first = api().post(path, "", People.DISTRICT_ZHENHAI.token());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(api().post(path, "", People.ADMIN.token()).statusCode()).as("published once").isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("href").asString()).isEqualTo("/api/v1/feedback/bulletins/330211/" + lastMonth);

        String bulletinId = "bulletin-330211-" + lastMonth;
        try (TopicProbe events = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "feedback.events")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !events.withKey(bulletinId).isEmpty());
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> events.withKey(bulletinId).size() == 1);
            var event = events.withKey(bulletinId).get(0);
            assertThat(TopicProbe.header(event, "ce_type")).isEqualTo("cn.unionhub.feedback.bulletin-published.v1");
            assertThat(schemas.violations("cn.unionhub.feedback.bulletin-published.v1", JSON.readTree(event.value()))).isEmpty();
        }
    }

    @Test
    void theDistrictBulletinCountsSubmissionsAndResolutionsFromEvents() {
        JsonNode before = bulletin(People.DISTRICT_ZHENHAI);

        String commute = submit("CANTEEN_DORMITORY_COMMUTE", "MINI_PROGRAM", "班车太少");
        submit("CANTEEN_DORMITORY_COMMUTE", "APP", "食堂饭菜偏咸");
        submit("SKILLS_TRAINING", "MINI_PROGRAM", "希望多开技能培训班");
        String feedbackId = mongo.getCollection("feedback_items").find(new Document("trackingNumber", commute)).first().getString("_id");
        kafka.send(TestEvents.record(new CaseResolved("case-" + feedbackId, "GD-20261121-" + commute.substring(commute.length() - 6),
                feedbackId, "RESOLVED_BY_ENTERPRISE", "增开班车", null, null, Instant.now()), UUID.randomUUID().toString())).join();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode after = bulletin(People.DISTRICT_ZHENHAI);
            assertThat(after.path("submitted").asLong()).isEqualTo(before.path("submitted").asLong() + 3);
            assertThat(after.path("resolved").asLong()).isEqualTo(before.path("resolved").asLong() + 1);
            assertThat(after.path("byCategory").path("CANTEEN_DORMITORY_COMMUTE").asLong())
                    .isEqualTo(before.path("byCategory").path("CANTEEN_DORMITORY_COMMUTE").asLong() + 2);
            assertThat(after.path("byChannel").path("APP").asLong()).isEqualTo(before.path("byChannel").path("APP").asLong() + 1);
            assertThat(after.path("topCategories").get(0).asString()).isEqualTo("CANTEEN_DORMITORY_COMMUTE");
        });

        // 宁波's city bulletin is the sum of its districts' (it was empty: no district is "330200"), for the city union only.
        JsonNode city = JSON.readTree(api().get("/api/v1/feedback/bulletins/330200/" + period, People.CITY_STAFF.token()).body());
        JsonNode zhenhai = bulletin(People.DISTRICT_ZHENHAI);
        JsonNode beilun = JSON.readTree(api().get("/api/v1/feedback/bulletins/330206/" + period, People.DISTRICT_BEILUN.token()).body());
        assertThat(city.path("submitted").asLong()).isEqualTo(zhenhai.path("submitted").asLong() + beilun.path("submitted").asLong())
                .isGreaterThanOrEqualTo(3);
        assertThat(city.path("byCategory").path("CANTEEN_DORMITORY_COMMUTE").asLong())
                .isGreaterThanOrEqualTo(zhenhai.path("byCategory").path("CANTEEN_DORMITORY_COMMUTE").asLong());
        assertThat(api().get("/api/v1/feedback/bulletins/330200/" + period, People.DISTRICT_ZHENHAI.token()).statusCode())
                .as("a district's staff do not read the city's").isEqualTo(404);
    }

    @Test
    void districtStaffSeeTheirOwnDistrictAndTheCsvOpensAsATable() throws Exception {
        assertThat(api().get("/api/v1/feedback/bulletins/330211/" + period, People.DISTRICT_BEILUN.token()).statusCode()).isEqualTo(404);
        // The city union, above every district, reads each district's bulletin.
        assertThat(api().get("/api/v1/feedback/bulletins/330211/" + period, People.CITY_STAFF.token()).statusCode()).isEqualTo(200);
        // A month that is not one: a 400 naming the field, not "no bulletin".
        HttpResponse<String> badMonth = api().get("/api/v1/feedback/bulletins/330211/2026-13", People.DISTRICT_ZHENHAI.token());
        assertThat(badMonth.statusCode()).isEqualTo(400);
        assertThat(badMonth.body()).contains("\"field\":\"period\"");

        HttpResponse<String> csv = api().get("/api/v1/feedback/bulletins/330211/" + period + "?format=csv", People.DISTRICT_ZHENHAI.token());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body()).startsWith("\uFEFF指标,项目,数值\r\n").contains("提交总数,,");
    }

    private String submit(String category, String channel, String text) {
        String body = "{\"type\":\"COMPLAINT\",\"category\":\"" + category + "\",\"channel\":\"" + channel
                + "\",\"enterprise\":\"91330211MA2H3K5Q1G\",\"anonymous\":true,\"text\":\"" + text + "\"}";
        try {
            HttpResponse<String> response = api().send(HttpRequest.newBuilder(api().uri("/api/v1/feedback/submissions"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + People.WORKER_ZHANG_WEI.token())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            return JSON.readTree(response.body()).path("trackingNumber").asString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode bulletin(People who) {
        try {
            return JSON.readTree(api().get("/api/v1/feedback/bulletins/330211/" + period, who.token()).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }


}
