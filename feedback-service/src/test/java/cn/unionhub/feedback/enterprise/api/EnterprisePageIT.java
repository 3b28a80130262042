package cn.unionhub.feedback.enterprise.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.feedback.registry.RegisterCopy;
import cn.unionhub.feedback.registry.RegisterFixtures;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
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
        // One worker reviewing five times is one person, not five.
        for (int i = 0; i < 5; i++) {
            review(4, People.WORKER_LI_NA.token());
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
        assertThat(enough.path("averageRatings").path("PAY").asDouble()).isEqualTo(3.8); // (8 × 4 + 2) / 9
        assertThat(enough.path("name").asString()).isEqualTo("宁波北仑港口物流有限公司");
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
