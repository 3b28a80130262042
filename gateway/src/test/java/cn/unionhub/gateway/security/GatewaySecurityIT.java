package cn.unionhub.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.security.Role;
import cn.unionhub.test.RawHttp;
import cn.unionhub.test.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's own security chain on a real port, without the rest of the platform: how it reads the
 * Authorization header (BearerTokens), what it answers without one, and that its firewall judges the
 * headers a request has and ignores the ones it lacks. Until this test only the end-to-end module started
 * the gateway, so a firewall that failed on an absent header was found by starting the whole platform.
 * No service is registered (Eureka off), so a request that passes security ends in the routes' fallback.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "management.tracing.enabled=false",
        "unionhub.gateway.limits.enabled=false"})
class GatewaySecurityIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("unionhub.security.jwt.issuer", () -> TestTokens.ISSUER);
        registry.add("unionhub.security.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    private static String workerToken() {
        return TestTokens.token().subject("worker-zhang-wei").roles(Role.WORKER).build();
    }

    @Test
    void aValidTokenInAnyCaseOfTheSchemeIsKnown() throws Exception {
        String token = workerToken();
        for (String scheme : new String[] {"Bearer ", "bearer ", "BEARER "}) {
            HttpResponse<String> me = get("/api/v1/me", scheme + token);
            assertThat(me.statusCode()).as(scheme).isEqualTo(200);
            assertThat(me.body()).contains("\"subject\":\"worker-zhang-wei\"");
        }
    }

    @Test
    void aMalformedBearerHeaderIsAnInvalidTokenBeforeAnyServiceIsCalled() throws Exception {
        String token = workerToken();
        for (String malformed : new String[] {"Bearer " + token + " x", "Bearer  " + token, "Bearer " + token + "=x", "Bearer a,b"}) {
            for (String path : new String[] {"/api/v1/me", "/api/v1/feedback/categories"}) {
                HttpResponse<String> response = get(path, malformed);
                assertThat(response.statusCode()).as(malformed + " " + path).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
                assertThat(response.body()).contains("/problems/invalid-token").contains("登录已失效");
            }
        }
    }

    @Test
    void withoutABearerTokenThePrivatePageAsksForOneAndThePublicOnesPass() throws Exception {
        for (String authorization : new String[] {null, "Basic d29ya2VyOnNlY3JldA=="}) {
            HttpResponse<String> me = get("/api/v1/me", authorization);
            assertThat(me.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(me.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(me.body()).contains("/problems/unauthorized");
            // Past security to the route: with no feedback-service registered, the fallback's 503 Problem.
            assertThat(get("/api/v1/feedback/categories", authorization).statusCode()).isEqualTo(503);
        }
    }

    @Test
    void theFirewallJudgesTheHeadersARequestHasAndIgnoresTheOnesItLacks() throws Exception {
        // Only Host: no Authorization, Accept, Origin or forwarded headers for the firewall to look at.
        assertThat(RawHttp.status(port, "GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")).isEqualTo(401);
        // A C1 control (NEL) in the token's header is refused before the token is read.
        assertThat(RawHttp.status(port, "GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + workerToken()
                + "\u0085\r\nConnection: close\r\n\r\n")).isEqualTo(400);
        // A path the firewall refuses is answered as a problem like every other refusal, not an empty 400.
        HttpResponse<String> rejected = get("/api/v1/feedback/categories;jsessionid=1", null);
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(rejected.body()).contains("/problems/request-rejected").contains("请求被拒绝");
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
