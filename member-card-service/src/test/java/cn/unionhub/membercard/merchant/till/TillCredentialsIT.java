package cn.unionhub.membercard.merchant.till;

import static cn.unionhub.membercard.Answers.assertProblem;
import static cn.unionhub.membercard.Answers.created;
import static cn.unionhub.membercard.Answers.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.events.Topics;
import cn.unionhub.platform.events.EventSchemas;
import cn.unionhub.security.Role;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TestTokens;
import cn.unionhub.test.TopicProbe;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A district union onboards a merchant's till by itself: it issues the till a secret (shown once), the identity server
 * learns the secret's digest from identity.till-clients, a new secret replaces the old one, and revoking or closing the
 * merchant ends the till's sign-ins. Only the union that runs the merchant's district does any of it.
 */
@IntegrationTest
class TillCredentialsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LAOSHAN = "370212";

    @Autowired
    EventSchemas schemas;
    @Value("${local.server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    private static String staffOf(String district) {
        return TestTokens.token().subject("staff-" + district).roles(Role.DISTRICT_UNION).district(district).build();
    }

    private String register(String name) {
        return created(api().post("/api/v1/merchants", "{\"name\":\"" + name + "\",\"category\":\"超市\"}", staffOf(LAOSHAN))).path("id")
                .asString();
    }

    @Test
    void theDistrictUnionIssuesATillSecretOnceReplacesItAndClosingTheMerchantRevokesIt() {
        String staff = staffOf(LAOSHAN);
        String merchant = register("崂山收银测试超市");
        String path = "/api/v1/merchants/" + merchant + "/till-credentials";
        assertThat(api().get(path, staff).statusCode()).as("no credential yet").isEqualTo(204);

        // Nobody else issues it: another district's union (as if there were no such merchant), the enterprise side,
        // a worker, the merchant's own till (it would renew itself for ever).
        assertProblem(api().post(path, "", staffOf("370202")), 404, "merchant-not-found");
        for (String other : List.of(TestTokens.token().subject("chair").roles(Role.ENTERPRISE_UNION).enterprise("91370212MA3C00001X").build(),
                TestTokens.token().subject("worker").roles(Role.WORKER).build(),
                TestTokens.token().subject("merchant-" + merchant).roles(Role.MERCHANT).organisation("MERCHANT:" + merchant).build())) {
            assertThat(api().post(path, "", other).statusCode()).isEqualTo(403);
        }

        HttpResponse<String> first = api().post(path, "", staff);
        JsonNode issued = created(first);
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");
        String secret = issued.path("clientSecret").asString();
        assertThat(issued.path("clientId").asString()).isEqualTo("merchant-" + merchant);
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(issued.path("active").asBoolean()).isTrue();
        assertThat(issued.path("generation").asLong()).isEqualTo(1);
        assertThat(issued.path("tokenUrl").asString()).endsWith("/oauth2/token");
        // Read back, it never shows the secret again.
        JsonNode status = ok(api().get(path, staff));
        assertThat(status.path("clientSecret").isNull()).isTrue();
        assertThat(status.toString()).doesNotContain(secret);
        // The city union over the district reads the state; it issues nothing for the district.
        String qingdaoCity = TestTokens.token().subject("staff-qingdao-city").roles(Role.DISTRICT_UNION).district("370200")
                .organisation("CITY_UNION").build();
        assertThat(ok(api().get(path, qingdaoCity)).path("generation").asLong()).isEqualTo(1);
        assertProblem(api().post(path, "", qingdaoCity), 404, "merchant-not-found");
        // Nor does the city union run merchants or campaigns of its own under the city's code: a city is no district.
        HttpResponse<String> cityMerchant = api().post("/api/v1/merchants", "{\"name\":\"青岛市总测试商户\",\"category\":\"超市\"}", qingdaoCity);
        assertProblem(cityMerchant, 400, "ledger-invalid-request");
        assertThat(cityMerchant.body()).contains("ledger-district-required");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        HttpResponse<String> cityCampaign = api().post("/api/v1/welfare/campaigns", "{\"id\":\"city-" + merchant + "\",\"name\":\"市级消费券\","
                + "\"tiersFen\":[10000],\"thresholdFen\":10000,\"discountFen\":2000,\"firstDay\":\"" + today + "\",\"lastDay\":\""
                + today.plusDays(10) + "\",\"merchants\":[\"" + merchant + "\"]}", qingdaoCity);
        assertProblem(cityCampaign, 400, "ledger-invalid-request");
        assertThat(cityCampaign.body()).contains("ledger-district-required");

        String second = created(api().post(path, "", staff)).path("clientSecret").asString();
        assertThat(second).isNotEqualTo(secret);
        // A token the till got with the secret before (generation 1) no longer acts, nor reads its orders (a stolen till's
        // token had 30 minutes left); one got with the new secret does (the order is unknown: the till got past its check).
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions/NONE/payment", "{}", tillToken(merchant, 1L)), 403,
                "till-token-outdated");
        assertProblem(api().get("/api/v1/merchants/" + merchant + "/redemptions", tillToken(merchant, 1L)), 403, "till-token-outdated");
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions/NONE/payment", "{}", tillToken(merchant, null)), 403,
                "till-token-outdated");
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions/NONE/payment", "{}", tillToken(merchant, 2L)), 404,
                "coupon-redemption-not-found");
        assertThat(ok(api().post("/api/v1/merchants/" + merchant + "/closure", "{\"reason\":\"合同到期\"}", staff)).path("status").asString())
                .isEqualTo("CLOSED");
        JsonNode revoked = ok(api().get(path, staff));
        assertThat(revoked.path("active").asBoolean()).isFalse();
        assertThat(revoked.path("generation").asLong()).isEqualTo(3);
        assertThat(revoked.path("revokedReason").asString()).isEqualTo("合同到期");
        assertProblem(api().post(path, "", staff), 409, "till-merchant-closed");

        try (TopicProbe tills = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), Topics.TILL_CLIENTS)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> tills.withKey("merchant-" + merchant).size() >= 3);
            List<ConsumerRecord<String, byte[]>> records = tills.withKey("merchant-" + merchant);
            assertThat(records).hasSize(3);
            for (ConsumerRecord<String, byte[]> record : records) {
                assertThat(schemas.violations(TopicProbe.header(record, "ce_type"), JSON.readTree(record.value()))).isEmpty();
                String text = new String(record.value(), StandardCharsets.UTF_8);
                assertThat(text).doesNotContain(secret).doesNotContain(second);
            }
            List<JsonNode> data = records.stream().map(r -> JSON.readTree(r.value())).toList();
            assertThat(data).extracting(d -> d.path("generation").asLong()).containsExactly(1L, 2L, 3L);
            assertThat(data.get(0).path("secretSha256").asString()).isEqualTo(TillCredential.sha256(secret));
            assertThat(data.get(1).path("secretSha256").asString()).isEqualTo(TillCredential.sha256(second));
            assertThat(data.get(2).path("active").asBoolean()).isFalse();
            assertThat(data.get(2).path("secretSha256").isNull()).isTrue();
            assertThat(data.get(0).path("district").asString()).isEqualTo(LAOSHAN);
        }
    }

    /** A till's token as the identity server issues it: with the generation of the secret it signed in with (none: configured). */
    private static String tillToken(String merchant, Long generation) {
        TestTokens.Builder token = TestTokens.token().subject("merchant-" + merchant).roles(Role.MERCHANT).organisation("MERCHANT:" + merchant);
        return (generation == null ? token : token.claim("till_generation", generation)).build();
    }

    @Test
    void aLostTillIsRevokedByHandOnceAndAGoodReasonIsKept() {
        String staff = staffOf(LAOSHAN);
        String merchant = register("崂山收银撤销测试店");
        String path = "/api/v1/merchants/" + merchant + "/till-credentials";
        // A till of the identity server's configuration, never issued a secret here, is revoked all the same: the record
        // tells the identity server to refuse its configured secret, and its tokens act no more.
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions/NONE/payment", "{}", tillToken(merchant, null)),
                404, "coupon-redemption-not-found");
        JsonNode unissued = ok(api().post(path + "/revocation", "{\"reason\":\"配置的收银机停用\"}", staff));
        assertThat(unissued.path("active").asBoolean()).isFalse();
        assertThat(unissued.path("generation").asLong()).isEqualTo(1);
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions/NONE/payment", "{}", tillToken(merchant, null)),
                403, "till-token-outdated");
        try (TopicProbe tills = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), Topics.TILL_CLIENTS)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> tills.withKey("merchant-" + merchant).size() == 1);
            JsonNode revokedRecord = JSON.readTree(tills.withKey("merchant-" + merchant).get(0).value());
            assertThat(revokedRecord.path("active").asBoolean()).isFalse();
            assertThat(revokedRecord.path("secretSha256").isNull()).isTrue();
        }
        created(api().post(path, "", staff));
        assertProblem(api().post(path + "/revocation", "{\"reason\":\"" + "丢".repeat(201) + "\"}", staff), 400, "ledger-invalid-request");
        assertThat(ok(api().get(path, staff)).path("active").asBoolean()).as("a refused revocation changes nothing").isTrue();
        assertProblem(api().post(path + "/revocation", "{\"reason\":\"收银机被盗\"}", staffOf("370202")), 404, "merchant-not-found");

        JsonNode revoked = ok(api().post(path + "/revocation", "{\"reason\":\"收银机被盗\"}", staff));
        assertThat(revoked.path("active").asBoolean()).isFalse();
        assertThat(revoked.path("generation").asLong()).isEqualTo(3);
        assertThat(revoked.path("revokedReason").asString()).isEqualTo("收银机被盗");
        JsonNode again = ok(api().post(path + "/revocation", "{\"reason\":\"再次\"}", staff));
        assertThat(again.path("generation").asLong()).as("revoking again changes nothing").isEqualTo(3);
        assertThat(again.path("revokedReason").asString()).isEqualTo("收银机被盗");
        // A new secret brings the till back (the merchant is still open).
        assertThat(created(api().post(path, "", staff)).path("generation").asLong()).isEqualTo(4);
    }
}
