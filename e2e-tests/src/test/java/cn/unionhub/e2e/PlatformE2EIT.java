package cn.unionhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.devstack.Component;
import cn.unionhub.devstack.Launcher;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/** The platform as a user runs it: every process up, registered, routed; resilient when one stops. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformE2EIT extends PlatformTest {


    @Test
    @Order(1)
    void everyServiceAndTheGatewayAreRegisteredInEureka() {
        HttpResponse<String> response = platform.get(platform.eureka("/eureka/apps"), "Accept", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);

        Set<String> registered = new HashSet<>();
        JSON.readTree(response.body()).path("applications").path("application")
                .forEach(app -> registered.add(app.path("name").asString().toLowerCase()));
        Set<String> expected = new HashSet<>();
        Component.ALL.stream().filter(c -> !c.isInfrastructure() && !c.isPlatformService())
                .forEach(c -> expected.add(c.name()));
        assertThat(registered).containsAll(expected);
    }

    @Test
    @Order(2)
    void everyServiceAnswersThroughTheGatewayWithARequestId() {
        for (Component service : Component.ALL.stream().filter(Component::isDomainService).toList()) {
            HttpResponse<String> response = platform.get(platform.gateway(service.routeProbe()), "X-Request-Id", "e2e-" + service.name());
            assertThat(response.statusCode()).as(service.name() + ": " + response.body()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).isArray()).as(service.name()).isTrue();
            assertThat(JSON.readTree(response.body()).size()).as(service.name()).isPositive();
            assertThat(response.headers().firstValue("X-Request-Id")).hasValue("e2e-" + service.name());
        }
    }

    @Test
    @Order(3)
    void codeListsAreChineseByDefaultAndEnglishOnRequest() {
        HttpResponse<String> zh = platform.get(platform.gateway("/api/v1/feedback/categories"));
        HttpResponse<String> en = platform.get(platform.gateway("/api/v1/feedback/categories"), "Accept-Language", "en");
        assertThat(zh.statusCode()).as(zh.body()).isEqualTo(200);
        assertThat(en.statusCode()).as(en.body()).isEqualTo(200);
        assertThat(JSON.readTree(zh.body()).get(0).path("label").asString()).isEqualTo("福利待遇");
        assertThat(JSON.readTree(en.body()).get(0).path("label").asString()).isEqualTo("Welfare and benefits");
    }

    @Test
    @Order(4)
    void unknownAddressesAnswerChineseProblemsWithoutInternals() {
        HttpResponse<String> unrouted = platform.get(platform.gateway("/api/v1/unknown"));
        HttpResponse<String> undeclared = platform.get(platform.gateway("/api/v1/feedback/unknown"));

        assertProblem(unrouted, 404, "not-found", "未找到");
        // Under a service, anything its access rules do not open is refused before it could reveal what exists.
        assertProblem(undeclared, 401, "unauthorized", "需要登录");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String title) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://unionhub.cn/problems/" + type);
        assertThat(problem.path("title").asString()).isEqualTo(title);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("127.0.0.1");
    }

    @Test
    @Order(5)
    void everyServicesOpenApiDocumentIsBrowsableThroughTheGateway() {
        for (Component service : Component.ALL.stream().filter(Component::isDomainService).toList()) {
            HttpResponse<String> response = platform.get(platform.gateway("/openapi/" + service.name()));
            assertThat(response.statusCode()).as(service.name()).isEqualTo(200);
            JsonNode document = JSON.readTree(response.body());
            assertThat(document.path("servers").get(0).path("url").asString()).isEqualTo("/");
            assertThat(document.path("paths").has(service.routeProbe())).as(service.name()).isTrue();
        }
        assertThat(platform.get(platform.gateway("/swagger-ui/index.html")).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void everyProcessExposesProbesAndPrometheusMetricsTaggedWithItsName() {
        for (Component process : Component.ALL.stream().filter(c -> !c.isInfrastructure()).toList()) {
            assertThat(platform.get(platform.direct(process.name(), "/actuator/health/liveness")).statusCode())
                    .as(process.name()).isEqualTo(200);
            HttpResponse<String> metrics = platform.get(platform.direct(process.name(), "/actuator/prometheus"));
            assertThat(metrics.statusCode()).as(process.name()).isEqualTo(200);
            assertThat(metrics.body()).as(process.name()).contains("application=\"" + process.name() + "\"");
        }
    }

    @Test
    @Order(5)
    void corsAllowsConfiguredFrontEndOriginsOnly() {
        HttpResponse<String> allowed = platform.send(preflight("http://localhost:5173"));
        HttpResponse<String> refused = platform.send(preflight("https://phishing.example"));

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static java.net.http.HttpRequest preflight(String origin) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.gateway("/api/v1/feedback/categories")))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .build();
    }

    /**
     * The scaling test of issue #17: what one complaint costs the store, end to end, must not
     * grow with what is stored. A query that reads a whole collection shows at once: with 500
     * complaints stored it would examine about 400 more documents per complaint than with 100.
     * Both batches are measured on a settled pipeline; the margin covers the periodic work that
     * runs while a batch is measured (a few key lookups a second), not any growth with the data.
     */
    @Test
    @Order(5)
    void theStoreWorkPerComplaintDoesNotGrowWithTheComplaintsStored() {
        PipelineScaling pipeline = new PipelineScaling(platform);
        pipeline.fillTo(100);
        PipelineScaling.PerComplaint few = pipeline.measure(20);
        pipeline.fillTo(500);
        PipelineScaling.PerComplaint many = pipeline.measure(20);
        System.out.printf("store work per complaint: %s with 100 stored, %s with 500 stored%n", few, many);

        assertThat(many.examined()).as("documents examined per complaint with 500 stored vs %s with 100", few)
                .isLessThanOrEqualTo(few.examined() * 1.25 + 20);
        assertThat(many.commands()).as("commands per complaint with 500 stored vs %s with 100", few)
                .isLessThanOrEqualTo(few.commands() * 1.25 + 5);
    }

    @Test
    @Order(6)
    void aSecondUpSaysItIsRunningAndARestartKeepsTheData() {
        assertThat(platform.upAgain()).isEqualTo(Launcher.OK);
        assertThat(platform.output()).contains("already running");

        String marker = "e2e-" + UUID.randomUUID();
        try (MongoClient client = MongoClients.create(platform.mongoUri())) {
            client.getDatabase("e2e").getCollection("markers").insertOne(new Document("_id", marker).append("note", "重启后仍在"));
        }
        platform.down();
        assertThat(Component.ALL).noneMatch(c -> platform.isRunning(c.name()));
        platform.up();

        try (MongoClient client = MongoClients.create(platform.mongoUri())) {
            MongoCollection<Document> markers = client.getDatabase("e2e").getCollection("markers");
            Document found = markers.find(new Document("_id", marker)).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("note")).isEqualTo("重启后仍在");
        }
    }

    @Test
    @Order(7)
    void aStoppedServiceAnswersA503ProblemFromTheCircuitBreakerFallbackInsteadOfHanging() {
        platform.stop("station-service");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = platform.get(platform.gateway("/api/v1/stations/service-types"));
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("type").asString()).isEqualTo("https://unionhub.cn/problems/service-unavailable");
            assertThat(problem.path("title").asString()).isEqualTo("服务暂时不可用");
            assertThat(problem.path("service").asString()).isEqualTo("station-service");
            assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/stations/service-types");
        });
        // The other services are unaffected.
        assertThat(platform.get(platform.gateway("/api/v1/alerts/levels")).statusCode()).isEqualTo(200);
    }
}
