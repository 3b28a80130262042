package cn.unionhub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.security.JwtSettings;
import cn.unionhub.security.JwtValidation;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

// hrss-pension: a registered client whose id names no job and which is not listed as a government system.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.security.oauth2.authorizationserver.client.hrss-pension.registration.client-id=hrss-pension",
        "spring.security.oauth2.authorizationserver.client.hrss-pension.registration.client-secret={noop}hrss-pension-test-secret",
        "spring.security.oauth2.authorizationserver.client.hrss-pension.registration.client-authentication-methods=client_secret_basic",
        "spring.security.oauth2.authorizationserver.client.hrss-pension.registration.authorization-grant-types=client_credentials",
        // A till listed in the configuration, as the demo's is, for its union to revoke (the demo's own stays usable).
        "spring.security.oauth2.authorizationserver.client.listed-till.registration.client-id=merchant-370213-0001",
        "spring.security.oauth2.authorizationserver.client.listed-till.registration.client-secret={noop}listed-till-secret",
        "spring.security.oauth2.authorizationserver.client.listed-till.registration.client-authentication-methods=client_secret_basic",
        "spring.security.oauth2.authorizationserver.client.listed-till.registration.authorization-grant-types=client_credentials"})
@ActiveProfiles("local")
class IdentityServerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REDIRECT = "http://localhost:5173/callback";
    private static final String APP_ORIGIN = "http://localhost:5173";

    @Value("${local.server.port}")
    int port;

    /** A real broker: merchant tills' credentials arrive on identity.till-clients. */
    @org.springframework.test.context.DynamicPropertySource
    static void broker(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> cn.unionhub.test.TestInfrastructure.get().kafkaBootstrapServers());
    }

    /**
     * A district union issued a till's secret (member-card-service published its digest): the till signs in with it at
     * once, as its merchant, in its district; a wrong secret does not; a newer secret replaces it; a revocation ends it,
     * also for a till the configuration lists.
     */
    @Test
    void aTillSignsInWithTheSecretItsUnionIssuedUntilItIsReplacedOrRevoked() throws Exception {
        String merchant = "370212-" + (5000 + new java.util.Random().nextInt(4000));
        String client = "merchant-" + merchant;
        String secret = "s3cr3t-" + java.util.UUID.randomUUID();
        try (TillTopic topic = new TillTopic()) {
            topic.publish(client, merchant, true, sha256(secret), 1);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> clientCredentials(client + ":" + secret, "grant_type=client_credentials").statusCode() == 200);
            Jwt jwt = validate(JSON.readTree(clientCredentials(client + ":" + secret, "grant_type=client_credentials").body())
                    .path("access_token").asString());
            assertThat(jwt.getSubject()).isEqualTo(client);
            assertThat(jwt.getClaimAsStringList("roles")).containsExactly("MERCHANT");
            assertThat(jwt.getClaimAsString("organisation")).isEqualTo("MERCHANT:" + merchant);
            assertThat(jwt.getClaimAsString("district")).isEqualTo("370212");
            assertThat(((Number) jwt.getClaim("till_generation")).longValue()).as("which secret it signed in with").isEqualTo(1);
            assertThat(clientCredentials(client + ":" + secret + "x", "grant_type=client_credentials").statusCode()).isEqualTo(401);

            String next = "n3xt-" + java.util.UUID.randomUUID();
            topic.publish(client, merchant, true, sha256(next), 2);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> clientCredentials(client + ":" + next, "grant_type=client_credentials").statusCode() == 200);
            assertThat(clientCredentials(client + ":" + secret, "grant_type=client_credentials").statusCode()).as("the replaced secret")
                    .isEqualTo(401);
            // Read again (a redelivery), the older generation changes nothing.
            topic.publish(client, merchant, true, sha256(secret), 1);
            topic.publish(client, merchant, false, null, 3);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> clientCredentials(client + ":" + next, "grant_type=client_credentials").statusCode() == 401);
            assertThat(clientCredentials(client + ":" + secret, "grant_type=client_credentials").statusCode()).isEqualTo(401);

            // A till of the configuration, revoked by its union: the configured secret no longer signs it in.
            String listed = "merchant-370213-0001";
            assertThat(clientCredentials(listed + ":listed-till-secret", "grant_type=client_credentials").statusCode()).isEqualTo(200);
            topic.publish(listed, "370213-0001", false, null, 1);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> clientCredentials(listed + ":listed-till-secret", "grant_type=client_credentials").statusCode() == 401);
            String issued = "l1sted-" + java.util.UUID.randomUUID();
            topic.publish(listed, "370213-0001", true, sha256(issued), 2);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> clientCredentials(listed + ":" + issued, "grant_type=client_credentials").statusCode() == 200);
        }
    }

    private static String sha256(String secret) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** identity.till-clients as member-card-service writes it: compacted, keyed by client id, CloudEvents in binary mode. */
    private static final class TillTopic implements AutoCloseable {

        private final org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer;

        TillTopic() throws Exception {
            String servers = cn.unionhub.test.TestInfrastructure.get().kafkaBootstrapServers();
            try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of("bootstrap.servers", servers))) {
                admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic(cn.unionhub.events.Topics.TILL_CLIENTS, 3, (short) 1)
                        .configs(java.util.Map.of("cleanup.policy", "compact")))).all().get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
            }
            producer = new org.apache.kafka.clients.producer.KafkaProducer<>(java.util.Map.of("bootstrap.servers", servers),
                    new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
        }

        void publish(String client, String merchant, boolean active, String digest, long generation) throws Exception {
            java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
            fields.put("clientId", client);
            fields.put("merchantId", merchant);
            fields.put("district", merchant.substring(0, 6));
            fields.put("active", active);
            fields.put("secretSha256", digest);
            fields.put("generation", generation);
            fields.put("changedAt", java.time.Instant.now().toString());
            String data = JSON.writeValueAsString(fields);
            var record = new org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>(cn.unionhub.events.Topics.TILL_CLIENTS, client,
                    data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            record.headers().add("ce_type", TillClientFeed.TYPE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            record.headers().add("ce_specversion", "1.0".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            producer.send(record).get();
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    @Test
    void governmentSystemsGetAGovSystemTokenWithClientCredentials() throws Exception {
        HttpResponse<String> response = clientCredentials("labor-inspection:local-demo-secret", "grant_type=client_credentials&scope=unionhub.read");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Jwt jwt = validate(JSON.readTree(response.body()).path("access_token").asString());
        assertThat(jwt.getSubject()).isEqualTo("labor-inspection");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("GOV_SYSTEM");
    }

    @Test
    void aMerchantsTillGetsAMerchantTokenForItsOwnMerchant() throws Exception {
        HttpResponse<String> response = clientCredentials("merchant-370212-0001:local-demo-merchant-secret", "grant_type=client_credentials");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Jwt jwt = validate(JSON.readTree(response.body()).path("access_token").asString());
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("MERCHANT");
        assertThat(jwt.getClaimAsString("organisation")).isEqualTo("MERCHANT:370212-0001");
    }

    @Test
    void aFareSystemAndAProvidersWindowGetRolesForTheirJobOnly() throws Exception {
        for (String[] client : new String[][] {{"transport-qingdao-metro:local-demo-transport-secret", "FARE_SYSTEM", "TRANSPORT:qingdao-metro",
                "370200"}, {"provider-linyi-heating:local-demo-provider-secret", "PROVIDER_WINDOW", "PROVIDER:linyi-heating", "371300"}}) {
            HttpResponse<String> response = clientCredentials(client[0], "grant_type=client_credentials");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Jwt jwt = validate(JSON.readTree(response.body()).path("access_token").asString());
            assertThat(jwt.getClaimAsStringList("roles")).as(client[0]).containsExactly(client[1]);
            assertThat(jwt.getClaimAsString("organisation")).isEqualTo(client[2]);
            assertThat(jwt.getClaimAsString("district")).as("the division it serves").isEqualTo(client[3]);
        }
    }

    @Test
    void aClientWhoseIdNamesNoJobGetsNoTokenRatherThanTheWidestMachineRole() throws Exception {
        HttpResponse<String> response = clientCredentials("hrss-pension:hrss-pension-test-secret", "grant_type=client_credentials");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asString()).isEqualTo("unauthorized_client");
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void aWrongClientSecretGetsNoToken() throws Exception {
        HttpResponse<String> response = clientCredentials("labor-inspection:guess", "grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void demoTokensCarryTheSameClaimsAsASignIn() throws Exception {
        Jwt jwt = validate(demoToken("chair-wang-fang"));

        assertThat(jwt.getSubject()).isEqualTo("chair-wang-fang");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("ENTERPRISE_UNION");
        assertThat(jwt.getClaimAsString("enterprise")).isEqualTo("91330211MA2H3K5Q1G");
        assertThat(jwt.getClaimAsString("district")).isEqualTo("330211");
        assertThat(jwt.getExpiresAt()).isAfter(jwt.getIssuedAt().plus(Duration.ofMinutes(29)));
    }

    @Test
    void staffTokensNameTheOrganisationWhoseCasesTheyWork() throws Exception {
        Jwt mediator = validate(demoToken("handler-liu-yang"));
        Jwt city = validate(demoToken("staff-sun-li"));

        assertThat(mediator.getClaimAsString("organisation")).isEqualTo("MEDIATION_ORGANISATION:330211");
        assertThat(city.getClaimAsString("organisation")).isEqualTo("CITY_UNION");
        assertThat(city.getClaimAsString("district")).as("宁波's city union: its city, not every city").isEqualTo("330200");
        assertThat(validate(demoToken("worker-zhang-wei")).hasClaim("organisation")).isFalse();
    }

    @Test
    void numberedDemoWorkersAreDistinctPeopleOfTheirEnterprise() throws Exception {
        Jwt first = validate(demoToken("worker-01"));
        Jwt twelfth = validate(demoToken("worker-12"));

        assertThat(twelfth.getSubject()).isEqualTo("worker-12").isNotEqualTo(first.getSubject());
        assertThat(twelfth.getClaimAsStringList("roles")).containsExactly("WORKER");
        assertThat(twelfth.getClaimAsString("enterprise")).isEqualTo("91330211MA2H3K5Q1G");
        assertThat(twelfth.getClaimAsString("district")).isEqualTo("330211");
        JsonNode accounts = JSON.readTree(http().send(HttpRequest.newBuilder(uri("/demo/accounts")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(accounts.findValuesAsString("name")).contains("张伟", "富德能源职工01", "富德能源职工12")
                .doesNotContain("富德能源职工13");
    }

    @Test
    void peopleSignInWithAuthorizationCodeAndPkce() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String verifier = "a-long-random-code-verifier-of-the-app-0123456789abcdefghij";
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        URI authorize = uri("/oauth2/authorize?response_type=code&client_id=unionhub-app&scope=openid%20profile"
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256&state=xyz");

        HttpResponse<String> first = browser.send(HttpRequest.newBuilder(authorize).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        String loginPage = browser.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(csrf.find()).as(loginPage).isTrue();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=worker-zhang-wei&password=demo-password&_csrf=" + csrf.group(1)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);

        HttpResponse<String> back = browser.send(HttpRequest.newBuilder(URI.create(login.headers().firstValue("Location").orElseThrow()))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        String location = back.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT).contains("state=xyz");
        String code = URLEncoder.encode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);

        HttpResponse<String> tokens = browser.send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", APP_ORIGIN)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=unionhub-app&code=" + code
                        + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&code_verifier=" + verifier))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        Jwt jwt = validate(JSON.readTree(tokens.body()).path("access_token").asString());
        assertThat(jwt.getSubject()).isEqualTo("worker-zhang-wei");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("WORKER");
        assertThat(jwt.getClaimAsString("enterprise")).isEqualTo("91330211MA2H3K5Q1G");
        assertThat(tokens.headers().firstValue("Access-Control-Allow-Origin")).as("the app's script may read its tokens")
                .hasValue(APP_ORIGIN);
    }

    /** The H5 app's script exchanges its code from its own origin: the browser's preflight must pass, and only for the app's origins. */
    @Test
    void theAppsOriginMayCallTheTokenEndpointFromAScriptAndNoOtherOrigin() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("/oauth2/token", "/oauth2/revoke")) {
            HttpResponse<String> preflight = client.send(preflight(path, APP_ORIGIN), HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).as(path).isEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(path).hasValue(APP_ORIGIN);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).as("no cookies cross-origin").isEmpty();

            HttpResponse<String> elsewhere = client.send(preflight(path, "https://evil.example"), HttpResponse.BodyHandlers.ofString());
            assertThat(elsewhere.statusCode()).as(path).isEqualTo(403);
            assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        HttpResponse<String> keys = client.send(HttpRequest.newBuilder(uri("/oauth2/jwks")).header("Origin", APP_ORIGIN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP_ORIGIN);
    }

    private HttpRequest preflight(String path, String origin) {
        return HttpRequest.newBuilder(uri(path)).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build();
    }

    @Test
    void theDemoShortcutCannotBeSwitchedOnInTheDockerOrKubernetesProfiles() {
        for (String profile : List.of("docker", "k8s")) {
            assertThatThrownBy(() -> new SpringApplicationBuilder(IdentityServerApplication.class)
                    .profiles(profile, "local")
                    .run("--server.port=0", "--management.server.port=-1"))
                    .as(profile)
                    .hasStackTraceContaining("demo-tokens must not be enabled");
        }
    }

    private String demoToken(String account) throws Exception {
        HttpResponse<String> response = http().send(HttpRequest.newBuilder(uri("/demo/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"account\":\"" + account + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        return body.path("access_token").asString();
    }

    /** Checks a token exactly as every UnionHub service does, against this server's published keys. */
    private Jwt validate(String token) {
        JwtSettings settings = new JwtSettings("http://localhost:" + port, null, null, "unionhub", Duration.ofSeconds(30),
                "roles", "enterprise", "district", "organisation");
        return JwtValidation.decoder(settings).decode(token);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpClient http() {
        return HttpClient.newHttpClient();
    }

    /** A client-credentials token request with HTTP Basic client authentication. */
    private HttpResponse<String> clientCredentials(String client, String form) throws Exception {
        return http().send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(client.getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
