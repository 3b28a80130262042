package cn.unionhub.feedback.enterprise.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.events.cases.CaseResolved;
import cn.unionhub.feedback.enterprise.store.EnterprisePageDataSteps;
import cn.unionhub.feedback.enterprise.store.EnterpriseStats;
import cn.unionhub.feedback.registry.RegisterCopy;
import cn.unionhub.feedback.registry.RegisterFixtures;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.StoreWork;
import cn.unionhub.test.TestEvents;
import cn.unionhub.test.TestInfrastructure;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class EnterprisePageIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BEILUN = People.Enterprises.BEILUN_PORT_LOGISTICS;

    @Value("${local.server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    /** The register knows the enterprise (member-card-service's event, applied as the consumer would). */
    @BeforeEach
    void registered(@Autowired RegisterCopy register) {
        RegisterFixtures.registerPilot(register);
    }

    @Test
    void averagesAppearOnTheAnonymousPublicPageOnlyOnceFiveWorkersHaveReviewed() {
        // One worker reviewing five times is one person, not five: one voice on the averages too, their latest.
        for (int stars : new int[] {1, 1, 1, 1, 4}) {
            review(stars, People.WORKER_LI_NA.token());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> page().path("reviews").asLong() == 5);
        assertThat(page().path("limited").asBoolean()).isTrue();
        for (int n = 2; n <= 4; n++) {
            review(4, worker(n));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> page().path("reviews").asLong() == 8);
        JsonNode few = page();
        assertThat(few.path("limited").asBoolean()).as("four people").isTrue();
        assertThat(few.path("averageRatings").isNull()).isTrue();

        review(2, worker(5));
        await().atMost(Duration.ofSeconds(30)).until(() -> page().path("reviews").asLong() == 9);
        JsonNode enough = page();
        assertThat(enough.path("limited").asBoolean()).isFalse();
        // Five people's latest: (4 + 4 + 4 + 4 + 2) / 5. Counting every review, the four one-star ones weighed in: 22 / 9.
        assertThat(enough.path("averageRatings").path("PAY").asDouble()).isEqualTo(3.6);
        assertThat(enough.path("name").asString()).isEqualTo("宁波北仑港口物流有限公司");
    }

    /**
     * What was done lately, newest first, five of them, with numbers masked; read by key from the ids the
     * projection keeps (searching the stored items read all of them: 60 s a page with 124,000 stored).
     */
    @Test
    void thePageShowsTheNewestResolutionsReadByKeyHoweverManyItemsAreStored(@Autowired MongoTemplate mongo,
            @Autowired KafkaTemplate<String, byte[]> kafka, @Autowired EnterprisePageDataSteps steps) {
        Instant first = Instant.now().minus(Duration.ofHours(2));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String tracking = complain(worker(10 + i % 6));
            ids.add(mongo.getCollection("feedback_items").find(new Document("trackingNumber", tracking)).first().getString("_id"));
        }
        // Resolved out of order: the page sorts by the resolution's time, not the event's arrival.
        for (int i : new int[] {3, 0, 23, 1, 22, 2, 21, 20, 4, 19, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18}) {
            kafka.send(TestEvents.record(new CaseResolved("case-" + ids.get(i), "GD-20261121-" + (100000 + i), ids.get(i),
                    "RESOLVED_BY_ENTERPRISE", "第" + i + "件：已联系13812345678，增开班车", null, null, first.plusSeconds(60L * i)),
                    UUID.randomUUID().toString())).join();
        }
        List<String> newestFirst = List.of("第23件", "第22件", "第21件", "第20件", "第19件");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(done(page())).isEqualTo(newestFirst));
        assertThat(page().path("recentlyResolved").get(0).path("whatWasDone").asString())
                .contains("增开班车").doesNotContain("13812345678");

        long stored = mongo.getCollection("feedback_items").countDocuments();
        try (StoreWork work = new StoreWork(TestInfrastructure.get().mongoUri())) {
            long examined = Long.MAX_VALUE; // the fewest of three reads: the service's background work adds to some
            for (int n = 0; n < 3; n++) {
                work.awaitNoDocumentsExamined(); // the reactions to the resolutions above relayed, and the like
                StoreWork.Reading before = work.read();
                page();
                examined = Math.min(examined, work.read().minus(before).examined());
            }
            assertThat(stored).isGreaterThanOrEqualTo(24);
            assertThat(examined).as("documents examined for one page, %d items stored", stored)
                    .isLessThanOrEqualTo(2 + EnterpriseStats.RESOLVED_KEPT);
        }

        // A page kept before the list existed gets it from the stored items, once.
        mongo.getCollection("enterprise_pages").updateOne(new Document("_id", BEILUN),
                new Document("$unset", new Document("recentlyResolved", "")));
        assertThat(done(page())).isEmpty();
        steps.rememberRecentlyResolved();
        assertThat(done(page())).isEqualTo(newestFirst);
    }

    /** Which item each listed resolution is, by the number its summary starts with. */
    private static List<String> done(JsonNode page) {
        List<String> which = new ArrayList<>();
        page.path("recentlyResolved").forEach(item -> which.add(item.path("whatWasDone").asString().split("：")[0]));
        return which;
    }

    private String complain(String token) {
        String body = "{\"type\":\"COMPLAINT\",\"category\":\"CANTEEN_DORMITORY_COMMUTE\",\"channel\":\"APP\",\"enterprise\":\""
                + BEILUN + "\",\"text\":\"班车太少\"}";
        // Each complaint its own request, as an app sends it (the same text again without a key is taken for a double tap).
        HttpResponse<String> response = api().post("/api/v1/feedback/submissions", body, token, java.util.UUID.randomUUID().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("trackingNumber").asString();
    }

    @Test
    void unknownEnterprisesHaveNoPage() throws Exception {
        assertThat(api().send(HttpRequest.newBuilder(api().uri("/api/v1/feedback/enterprises/91350100M000100Y43")).GET().build()).statusCode()).isEqualTo(404);
    }

    /** Another worker of the same enterprise, signed in. */
    private static String worker(int n) {
        return cn.unionhub.test.TestTokens.token().subject("worker-beilun-" + n).roles(cn.unionhub.security.Role.WORKER)
                .enterprise(BEILUN).district(People.WORKER_LI_NA.district()).build();
    }

    private void review(int stars, String token) {
        String body = "{\"type\":\"REVIEW\",\"category\":\"WELFARE_BENEFITS\",\"channel\":\"APP\",\"enterprise\":\"" + BEILUN
                + "\",\"text\":\"整体还行\",\"ratings\":{\"PAY\":" + stars + ",\"WELFARE\":4,\"WORKING_CONDITIONS\":3,"
                + "\"DEMOCRATIC_MANAGEMENT\":3}}";
        try {
            HttpResponse<String> response = api().send(HttpRequest.newBuilder(api().uri("/api/v1/feedback/submissions"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Public: no token at all. */
    private JsonNode page() {
        try {
            return JSON.readTree(api().send(HttpRequest.newBuilder(api().uri("/api/v1/feedback/enterprises/" + BEILUN)).GET().build()).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
