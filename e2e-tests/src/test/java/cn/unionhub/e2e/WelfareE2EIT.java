package cn.unionhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.devstack.PayCodeApp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue #16 through the gateway, seed 001's campaign: 崂山区's union funds its account and a campaign
 * budget, grants 300-yuan coupons to its sanitation workers in one batch, 于海 spends 350 yuan at a
 * campaign merchant and gets 60 off at the till (a machine client), his wallet shows 240 left, the
 * till's repeated request changes nothing, the union ends the campaign and the rest goes back to the
 * budget, and the ledger reconciles clean.
 */
@Order(3) // shared platform (see PlatformTest)
class WelfareE2EIT extends PlatformTest {

    private static final String LAOSHAN = "370212";
    private static final int WORKERS = 30;

    @Test
    void seed001sCouponCampaignRunsEndToEndThroughTheGateway() {
        String staff = platform.demoToken("staff-laoshan");
        ok(post("/api/v1/welfare/accounts", staff, "{\"kind\":\"SETTLEMENT\",\"owner\":\"" + LAOSHAN + "\",\"label\":\"银行存款\"}", null), 201);
        ok(post("/api/v1/welfare/accounts", staff, "{\"kind\":\"UNION_FUND\",\"owner\":\"" + LAOSHAN + "\",\"label\":\"崂山区总工会经费\"}", null), 201);
        ok(post("/api/v1/welfare/transfers", staff, transfer("settlement:" + LAOSHAN, "fund:" + LAOSHAN, 1_000_000, "funding"), "e2e-fund"), 201);
        String merchant = ok(post("/api/v1/merchants", staff, "{\"name\":\"崂山惠民超市\",\"category\":\"超市\"}", null), 201)
                .path("id").asString();
        assertThat(merchant).as("the till client of the local run is merchant-370212-0001").isEqualTo(LAOSHAN + "-0001");

        // 崂山区's sanitation workers, in their joint union; 于海 links his account.
        String union = ok(post("/api/v1/registry/unions", staff, "{\"kind\":\"JOINT_UNION\",\"name\":\"崂山区环卫工人联合工会\",\"district\":\""
                + LAOSHAN + "\",\"trade\":\"环卫\",\"chairName\":\"孙主席\",\"chairMobile\":\"13912345678\"}", null), 201).path("id").asString();
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < WORKERS; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"name\":\"").append(i == 0 ? "于海" : "环卫工" + i).append("\",\"idNumber\":\"")
                    .append(residentId("370212198001", 200 + i, i)).append("\",\"workerGroup\":\"农民工\"")
                    .append(i == 0 ? ",\"mobile\":\"13953200001\"}" : "}"); // 于海's: his sign-in verified it, he links with it
        }
        JsonNode enrolled = ok(post("/api/v1/members/enrolments?union=" + union, staff, rows.append("]").toString(), null), 200);
        List<String> members = new ArrayList<>();
        enrolled.forEach(r -> members.add(r.path("memberId").asString()));
        assertThat(members).hasSize(WORKERS).doesNotContainNull();
        String yuHai = platform.demoToken("worker-yu-hai");
        ok(post("/api/v1/members/me/link", yuHai, "{\"idNumber\":\"" + residentId("370212198001", 200, 0) + "\",\"name\":\"于海\"}", null), 200);
        String card = ok(post("/api/v1/member-cards", staff, "{\"memberId\":\"" + members.get(0) + "\",\"cardType\":\"MEMBER_SERVICE_CARD\"}",
                null), 201).path("number").asString();
        ok(post("/api/v1/member-cards/" + card + "/activation", yuHai, "{}", null), 200);

        // The campaign, its budget for 30 coupons of 300 yuan, and the grant in one batch.
        String campaign = "laoshan-e2e-sanitation"; // the demo has its own (laoshan-2026-sanitation)
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        ok(post("/api/v1/welfare/campaigns", staff, "{\"id\":\"" + campaign + "\",\"name\":\"崂山区环卫工人消费券\",\"tiersFen\":[10000,20000,30000],"
                + "\"thresholdFen\":10000,\"discountFen\":2000,\"firstDay\":\"" + today + "\",\"lastDay\":\"" + today.plusDays(30)
                + "\",\"merchants\":[\"" + merchant + "\"]}", null), 201);
        ok(post("/api/v1/welfare/transfers", staff, transfer("fund:" + LAOSHAN, "budget:" + campaign, 30_000L * WORKERS, "campaign-budget"),
                "e2e-budget"), 201);
        JsonNode grant = ok(post("/api/v1/welfare/campaigns/" + campaign + "/grants", staff, "{\"tierFen\":30000,\"members\":"
                + JSON.writeValueAsString(members) + "}", "e2e-grant"), 201);
        assertThat(grant.path("status").asString()).isEqualTo("GRANTED");
        assertThat(grant.path("granted").asInt()).isEqualTo(WORKERS);

        // At the till: 350 yuan, 60 off; the member pays 290. The till's retries change nothing.
        String till = platform.clientCredentialsToken("merchant-" + merchant, "local-demo-merchant-secret");
        // 于海's app holds the card's pay key and shows the pay code; the till sends it with the card number.
        String key = ok(post("/api/v1/member-cards/" + card + "/pay-key", yuHai, "{}", null), 201).path("secret").asString();
        assertThat(post("/api/v1/merchants/" + merchant + "/quotes", till, "{\"card\":\"" + card + "\",\"spendFen\":35000}", null)
                .statusCode()).as("a card number alone").isEqualTo(400);
        String redeem = "{\"orderNo\":\"LS-0001\",\"card\":\"" + card + "\",\"payCode\":\"" + PayCodeApp.code(key)
                + "\",\"spendFen\":35000}";
        JsonNode held = ok(post("/api/v1/merchants/" + merchant + "/redemptions", till, redeem, null), 201);
        assertThat(held.path("discountFen").asLong()).isEqualTo(6_000);
        assertThat(held.path("payFen").asLong()).isEqualTo(29_000);
        JsonNode paid = ok(post("/api/v1/merchants/" + merchant + "/redemptions/LS-0001/payment", till, "{}", null), 200);
        assertThat(paid.path("status").asString()).isEqualTo("PAID");
        assertThat(ok(post("/api/v1/merchants/" + merchant + "/redemptions", till, redeem, null), 201)).isEqualTo(paid);
        assertThat(ok(post("/api/v1/merchants/" + merchant + "/redemptions/LS-0001/payment", till, "{}", null), 200)).isEqualTo(paid);
        // One code pays one order: a second purchase the cashier adds with the member's code is refused.
        assertThat(ok(post("/api/v1/merchants/" + merchant + "/redemptions", till, redeem.replace("LS-0001", "LS-0002"), null), 409)
                .path("type").asString()).endsWith("/coupon-pay-code-used");
        JsonNode coupon = ok(get("/api/v1/welfare/wallet", yuHai), 200).path("coupons").get(0);
        assertThat(coupon.path("campaignId").asString()).isEqualTo(campaign);
        assertThat(coupon.path("leftFen").asLong()).isEqualTo(24_000);
        assertThat(ok(get("/api/v1/welfare/accounts/merchant:" + merchant, staff), 200).path("balanceFen").asLong()).isEqualTo(6_000);

        // The end of the window (ended now by the union): every coupon's remainder goes back to the budget.
        ok(post("/api/v1/welfare/campaigns/" + campaign + "/ending", staff, "{}", null), 200);
        await().atMost(Duration.ofSeconds(60)).until(() -> ok(get("/api/v1/welfare/accounts/budget:" + campaign, staff), 200)
                .path("balanceFen").asLong() == 30_000L * WORKERS - 6_000);
        assertThat(ok(get("/api/v1/welfare/wallet", yuHai), 200).path("coupons").get(0).path("leftFen").asLong()).isZero();
        JsonNode reconciled = ok(post("/api/v1/welfare/reconciliations", platform.demoToken("admin-zhou"), "{}", null), 200);
        assertThat(reconciled.path("violations")).isEmpty();
        assertThat(reconciled.path("clean").asBoolean()).isTrue();
    }

    /**
     * A union onboards a merchant's till by itself (before, an operator had to add the till to the identity server's
     * configuration and restart it): 思明区's union registers a merchant, issues its till a secret through the gateway,
     * the till signs in with it at the identity server and reads its day of orders; closing the merchant ends its sign-ins.
     */
    @Test
    void aDistrictUnionOnboardsANewMerchantsTillWithoutTheOperators() {
        String staff = platform.demoToken("staff-xiamen-siming");
        String merchant = ok(post("/api/v1/merchants", staff, "{\"name\":\"思明职工惠民便利店\",\"category\":\"便利店\"}", null), 201)
                .path("id").asString();
        String client = "merchant-" + merchant;
        assertThat(tokenAnswer(client, "anything").statusCode()).as("no till before its union issues one").isEqualTo(401);
        assertThat(post("/api/v1/merchants/" + merchant + "/till-credentials", platform.demoToken("staff-laoshan"), "", null).statusCode())
                .as("another district's union").isEqualTo(404);

        JsonNode issued = ok(post("/api/v1/merchants/" + merchant + "/till-credentials", staff, "", null), 201);
        assertThat(issued.path("clientId").asString()).isEqualTo(client);
        assertThat(issued.path("tokenUrl").asString()).isEqualTo(platform.identity("/oauth2/token"));
        String secret = issued.path("clientSecret").asString();
        // The identity server learns the secret from identity.till-clients, a moment after the answer.
        await().atMost(Duration.ofSeconds(30)).until(() -> tokenAnswer(client, secret).statusCode() == 200);
        String till = platform.clientCredentialsToken(client, secret);
        JsonNode day = ok(get("/api/v1/merchants/" + merchant + "/redemptions", till), 200);
        assertThat(day.path("merchantId").asString()).isEqualTo(merchant);
        assertThat(day.path("orders").asInt()).isZero();
        String neighbour = ok(post("/api/v1/merchants", staff, "{\"name\":\"思明职工书店\",\"category\":\"书店\"}", null), 201)
                .path("id").asString();
        assertThat(get("/api/v1/merchants/" + neighbour + "/redemptions", till).statusCode()).as("another merchant's orders")
                .isEqualTo(404);

        ok(post("/api/v1/merchants/" + merchant + "/closure", staff, "{\"reason\":\"合作到期\"}", null), 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> tokenAnswer(client, secret).statusCode() == 401);
        assertThat(ok(get("/api/v1/merchants/" + merchant + "/till-credentials", staff), 200).path("active").asBoolean()).isFalse();
    }

    private HttpResponse<String> tokenAnswer(String client, String secret) {
        return platform.send(HttpRequest.newBuilder(URI.create(platform.identity("/oauth2/token")))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((client + ":" + secret).getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
    }

    private static String transfer(String debit, String credit, long fen, String code) {
        return "{\"debitAccount\":\"" + debit + "\",\"creditAccount\":\"" + credit + "\",\"amountFen\":" + fen + ",\"code\":\"" + code + "\"}";
    }

    private static JsonNode ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path, String token) {
        return platform.send(HttpRequest.newBuilder(URI.create(platform.gateway(path))).header("Authorization", "Bearer " + token).GET()
                .build());
    }

    private HttpResponse<String> post(String path, String token, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gateway(path))).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return platform.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
