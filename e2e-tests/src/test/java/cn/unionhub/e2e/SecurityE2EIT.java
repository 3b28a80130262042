package cn.unionhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Identity, token checks and abuse limits as a front-end meets them, through the gateway. */
class SecurityE2EIT extends PlatformTest {


    @Test
    void aWorkerSignedInAtTheIdentityServerIsKnownThroughTheGateway() {
        String token = platform.demoToken("worker-zhang-wei");

        HttpResponse<String> me = platform.get(platform.gateway("/api/v1/me"), "Authorization", "Bearer " + token);

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(me.body());
        assertThat(body.path("subject").asString()).isEqualTo("worker-zhang-wei");
        assertThat(body.path("name").asString()).isEqualTo("张伟");
        assertThat(body.path("roles").get(0).asString()).isEqualTo("WORKER");
        assertThat(body.path("enterprise").asString()).isEqualTo("91330211MA2H3K5Q1G");
        assertThat(body.path("district").asString()).isEqualTo("330211");
    }

    @Test
    void governmentSystemsCallWithClientCredentialsAndServicesAcceptTheToken() {
        String token = platform.clientCredentialsToken("labor-inspection", "local-demo-secret");

        HttpResponse<String> me = platform.get(platform.gateway("/api/v1/me"), "Authorization", "Bearer " + token);
        HttpResponse<String> throughService = platform.get(platform.gateway("/api/v1/cases/handling-organisations"),
                "Authorization", "Bearer " + token);

        assertThat(JSON.readTree(me.body()).path("roles").get(0).asString()).isEqualTo("GOV_SYSTEM");
        assertThat(throughService.statusCode()).as(throughService.body()).isEqualTo(200);
    }

    @Test
    void aTamperedTokenIsRefusedAtTheGatewayWithAProblem() {
        String token = platform.demoToken("admin-zhou");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        for (String path : new String[] {"/api/v1/me", "/api/v1/feedback/categories"}) {
            HttpResponse<String> response = platform.get(platform.gateway(path), "Authorization", "Bearer " + tampered);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
            assertThat(JSON.readTree(response.body()).path("title").asString()).isEqualTo("登录已失效");
        }
        assertThat(platform.get(platform.gateway("/api/v1/me")).statusCode()).isEqualTo(401);
    }

    @Test
    void anonymousSubmissionsAreThrottledPerAddressWithRetryAfter() {
        HttpResponse<String> first = postFeedback("{}");
        HttpResponse<String> limited = first;
        for (int i = 0; i < 30 && limited.statusCode() != 429; i++) {
            limited = postFeedback("{}");
        }

        assertThat(first.statusCode()).isNotEqualTo(429);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isPositive());
        assertThat(JSON.readTree(limited.body()).path("title").asString()).isEqualTo("请求过于频繁");
        // Reading stays possible: the limit is on submissions.
        assertThat(platform.get(platform.gateway("/api/v1/feedback/categories")).statusCode()).isEqualTo(200);
    }

    @Test
    void oversizeBodiesAreRefusedBeforeReachingAService() {
        HttpResponse<String> response = platform.send(HttpRequest.newBuilder(URI.create(platform.gateway("/api/v1/cases/x")))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + platform.demoToken("handler-liu-yang"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"minutes\":\"" + "会".repeat(600_000) + "\"}")).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).path("type").asString()).endsWith("/payload-too-large");
    }

    @Test
    void responsesCarrySecurityHeaders() {
        HttpResponse<String> response = platform.get(platform.gateway("/api/v1/feedback/categories"));

        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    /**
     * Seed 000 as far as the platform goes today: a worker of 宁波富德能源 complains anonymously about
     * the one-hour commute; it is routed to the enterprise union, which answers and resolves it
     * (commuter buses); the worker follows every step and rates it satisfied; the enterprise never
     * learns who complained; the 镇海区 bulletin counts it.
     */
    @Test
    void seed000AnAnonymousCommuteComplaintIsRoutedAnsweredResolvedAndRatedWithoutRevealingTheWorker() {
        String worker = platform.demoToken("worker-zhang-wei");
        HttpResponse<String> submitted = platform.send(HttpRequest.newBuilder(URI.create(platform.gateway("/api/v1/feedback/submissions")))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + worker)
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"type":"COMPLAINT","category":"CANTEEN_DORMITORY_COMMUTE","channel":"MINI_PROGRAM",
                         "enterprise":"91330211MA2H3K5Q1G","anonymous":true,
                         "text":"上下班单程要一个多小时，希望安排通勤车。"}""")).build());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String tracking = JSON.readTree(submitted.body()).path("trackingNumber").asString();

        HttpResponse<String> chair = platform.get(platform.gateway("/api/v1/feedback/submissions/" + tracking),
                "Authorization", "Bearer " + platform.demoToken("chair-wang-fang"));
        HttpResponse<String> neighbour = platform.get(platform.gateway("/api/v1/feedback/submissions/" + tracking),
                "Authorization", "Bearer " + platform.demoToken("chair-zhao-lei"));

        assertThat(chair.statusCode()).isEqualTo(200);
        assertThat(chair.body()).contains("通勤车").doesNotContain("worker-zhang-wei").doesNotContain("张伟").doesNotContain("psn_");
        assertThat(neighbour.statusCode()).isEqualTo(404);

        // The complaint started the routing pipeline: case-service routed it, and the worker sees where it went.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> mine = platform.get(platform.gateway("/api/v1/feedback/submissions/" + tracking),
                    "Authorization", "Bearer " + worker);
            JsonNode item = JSON.readTree(mine.body());
            assertThat(item.path("status").asString()).isEqualTo("ROUTED");
            assertThat(item.path("timeline").get(1).path("note").asString()).startsWith("宁波富德能源有限公司工会（工单 GD-");
        });

        // The union chair finds the case in the enterprise's work queue, answers, and resolves it.
        String chairToken = platform.demoToken("chair-wang-fang");
        JsonNode queue = JSON.readTree(platform.get(platform.gateway("/api/v1/cases?status=ROUTED"),
                "Authorization", "Bearer " + chairToken).body());
        String caseNumber = null;
        for (JsonNode c : queue) {
            if (tracking.equals(c.path("trackingNumber").asString())) {
                caseNumber = c.path("caseNumber").asString();
            }
        }
        assertThat(caseNumber).as(queue.toString()).isNotNull();
        assertThat(postJson("/api/v1/cases/" + caseNumber + "/responses", chairToken,
                "{\"text\":\"已把大家的意见反映给公司管理层，正在研究通勤方案。\"}").statusCode()).isEqualTo(200);
        assertThat(postJson("/api/v1/cases/" + caseNumber + "/resolution", chairToken,
                "{\"outcome\":\"RESOLVED_BY_ENTERPRISE\",\"summary\":\"公司安排资金租赁大巴车接送职工上下班。\"}").statusCode())
                .isEqualTo(200);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode item = JSON.readTree(platform.get(platform.gateway("/api/v1/feedback/submissions/" + tracking),
                    "Authorization", "Bearer " + worker).body());
            assertThat(item.path("status").asString()).isEqualTo("RESOLVED");
            assertThat(item.path("timeline").findValuesAsString("kind")).containsExactly("RECEIVED", "ROUTED", "RESPONDED", "RESOLVED");
            assertThat(item.path("timeline").get(3).path("note").asString()).contains("大巴车");
        });
        // The worker is satisfied: the item closes.
        HttpResponse<String> rated = postJson("/api/v1/feedback/submissions/" + tracking + "/satisfaction", worker,
                "{\"rating\":\"SATISFIED\"}");
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(200);
        assertThat(JSON.readTree(rated.body()).path("status").asString()).isEqualTo("CLOSED");

        String chairView = platform.get(platform.gateway("/api/v1/feedback/submissions/" + tracking),
                "Authorization", "Bearer " + chairToken).body();
        // The 镇海区 bulletin for the month counts it, as a projection from the events.
        String period = JSON.readTree(submitted.body()).path("submittedAt").asString().substring(0, 7);
        String staff = platform.demoToken("staff-chen-jing");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode bulletin = JSON.readTree(platform.get(platform.gateway("/api/v1/feedback/bulletins/330211/" + period),
                    "Authorization", "Bearer " + staff).body());
            assertThat(bulletin.path("byCategory").path("CANTEEN_DORMITORY_COMMUTE").asLong()).isPositive();
            assertThat(bulletin.path("resolved").asLong()).isPositive();
            assertThat(bulletin.path("satisfaction").path("SATISFIED").asLong()).isPositive();
        });
        assertThat(chairView).contains("CLOSED").contains("SATISFIED").doesNotContain("worker-zhang-wei").doesNotContain("张伟").doesNotContain("psn_");
    }

    private HttpResponse<String> postJson(String path, String token, String body) {
        return platform.send(HttpRequest.newBuilder(URI.create(platform.gateway(path)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> postFeedback(String body) {
        return platform.send(HttpRequest.newBuilder(URI.create(platform.gateway("/api/v1/feedback/submissions")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
