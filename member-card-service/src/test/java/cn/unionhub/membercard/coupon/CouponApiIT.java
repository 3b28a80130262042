package cn.unionhub.membercard.coupon;

import static org.assertj.core.api.Assertions.assertThat;
import static cn.unionhub.membercard.Answers.assertProblem;
import static cn.unionhub.membercard.Answers.created;
import static cn.unionhub.membercard.Answers.ok;
import static org.awaitility.Awaitility.await;

import cn.unionhub.membercard.RegisterData;
import cn.unionhub.membercard.RegisterData.LinkedMember;
import cn.unionhub.membercard.card.domain.CardNumbers;
import cn.unionhub.membercard.card.domain.PayCodes;
import cn.unionhub.membercard.card.domain.PayKey;
import cn.unionhub.membercard.coupon.store.Campaigns;
import cn.unionhub.membercard.coupon.store.Grants;
import cn.unionhub.platform.events.EventSchemas;
import cn.unionhub.security.Role;
import cn.unionhub.devstack.PayCodeApp;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TestTokens;
import cn.unionhub.test.TopicProbe;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 001's coupon campaign through the API against the real broker and store: 崂山区 funds a
 * budget, grants 300-yuan coupons to its sanitation workers in one batch, a worker spends 350 yuan
 * at a campaign merchant and gets 60 off, the till's retries change nothing, the campaign ends and
 * the rest goes back to the budget, and the ledger reconciles.
 */
@IntegrationTest
// A clock the lapsed-hold test moves past a hold's 5 minutes (and back: every other test runs on real time).
@org.springframework.test.context.TestPropertySource(properties = "unionhub.clock.adjustable=true")
class CouponApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LAOSHAN = "370212";

    @Autowired
    EventSchemas schemas;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    java.time.Clock clock;
    @Value("${local.server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    private static String laoshan() {
        return TestTokens.token().subject("staff-" + LAOSHAN).roles(Role.DISTRICT_UNION).district(LAOSHAN).build();
    }

    private static String shinanStaff() {
        return TestTokens.token().subject("staff-370202").roles(Role.DISTRICT_UNION).district("370202").build();
    }

    private static String till(String merchantId) {
        return TestTokens.token().subject("merchant-" + merchantId).roles(Role.MERCHANT).organisation("MERCHANT:" + merchantId).build();
    }

    @Test
    void aCampaignGrantsCouponsAWorkerSpendsOneAtATillAndTheRestGoesBackToTheBudget() {
        String staff = laoshan();
        String run = UUID.randomUUID().toString().substring(0, 8);
        created(api().post("/api/v1/welfare/accounts", "{\"kind\":\"SETTLEMENT\",\"owner\":\"" + LAOSHAN + "\",\"label\":\"银行存款\"}", staff));
        created(api().post("/api/v1/welfare/accounts", "{\"kind\":\"UNION_FUND\",\"owner\":\"" + LAOSHAN + "\",\"label\":\"工会经费\"}", staff));
        created(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"settlement:" + LAOSHAN + "\",\"creditAccount\":\"fund:" + LAOSHAN
                + "\",\"amountFen\":10000000,\"code\":\"funding\"}", staff, "fund-" + run));
        // 青岛's city union reads its districts' money (it supervises them) and moves none of it; 宁波's sees none.
        String qingdaoCity = TestTokens.token().subject("staff-qingdao-city").roles(Role.DISTRICT_UNION).district("370200")
                .organisation("CITY_UNION").build();
        assertThat(ok(api().get("/api/v1/welfare/accounts/fund:" + LAOSHAN, qingdaoCity)).path("balanceFen").asLong()).isPositive();
        assertProblem(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"fund:" + LAOSHAN + "\",\"creditAccount\":\"settlement:"
                + LAOSHAN + "\",\"amountFen\":1,\"code\":\"x\"}", qingdaoCity, "city-" + run), 403, "ledger-may-not-debit");
        assertProblem(api().get("/api/v1/welfare/accounts/fund:" + LAOSHAN, People.CITY_STAFF.token()), 404, "ledger-account-not-found");
        String merchant = created(api().post("/api/v1/merchants", "{\"name\":\"崂山惠民超市\",\"address\":\"崂山区海尔路1号\",\"category\":\"超市\","
                + "\"memberPrices\":[{\"item\":\"食用油5L\",\"listPriceFen\":8990,\"memberPriceFen\":7990}]}", staff)).path("id").asString();
        String elsewhere = created(api().post("/api/v1/merchants", "{\"name\":\"不参加活动的药店\",\"category\":\"药店\"}", staff)).path("id").asString();
        // Registered again with the same Idempotency-Key (a retry): the same merchant, not another with its own receivable.
        String bookshop = "{\"name\":\"崂山职工书店\",\"category\":\"书店\"}";
        String once = created(api().post("/api/v1/merchants", bookshop, staff, "bookshop-" + run)).path("id").asString();
        assertThat(created(api().post("/api/v1/merchants", bookshop, staff, "bookshop-" + run)).path("id").asString()).isEqualTo(once);
        assertThat(merchant).matches(LAOSHAN + "-\\d{4}");
        // One merchant per business: its credit code again (under another key, or none) names the merchant on file; a code
        // that is none is refused. A closed merchant's till redeems no more.
        String uscc = cn.unionhub.membercard.RegisterData.freshUscc(LAOSHAN);
        String pharmacy = created(api().post("/api/v1/merchants", "{\"name\":\"崂山大药房\",\"category\":\"药店\",\"uscc\":\"" + uscc + "\"}",
                staff, "pharmacy-" + run)).path("id").asString();
        HttpResponse<String> twice = api().post("/api/v1/merchants", "{\"name\":\"崂山大药房\",\"category\":\"药店\",\"uscc\":\"" + uscc + "\"}",
                staff, "pharmacy-again-" + run);
        assertProblem(twice, 409, "merchant-registered");
        assertThat(twice.body()).contains(pharmacy);
        assertProblem(api().post("/api/v1/merchants", "{\"name\":\"无执照测试店\",\"uscc\":\"bad\"}", staff), 400, "ledger-invalid-request");
        // A member price above the list price says so (it was "the body is not valid JSON"), and a null price is bad input (a 500).
        HttpResponse<String> dearer = api().post("/api/v1/merchants", "{\"name\":\"会员价更贵的店\",\"memberPrices\":[{\"item\":\"油\","
                + "\"listPriceFen\":100,\"memberPriceFen\":200}]}", staff);
        assertProblem(dearer, 400, "ledger-invalid-request");
        assertThat(dearer.body()).contains("merchant-price-range");
        assertProblem(api().post("/api/v1/merchants", "{\"name\":\"空价格的店\",\"memberPrices\":[null]}", staff), 400, "ledger-invalid-request");
        assertProblem(api().post("/api/v1/merchants/" + pharmacy + "/closure", "{\"reason\":\"合同到期\"}", shinanStaff()), 404,
                "merchant-not-found");
        JsonNode closedPharmacy = ok(api().post("/api/v1/merchants/" + pharmacy + "/closure", "{\"reason\":\"合同到期\"}", staff));
        assertThat(closedPharmacy.path("status").asString()).isEqualTo("CLOSED");
        // Members' directory: a closed merchant is the office's to see, and why it closed too.
        String member = RegisterData.linkedMember(api(), LAOSHAN, "看名录").workerToken();
        assertThat(ok(api().get("/api/v1/merchants?district=" + LAOSHAN, member)).findValuesAsString("id")).doesNotContain(pharmacy);
        assertThat(ok(api().get("/api/v1/merchants/" + pharmacy, member)).path("closedReason").isNull()).isTrue();
        assertThat(ok(api().get("/api/v1/merchants?district=" + LAOSHAN, staff)).toString()).contains(pharmacy, "合同到期");
        assertProblem(api().post("/api/v1/merchants/" + pharmacy + "/quotes", "{\"card\":\"6230913702000000001\",\"payCode\":\"123456\","
                + "\"spendFen\":35000}", till(pharmacy)), 409, "merchant-closed");

        String campaign = "laoshan-sanitation-" + run;
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        // Amounts are whole fen within the ledger's ceiling: a fraction is refused, never cut; an absurd tier is a 400, not a 500.
        for (String bad : List.of("\"tiersFen\":[10000.7],\"thresholdFen\":10000,\"discountFen\":2000",
                "\"tiersFen\":[10000],\"thresholdFen\":10000.5,\"discountFen\":2000",
                "\"tiersFen\":[9223372036854775807],\"thresholdFen\":10000,\"discountFen\":2000")) {
            HttpResponse<String> refusedCampaign = api().post("/api/v1/welfare/campaigns", "{\"id\":\"bad-" + run + "\",\"name\":\"坏活动\","
                    + bad + ",\"firstDay\":\"" + today + "\",\"lastDay\":\"" + today.plusDays(30) + "\",\"merchants\":[\"" + merchant + "\"]}",
                    staff);
            assertThat(refusedCampaign.statusCode()).as(bad + ": " + refusedCampaign.body()).isEqualTo(400);
        }
        // A window of centuries would keep unspent coupons from ever going back to the budget.
        HttpResponse<String> forever = api().post("/api/v1/welfare/campaigns", "{\"id\":\"bad-" + run + "\",\"name\":\"坏活动\","
                + "\"tiersFen\":[10000],\"thresholdFen\":10000,\"discountFen\":2000,\"firstDay\":\"" + today
                + "\",\"lastDay\":\"9999-12-31\",\"merchants\":[\"" + merchant + "\"]}", staff);
        assertThat(forever.statusCode()).as(forever.body()).isEqualTo(400);
        assertThat(forever.body()).contains("coupon-window-too-long");
        assertThat(api().get("/api/v1/welfare/campaigns/bad-" + run, staff).statusCode()).as("nothing was created").isEqualTo(404);
        JsonNode created = created(api().post("/api/v1/welfare/campaigns", "{\"id\":\"" + campaign + "\",\"name\":\"环卫工人消费券\","
                + "\"tiersFen\":[10000,20000,30000],\"thresholdFen\":10000,\"discountFen\":2000,\"firstDay\":\"" + today
                + "\",\"lastDay\":\"" + today.plusDays(30) + "\",\"merchants\":[\"" + merchant + "\"],\"redemptionsPerDay\":3}", staff));
        assertThat(created.path("budgetAccount").asString()).isEqualTo("budget:" + campaign);
        assertThat(created.path("open").asBoolean()).isTrue();

        List<LinkedMember> workers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            workers.add(RegisterData.linkedMember(api(), LAOSHAN, "环卫工" + i));
        }
        List<String> members = new ArrayList<>(workers.stream().map(LinkedMember::memberId).toList());
        members.add("M0000000000ZZ");
        String grant = "{\"tierFen\":30000,\"members\":" + JSON.writeValueAsString(members) + "}";
        // The budget covers four coupons only: the batch is refused whole, nothing moves.
        created(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"fund:" + LAOSHAN + "\",\"creditAccount\":\"budget:" + campaign
                + "\",\"amountFen\":120000,\"code\":\"campaign-budget\"}", staff, "budget-" + run));
        assertProblem(api().post("/api/v1/welfare/campaigns/" + campaign + "/grants", grant, staff, "g1-" + run), 409,
                "ledger-insufficient-funds");
        JsonNode refused = ok(api().get("/api/v1/welfare/campaigns/" + campaign + "/grants/g1-" + run, staff));
        assertThat(refused.path("status").asString()).isEqualTo("REJECTED");
        assertThat(ok(api().get("/api/v1/welfare/campaigns/" + campaign + "/grants/g1-" + run, qingdaoCity)).path("status").asString())
                .as("the city union over the district reads it, as it reads the campaigns").isEqualTo("REJECTED");
        assertThat(refused.path("reason").asString()).isEqualTo("insufficient-funds");
        created(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"fund:" + LAOSHAN + "\",\"creditAccount\":\"budget:" + campaign
                + "\",\"amountFen\":30000,\"code\":\"campaign-budget\"}", staff, "budget2-" + run));
        // Asked again under its key once the budget is topped up, the refused grant is tried again (it answered its refusal for ever).
        JsonNode granted = created(api().post("/api/v1/welfare/campaigns/" + campaign + "/grants", grant, staff, "g1-" + run));
        assertThat(granted.path("status").asString()).isEqualTo("GRANTED");
        assertThat(granted.path("granted").asInt()).isEqualTo(5);
        assertThat(granted.path("amountFen").asLong()).isEqualTo(150_000);
        assertThat(granted.path("skipped").toString()).contains("M0000000000ZZ", "not-in-register");
        assertThat(created(api().post("/api/v1/welfare/campaigns/" + campaign + "/grants", grant, staff, "g1-" + run)))
                .as("the same grant again").isEqualTo(granted);
        assertThat(granted.path("transferId").asString()).as("its second attempt's batch").isNotEqualTo(refused.path("transferId").asString());
        assertProblem(api().post("/api/v1/welfare/campaigns/" + campaign + "/grants", "{\"tierFen\":20000,\"members\":"
                + JSON.writeValueAsString(members) + "}", staff, "g1-" + run), 409, "ledger-key-reused");
        // Another district's union neither sees nor grants the campaign, nor registers merchants here.
        String shinan = TestTokens.token().subject("staff-370202").roles(Role.DISTRICT_UNION).district("370202").build();
        assertProblem(api().post("/api/v1/welfare/campaigns/" + campaign + "/grants", grant, shinan, "g4-" + run), 404,
                "coupon-campaign-not-found");
        assertProblem(api().post("/api/v1/welfare/campaigns/" + campaign + "/ending", "{}", shinan), 404, "coupon-campaign-not-found");
        assertProblem(api().post("/api/v1/merchants", "{\"name\":\"越区商户\",\"district\":\"" + LAOSHAN + "\"}", shinan), 400,
                "ledger-invalid-request");
        assertProblem(api().post("/api/v1/welfare/campaigns/" + campaign + "/grants", "{\"tierFen\":25000,\"members\":"
                + JSON.writeValueAsString(members) + "}", staff, "g3-" + run), 400, "ledger-invalid-request");
        // One coupon per member and campaign, whatever the key: the same members under a new key are nobody to pay.
        HttpResponse<String> again = api().post("/api/v1/welfare/campaigns/" + campaign + "/grants", grant, staff, "g5-" + run);
        assertProblem(again, 400, "ledger-invalid-request");
        assertThat(again.body()).contains("coupon-nobody-eligible");
        assertThat(ok(api().get("/api/v1/welfare/accounts/coupon:" + campaign + "." + members.get(0), staff)).path("balanceFen").asLong())
                .isEqualTo(30_000);
        assertThat(ok(api().get("/api/v1/welfare/accounts/budget:" + campaign, staff)).path("balanceFen").asLong()).isZero();
        // Coupons are credited by grants and receivables by redemptions, never by a hand transfer around them.
        assertProblem(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"fund:" + LAOSHAN + "\",\"creditAccount\":\"coupon:"
                + campaign + "." + members.get(0) + "\",\"amountFen\":100,\"code\":\"grant\"}", staff, "by-hand-" + run), 403,
                "ledger-credited-by-its-flow");
        assertProblem(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"fund:" + LAOSHAN + "\",\"creditAccount\":\"merchant:"
                + merchant + "\",\"amountFen\":100,\"code\":\"payout\"}", staff, "by-hand-m-" + run), 403, "ledger-credited-by-its-flow");

        // 张 shows the member service card at the till: 350 yuan, 60 off, 290 to pay.
        LinkedMember zhang = workers.get(0);
        String card = activeCard(zhang, staff);
        String tillToken = till(merchant);
        // The card number alone is no consent: the till needs the code the worker app shows.
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/quotes", "{\"card\":\"" + card + "\",\"spendFen\":35000}", tillToken),
                400, "ledger-invalid-request");
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/quotes", "{\"card\":\"" + card + "\",\"payCode\":\"123456\","
                + "\"spendFen\":35000}", tillToken), 403, "coupon-pay-code-wrong");
        assertProblem(api().post("/api/v1/member-cards/" + card + "/pay-key", "{}", staff), 403, "forbidden");
        assertThat(api().post("/api/v1/member-cards/" + card + "/pay-key", "{}", workers.get(1).workerToken()).statusCode())
                .as("another worker").isEqualTo(404);
        String key = payKey(zhang, card);
        JsonNode quote = ok(api().post("/api/v1/merchants/" + merchant + "/quotes", "{\"card\":\"" + card + "\",\"payCode\":\"" + code(key) + "\",\"spendFen\":35000}", tillToken));
        assertThat(quote.path("discountFen").asLong()).isEqualTo(6_000);
        assertThat(quote.path("payFen").asLong()).isEqualTo(29_000);
        String redeemed = code(key);
        String redeem = "{\"orderNo\":\"A" + run + "\",\"card\":\"" + card + "\",\"payCode\":\"" + redeemed + "\",\"spendFen\":35000}";
        JsonNode held = created(api().post("/api/v1/merchants/" + merchant + "/redemptions", redeem, tillToken));
        assertThat(held.path("status").asString()).isEqualTo("HELD");
        assertThat(held.path("payFen").asLong()).isEqualTo(29_000);
        assertThat(created(api().post("/api/v1/merchants/" + merchant + "/redemptions", redeem, tillToken))).isEqualTo(held);
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions", redeem.replace("35000", "36000"), tillToken), 409,
                "coupon-order-reused");
        // The order number again with a card that does not exist: the same answer as with another member's card.
        String noSuchCard = CardNumbers.compose(card.substring(0, CardNumbers.PREFIX_DIGITS), 90_000_999);
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions", redeem.replace(card, noSuchCard), tillToken), 409,
                "coupon-order-reused");
        // One code, one order: the cashier cannot add a purchase of their own with the member's code, nor can another till.
        // Asked again and again, it stays "used": a right code takes no try from the card, so it never jams as "busy".
        for (int i = 0; i <= PayKey.MAX_FAILURES; i++) {
            assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions", redeem.replace("\"A" + run, "\"A" + i + "x" + run),
                    tillToken), 409, "coupon-pay-code-used");
        }
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/quotes", "{\"card\":\"" + card + "\",\"payCode\":\"" + redeemed
                + "\",\"spendFen\":35000}", tillToken), 409, "coupon-pay-code-used");
        assertProblem(api().post("/api/v1/merchants/" + elsewhere + "/quotes", "{\"card\":\"" + card + "\",\"payCode\":\"" + redeemed
                + "\",\"spendFen\":35000}", till(elsewhere)), 409, "coupon-pay-code-used");
        // For a second purchase at once the app shows the next step's code, which counts already.
        assertThat(api().post("/api/v1/merchants/" + merchant + "/quotes", "{\"card\":\"" + card + "\",\"payCode\":\""
                + PayCodeApp.codeAt(key, Instant.now().plusSeconds(PayCodes.PERIOD_SECONDS)) + "\",\"spendFen\":5000}", tillToken).statusCode())
                .isEqualTo(200);
        JsonNode paid = ok(api().post("/api/v1/merchants/" + merchant + "/redemptions/A" + run + "/payment", "{}", tillToken));
        assertThat(paid.path("status").asString()).isEqualTo("PAID");
        assertThat(ok(api().post("/api/v1/merchants/" + merchant + "/redemptions/A" + run + "/payment", "{}", tillToken))).isEqualTo(paid);
        assertThat(created(api().post("/api/v1/merchants/" + merchant + "/redemptions", redeem, tillToken))).as("the redemption again, paid")
                .isEqualTo(paid);

        JsonNode wallet = ok(api().get("/api/v1/welfare/wallet", zhang.workerToken()));
        JsonNode coupon = wallet.path("coupons").get(0);
        assertThat(coupon.path("campaignId").asString()).isEqualTo(campaign);
        assertThat(coupon.path("leftFen").asLong()).isEqualTo(24_000);
        assertThat(coupon.path("usable").asBoolean()).isTrue();
        assertThat(ok(api().get("/api/v1/welfare/accounts/merchant:" + merchant, staff)).path("balanceFen").asLong()).isEqualTo(6_000);
        // 张 sees where his coupon paid and what came in: a till that took his code for an order he did not make shows here.
        JsonNode newest = coupon.path("latest").get(0);
        assertThat(newest.path("counterAccount").asString()).isEqualTo("merchant:" + merchant);
        assertThat(newest.path("code").asString()).isEqualTo("coupon-redemption");
        assertThat(coupon.path("latest").get(coupon.path("latest").size() - 1).path("counterAccount").asString())
                .as("granted from the campaign's budget").isEqualTo("budget:" + campaign);
        String couponAccount = coupon.path("accountId").asString();
        assertThat(ok(api().get("/api/v1/welfare/accounts/" + couponAccount + "/lines", zhang.workerToken())).size())
                .isEqualTo(coupon.path("latest").size());
        assertProblem(api().get("/api/v1/welfare/accounts/" + couponAccount + "/lines", workers.get(1).workerToken()), 404,
                "ledger-account-not-found");

        // Bad input and the wrong till change nothing.
        assertThat(ok(api().post("/api/v1/merchants/" + merchant + "/quotes", "{\"card\":\"" + card + "\",\"payCode\":\"" + fresh(zhang, card) + "\",\"spendFen\":5000}", tillToken))
                .path("discountFen").asLong()).as("below the threshold: no discount").isZero();
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions", "{\"orderNo\":\"B" + run + "\",\"card\":\"" + card
                + "\",\"payCode\":\"" + fresh(zhang, card) + "\",\"spendFen\":9999}", tillToken), 409, "coupon-nothing-to-redeem");
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/quotes", "{\"card\":\"" + card + "\",\"payCode\":\"" + fresh(zhang, card) + "\",\"spendFen\":350.5}", tillToken),
                400, "ledger-invalid-request");
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions", redeem, till(elsewhere)), 404, "merchant-not-your-till");
        // In English the title's apostrophe shows once: every message goes through MessageFormat (written '' in the bundle).
        HttpResponse<String> english = api().send(HttpRequest.newBuilder(api().uri("/api/v1/merchants/" + merchant + "/redemptions"))
                .header("Authorization", "Bearer " + till(elsewhere)).header("Content-Type", "application/json").header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofString(redeem)).build());
        assertThat(JSON.readTree(english.body()).path("title").asString()).isEqualTo("Not this merchant's till");
        assertThat(api().post("/api/v1/merchants/" + merchant + "/redemptions", redeem, zhang.workerToken()).statusCode()).isEqualTo(403);
        assertThat(ok(api().get("/api/v1/welfare/wallet", zhang.workerToken())).path("coupons").get(0).path("leftFen").asLong())
                .isEqualTo(24_000);

        // A cancelled purchase releases its hold; a refund pays the discount back to the coupon.
        JsonNode second = created(api().post("/api/v1/merchants/" + merchant + "/redemptions", "{\"orderNo\":\"C" + run + "\",\"card\":\""
                + card + "\",\"payCode\":\"" + fresh(zhang, card) + "\",\"spendFen\":20000}", tillToken));
        assertThat(second.path("discountFen").asLong()).isEqualTo(4_000);
        assertThat(ok(api().post("/api/v1/merchants/" + merchant + "/redemptions/C" + run + "/cancellation", "{}", tillToken))
                .path("status").asString()).isEqualTo("CANCELLED");
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions/A" + run + "/refund", "{\"amountFen\":100}", tillToken),
                400, "ledger-invalid-request"); // a part refund: the whole discount went back, the amount ignored
        assertThat(ok(api().post("/api/v1/merchants/" + merchant + "/redemptions/A" + run + "/refund", "{}", tillToken))
                .path("status").asString()).isEqualTo("REFUNDED");
        assertThat(ok(api().get("/api/v1/welfare/wallet", zhang.workerToken())).path("coupons").get(0).path("leftFen").asLong())
                .isEqualTo(30_000);
        JsonNode third = created(api().post("/api/v1/merchants/" + merchant + "/redemptions", "{\"orderNo\":\"D" + run + "\",\"card\":\""
                + card + "\",\"payCode\":\"" + fresh(zhang, card) + "\",\"spendFen\":35000}", tillToken));
        ok(api().post("/api/v1/merchants/" + merchant + "/redemptions/D" + run + "/payment", "{}", tillToken));
        assertThat(third.path("discountFen").asLong()).isEqualTo(6_000);
        // Three a day: A was refunded and C cancelled, each giving its place back (a refunded purchase took one for good), so
        // D, E and F fit the day; F2 does not.
        created(api().post("/api/v1/merchants/" + merchant + "/redemptions", "{\"orderNo\":\"E" + run + "\",\"card\":\"" + card
                + "\",\"payCode\":\"" + fresh(zhang, card) + "\",\"spendFen\":35000}", tillToken));
        created(api().post("/api/v1/merchants/" + merchant + "/redemptions", "{\"orderNo\":\"F" + run + "\",\"card\":\"" + card
                + "\",\"payCode\":\"" + fresh(zhang, card) + "\",\"spendFen\":35000}", tillToken));
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions", "{\"orderNo\":\"F2" + run + "\",\"card\":\"" + card
                + "\",\"payCode\":\"" + fresh(zhang, card) + "\",\"spendFen\":35000}", tillToken), 409, "coupon-daily-limit");
        assertThat(ok(api().post("/api/v1/merchants/" + merchant + "/redemptions/E" + run + "/cancellation", "{}", tillToken))
                .path("status").asString()).isEqualTo("CANCELLED");
        assertThat(ok(api().post("/api/v1/merchants/" + merchant + "/redemptions/E" + run + "/cancellation", "{}", tillToken))
                .path("status").asString()).as("cancelled twice").isEqualTo("CANCELLED");
        // …and given back once: one more purchase fits the day, not two.
        created(api().post("/api/v1/merchants/" + merchant + "/redemptions", "{\"orderNo\":\"G" + run + "\",\"card\":\"" + card
                + "\",\"payCode\":\"" + fresh(zhang, card) + "\",\"spendFen\":35000}", tillToken));
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions", "{\"orderNo\":\"H" + run + "\",\"card\":\"" + card
                + "\",\"payCode\":\"" + fresh(zhang, card) + "\",\"spendFen\":35000}", tillToken), 409, "coupon-daily-limit");
        ok(api().post("/api/v1/merchants/" + merchant + "/redemptions/G" + run + "/cancellation", "{}", tillToken));
        ok(api().post("/api/v1/merchants/" + merchant + "/redemptions/F" + run + "/cancellation", "{}", tillToken));
        // 张 freezes his card after it was shown (an order he does not recognise): the held order is not paid.
        created(api().post("/api/v1/merchants/" + merchant + "/redemptions", "{\"orderNo\":\"K" + run + "\",\"card\":\"" + card
                + "\",\"payCode\":\"" + fresh(zhang, card) + "\",\"spendFen\":35000}", tillToken));
        ok(api().post("/api/v1/member-cards/" + card + "/freeze", "{\"reason\":\"不是我的消费\"}", zhang.workerToken()));
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions/K" + run + "/payment", "{}", tillToken), 409,
                "coupon-card-stopped");
        assertThat(ok(api().get("/api/v1/merchants/" + merchant + "/redemptions/K" + run, tillToken)).path("status").asString())
                .isEqualTo("CANCELLED");
        ok(api().post("/api/v1/member-cards/" + card + "/unfreeze", "{}", zhang.workerToken()));

        // A member who has left the union spends no more of its coupons, though the card is still active.
        LinkedMember leaver = workers.get(1);
        String leaverCard = activeCard(leaver, staff);
        String leaverCode = fresh(leaver, leaverCard);
        ok(api().post("/api/v1/members/" + leaver.memberId() + "/leaving", "{}", staff));
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions", "{\"orderNo\":\"L" + run + "\",\"card\":\"" + leaverCard
                + "\",\"payCode\":\"" + leaverCode + "\",\"spendFen\":35000}", tillToken), 409, "coupon-membership-ended");
        assertThat(ok(api().get("/api/v1/welfare/wallet", leaver.workerToken())).path("coupons").get(0).path("usable").asBoolean()).isFalse();

        // The union takes a wrong login off a membership (解除绑定): the codes of the key that login fetched pay nothing more.
        LinkedMember cutOff = workers.get(2);
        String cutOffCard = activeCard(cutOff, staff);
        String cutOffKey = payKey(cutOff, cutOffCard);
        ok(api().post("/api/v1/members/" + cutOff.memberId() + "/unlinking", "{\"reason\":\"手机号已换人\"}", staff));
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/quotes", "{\"card\":\"" + cutOffCard + "\",\"payCode\":\"" + code(cutOffKey)
                + "\",\"spendFen\":35000}", tillToken), 403, "coupon-pay-code-wrong");

        // The union ends the campaign: every coupon's remainder goes back to the budget.
        JsonNode ended = ok(api().post("/api/v1/welfare/campaigns/" + campaign + "/ending", "{}", staff));
        assertThat(ended.path("open").asBoolean()).isFalse();
        assertThat(ok(api().post("/api/v1/welfare/campaigns/" + campaign + "/ending", "{}", staff)).path("open").asBoolean())
                .as("ended again (a retry): the same answer, it was 409").isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> ok(api().get("/api/v1/welfare/accounts/budget:" + campaign, staff))
                .path("balanceFen").asLong() == 150_000 - 6_000);
        assertThat(ok(api().get("/api/v1/welfare/wallet", zhang.workerToken())).path("coupons").get(0).path("usable").asBoolean()).isFalse();
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/quotes", "{\"card\":\"" + card + "\",\"payCode\":\"" + fresh(zhang, card)
                + "\",\"spendFen\":35000}", tillToken), 409, "coupon-none-usable-here");
        // Naming the campaign, the till is told it ended, not the dates it was planned for.
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions", "{\"orderNo\":\"Z" + run + "\",\"card\":\"" + card
                + "\",\"payCode\":\"" + fresh(zhang, card) + "\",\"spendFen\":35000,\"campaignId\":\"" + campaign + "\"}", tillToken),
                409, "coupon-campaign-ended");
        // The union settles what the coupons paid the merchant through the bank: into its settlement account, nowhere else.
        long receivable = ok(api().get("/api/v1/welfare/accounts/merchant:" + merchant, staff)).path("balanceFen").asLong();
        assertThat(receivable).isPositive();
        assertProblem(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"merchant:" + merchant + "\",\"creditAccount\":\"fund:"
                + LAOSHAN + "\",\"amountFen\":" + receivable + ",\"code\":\"merchant-settlement\"}", staff, "settle-wrong-" + run), 403,
                "ledger-merchant-through-settlement");
        created(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"merchant:" + merchant + "\",\"creditAccount\":\"settlement:"
                + LAOSHAN + "\",\"amountFen\":" + receivable + ",\"code\":\"merchant-settlement\"}", staff, "settle-" + run));
        assertThat(ok(api().get("/api/v1/welfare/accounts/merchant:" + merchant, staff)).path("balanceFen").asLong()).isZero();
        // A refund of an order settled already waits for the merchant's money back, however often the till asks (each ask
        // took one of its attempts, and the refund was refused for good once the money was back); the district union books
        // the repayment itself — by hand it credits a receivable with that code only.
        for (int i = 0; i < RedemptionService.MAX_REFUND_TRIES + 2; i++) {
            assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions/D" + run + "/refund", "{}", tillToken), 409,
                    "coupon-refund-settled");
        }
        assertProblem(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"settlement:" + LAOSHAN + "\",\"creditAccount\":\"merchant:"
                + merchant + "\",\"amountFen\":6000,\"code\":\"correction\"}", staff, "cover-wrong-" + run), 403, "ledger-credited-by-its-flow");
        // As much as the waiting refunds need, no more, and nothing for a merchant that owes nothing back.
        assertProblem(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"settlement:" + LAOSHAN + "\",\"creditAccount\":\"merchant:"
                + merchant + "\",\"amountFen\":6001,\"code\":\"merchant-repayment\"}", staff, "cover-more-" + run), 409, "ledger-repayment-over-due");
        assertProblem(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"settlement:" + LAOSHAN + "\",\"creditAccount\":\"merchant:"
                + elsewhere + "\",\"amountFen\":100,\"code\":\"merchant-repayment\"}", staff, "cover-none-" + run), 409, "ledger-repayment-over-due");
        created(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"settlement:" + LAOSHAN + "\",\"creditAccount\":\"merchant:"
                + merchant + "\",\"amountFen\":6000,\"code\":\"merchant-repayment\"}", staff, "cover-" + run));
        assertThat(ok(api().post("/api/v1/merchants/" + merchant + "/redemptions/D" + run + "/refund", "{}", tillToken))
                .path("status").asString()).isEqualTo("REFUNDED");
        assertThat(ok(api().post("/api/v1/merchants/" + merchant + "/redemptions/D" + run + "/refund", "{}", tillToken))
                .path("status").asString()).as("once").isEqualTo("REFUNDED");
        assertThat(ok(api().get("/api/v1/welfare/accounts/merchant:" + merchant, staff)).path("balanceFen").asLong()).isZero();
        JsonNode reconciled = ok(api().post("/api/v1/welfare/reconciliations", "{}", People.ADMIN.token()));
        assertThat(reconciled.path("violations")).isEmpty();

        // 对账单: the orders of a day as they stand now, with their totals, for the merchant's till and the unions over it
        // (orders refused before anything was held — wrong code, daily limit, campaign ended — are none).
        String dayOfA = held.path("createdAt").asString().substring(0, 10);
        String dayOfK = ok(api().get("/api/v1/merchants/" + merchant + "/redemptions/K" + run, tillToken)).path("createdAt").asString()
                .substring(0, 10);
        java.util.Map<String, String> statuses = new java.util.HashMap<>();
        long refundedFen = 0;
        int orders = 0;
        for (String day : new java.util.LinkedHashSet<>(List.of(dayOfA, dayOfK))) {
            String path = "/api/v1/merchants/" + merchant + "/redemptions?date=" + day;
            JsonNode statement = ok(api().get(path, tillToken));
            assertThat(statement.path("merchantName").asString()).isEqualTo("崂山惠民超市");
            assertThat(ok(api().get(path, staff))).isEqualTo(statement);
            assertThat(ok(api().get(path, qingdaoCity))).isEqualTo(statement);
            assertProblem(api().get(path, till(elsewhere)), 404, "merchant-not-your-till");
            assertProblem(api().get(path, shinan), 404, "merchant-not-found");
            assertThat(api().get(path, zhang.workerToken()).statusCode()).isEqualTo(403);
            statement.path("redemptions").forEach(r -> statuses.put(r.path("orderNo").asString(), r.path("status").asString()));
            assertThat(statement.toString()).doesNotContain(zhang.memberId(), card);
            refundedFen += statement.path("refundedDiscountFen").asLong();
            orders += statement.path("orders").asInt();
        }
        assertThat(statuses).isEqualTo(java.util.Map.of("A" + run, "REFUNDED", "C" + run, "CANCELLED", "D" + run, "REFUNDED",
                "E" + run, "CANCELLED", "F" + run, "CANCELLED", "G" + run, "CANCELLED", "K" + run, "CANCELLED"));
        assertThat(orders).isEqualTo(7);
        assertThat(refundedFen).isEqualTo(12_000);
        assertThat(ok(api().get("/api/v1/merchants/" + merchant + "/redemptions?date=2020-01-01", tillToken)).path("orders").asInt())
                .isZero();

        // The union's lists: its campaigns (the city union's staff name the district), its merchants for anyone signed in —
        // the bookshop registered twice under one key is there once.
        assertThat(ok(api().get("/api/v1/welfare/campaigns", staff)).findValuesAsString("id")).contains(campaign);
        assertThat(ok(api().get("/api/v1/welfare/campaigns?district=" + LAOSHAN, qingdaoCity)).findValuesAsString("id")).contains(campaign);
        HttpResponse<String> cityWide = api().get("/api/v1/welfare/campaigns", qingdaoCity);
        assertProblem(cityWide, 400, "ledger-invalid-request");
        assertThat(cityWide.body()).contains("ledger-district-required");
        assertProblem(api().get("/api/v1/welfare/campaigns?district=" + LAOSHAN, shinan), 400, "ledger-invalid-request");
        assertThat(ok(api().get("/api/v1/welfare/campaigns", shinan)).findValuesAsString("id")).doesNotContain(campaign);
        List<String> merchants = ok(api().get("/api/v1/merchants?district=" + LAOSHAN, zhang.workerToken())).findValuesAsString("id");
        assertThat(merchants).contains(merchant, elsewhere, once);
        assertThat(merchants).doesNotHaveDuplicates();
        assertProblem(api().get("/api/v1/merchants?district=370200", zhang.workerToken()), 400, "ledger-invalid-request");

        try (TopicProbe events = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "member-card.ledger")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> events.withKey(campaign).size() >= 4);
            List<ConsumerRecord<String, byte[]>> ofCampaign = events.withKey(campaign);
            assertThat(ofCampaign).extracting(r -> TopicProbe.header(r, "ce_type")).containsExactly(
                    "cn.unionhub.member-card.coupons-granted.v1", "cn.unionhub.member-card.coupon-redeemed.v1",
                    "cn.unionhub.member-card.coupon-redeemed.v1", "cn.unionhub.member-card.coupons-expired.v1");
            for (ConsumerRecord<String, byte[]> event : ofCampaign) {
                assertThat(schemas.violations(TopicProbe.header(event, "ce_type"), JSON.readTree(event.value()))).isEmpty();
                assertThat(new String(event.value(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(zhang.memberId(), card);
            }
            assertThat(JSON.readTree(ofCampaign.get(3).value()).path("amountFen").asLong()).isEqualTo(144_000);
        }
    }

    /**
     * A member with coupons of two campaigns at one merchant: when the soonest-ending one has used its day (one redemption
     * a day), the till's next order uses the other instead of telling the member to come back tomorrow; when both have,
     * the quote and the order say so.
     */
    @Test
    void aCouponAtItsDailyLimitGivesWayToAnotherThatWorksAtTheTill() {
        String shibei = "370203";
        String run = UUID.randomUUID().toString().substring(0, 8);
        String staff = fundedDistrict(shibei, run);
        String merchant = created(api().post("/api/v1/merchants", "{\"name\":\"市北两券通用超市\",\"category\":\"超市\"}", staff))
                .path("id").asString();
        LinkedMember liu = RegisterData.linkedMember(api(), shibei, "刘师傅");
        String soon = "soon-" + run;
        String later = "later-" + run;
        campaignWithCoupon(staff, shibei, soon, 10, 10_000, 2_000, 1, merchant, liu.memberId());
        campaignWithCoupon(staff, shibei, later, 30, 10_000, 2_000, 1, merchant, liu.memberId());
        String card = activeCard(liu, staff);
        String tillToken = till(merchant);
        String quote = "{\"card\":\"" + card + "\",\"payCode\":\"%s\",\"spendFen\":10000}";
        String order = "{\"orderNo\":\"%s\",\"card\":\"" + card + "\",\"payCode\":\"%s\",\"spendFen\":10000}";

        assertThat(ok(api().post("/api/v1/merchants/" + merchant + "/quotes", quote.formatted(fresh(liu, card)), tillToken))
                .path("campaignId").asString()).isEqualTo(soon);
        assertThat(created(api().post("/api/v1/merchants/" + merchant + "/redemptions", order.formatted("O1-" + run, fresh(liu, card)),
                tillToken)).path("campaignId").asString()).isEqualTo(soon);
        // The soon-ending coupon's day is used: the quote and the next order use the other coupon.
        assertThat(ok(api().post("/api/v1/merchants/" + merchant + "/quotes", quote.formatted(fresh(liu, card)), tillToken))
                .path("campaignId").asString()).isEqualTo(later);
        JsonNode second = created(api().post("/api/v1/merchants/" + merchant + "/redemptions", order.formatted("O2-" + run, fresh(liu, card)),
                tillToken));
        assertThat(second.path("campaignId").asString()).isEqualTo(later);
        assertThat(second.path("discountFen").asLong()).isEqualTo(2_000);
        // Both days used: the member hears so, at the quote and at the order — of both coupons, not one's limit.
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/quotes", quote.formatted(fresh(liu, card)), tillToken), 409,
                "coupon-daily-limits");
        HttpResponse<String> both = api().post("/api/v1/merchants/" + merchant + "/redemptions", order.formatted("O3-" + run, fresh(liu, card)),
                tillToken);
        assertProblem(both, 409, "coupon-daily-limits");
        assertThat(JSON.readTree(both.body()).path("detail").asString()).contains("2 张");
        // The till naming the used-up campaign is refused too, even though the other coupon still has money.
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions", order.formatted("O4-" + run, fresh(liu, card))
                .replace("}", ",\"campaignId\":\"" + soon + "\"}"), tillToken), 409, "coupon-daily-limit");
    }

    /** A district's own clerk, accounts and a funded fund (a clerk's bank bookings of a day are summed: one each). */
    private String fundedDistrict(String district, String run) {
        String staff = TestTokens.token().subject("staff-" + district + "-" + run).roles(Role.DISTRICT_UNION).district(district).build();
        created(api().post("/api/v1/welfare/accounts", "{\"kind\":\"SETTLEMENT\",\"owner\":\"" + district + "\",\"label\":\"银行存款\"}", staff));
        created(api().post("/api/v1/welfare/accounts", "{\"kind\":\"UNION_FUND\",\"owner\":\"" + district + "\",\"label\":\"工会经费\"}", staff));
        created(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"settlement:" + district + "\",\"creditAccount\":\"fund:" + district
                + "\",\"amountFen\":1000000,\"code\":\"funding\"}", staff, "fund-" + district + "-" + run));
        return staff;
    }

    /** A campaign at the merchant (threshold and discount in fen, a day limit) with the member's coupon of 300 yuan. */
    private void campaignWithCoupon(String staff, String district, String id, int days, long thresholdFen, long discountFen, int perDay,
            String merchant, String memberId) {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        created(api().post("/api/v1/welfare/campaigns", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"tiersFen\":[30000],\"thresholdFen\":"
                + thresholdFen + ",\"discountFen\":" + discountFen + ",\"firstDay\":\"" + today + "\",\"lastDay\":\"" + today.plusDays(days)
                + "\",\"merchants\":[\"" + merchant + "\"],\"redemptionsPerDay\":" + perDay + "}", staff));
        created(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"fund:" + district + "\",\"creditAccount\":\"budget:" + id
                + "\",\"amountFen\":30000,\"code\":\"campaign-budget\"}", staff, "budget-" + id));
        assertThat(created(api().post("/api/v1/welfare/campaigns/" + id + "/grants", "{\"tierFen\":30000,\"members\":[\"" + memberId + "\"]}",
                staff, "grant-" + id)).path("status").asString()).isEqualTo("GRANTED");
    }

    /**
     * The coupon that ends sooner is tried first only when it takes something off the purchase: 80 yuan at a till where
     * the member holds 满100减10 (ending sooner) and 满50减10 gets the 10 off (it got nothing, and was refused).
     */
    @Test
    void aCouponThatGivesNothingOnThisPurchaseGivesWayToOneThatDoes() {
        String district = "370211";
        String run = UUID.randomUUID().toString().substring(0, 8);
        String staff = fundedDistrict(district, run);
        String merchant = created(api().post("/api/v1/merchants", "{\"name\":\"黄岛两券超市\",\"category\":\"超市\"}", staff)).path("id").asString();
        LinkedMember zhao = RegisterData.linkedMember(api(), district, "赵师傅");
        campaignWithCoupon(staff, district, "full100-" + run, 10, 10_000, 1_000, 0, merchant, zhao.memberId());
        campaignWithCoupon(staff, district, "full50-" + run, 30, 5_000, 1_000, 0, merchant, zhao.memberId());
        String card = activeCard(zhao, staff);
        JsonNode quote = ok(api().post("/api/v1/merchants/" + merchant + "/quotes", "{\"card\":\"" + card + "\",\"payCode\":\""
                + fresh(zhao, card) + "\",\"spendFen\":8000,\"campaignId\":\"\"}", till(merchant)));
        assertThat(quote.path("campaignId").asString()).isEqualTo("full50-" + run);
        assertThat(quote.path("discountFen").asLong()).isEqualTo(1_000);
        JsonNode held = created(api().post("/api/v1/merchants/" + merchant + "/redemptions", "{\"orderNo\":\"E80-" + run + "\",\"card\":\""
                + card + "\",\"payCode\":\"" + fresh(zhao, card) + "\",\"spendFen\":8000}", till(merchant)));
        assertThat(held.path("campaignId").asString()).isEqualTo("full50-" + run);
        // 120 yuan: both take 10 off, and the one ending sooner is used first.
        assertThat(ok(api().post("/api/v1/merchants/" + merchant + "/quotes", "{\"card\":\"" + card + "\",\"payCode\":\""
                + fresh(zhao, card) + "\",\"spendFen\":12000}", till(merchant))).path("campaignId").asString()).isEqualTo("full100-" + run);
    }

    /** A refused grant asked again decides again who is eligible: a member who left the union since is skipped, not paid. */
    @Test
    void aRefusedGrantAskedAgainSkipsAMemberWhoLeftMeanwhile() {
        String district = "370213";
        String run = UUID.randomUUID().toString().substring(0, 8);
        String staff = fundedDistrict(district, run);
        LinkedMember stays = RegisterData.linkedMember(api(), district, "留下的会员");
        LinkedMember leaves = RegisterData.linkedMember(api(), district, "离开的会员");
        String campaign = "again-" + run;
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String merchant = created(api().post("/api/v1/merchants", "{\"name\":\"李沧重试超市\",\"category\":\"超市\"}", staff)).path("id").asString();
        created(api().post("/api/v1/welfare/campaigns", "{\"id\":\"" + campaign + "\",\"name\":\"重试发券\",\"tiersFen\":[30000],\"thresholdFen\":"
                + "10000,\"discountFen\":2000,\"firstDay\":\"" + today + "\",\"lastDay\":\"" + today.plusDays(10) + "\",\"merchants\":[\""
                + merchant + "\"]}", staff));
        String grant = "{\"tierFen\":30000,\"members\":[\"" + stays.memberId() + "\",\"" + leaves.memberId() + "\"]}";
        assertProblem(api().post("/api/v1/welfare/campaigns/" + campaign + "/grants", grant, staff, "k-" + run), 409, "ledger-insufficient-funds");
        ok(api().post("/api/v1/members/" + leaves.memberId() + "/leaving", "{}", staff));
        created(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"fund:" + district + "\",\"creditAccount\":\"budget:" + campaign
                + "\",\"amountFen\":60000,\"code\":\"campaign-budget\"}", staff, "budget-" + campaign));
        JsonNode granted = created(api().post("/api/v1/welfare/campaigns/" + campaign + "/grants", grant, staff, "k-" + run));
        assertThat(granted.path("granted").asInt()).isEqualTo(1);
        assertThat(granted.path("skipped").toString()).contains(leaves.memberId(), "not-active");
        assertThat(ok(api().get("/api/v1/welfare/accounts/coupon:" + campaign + "." + leaves.memberId(), staff)).path("balanceFen").asLong())
                .as("opened at the first attempt, paid nothing").isZero();
        assertThat(ok(api().get("/api/v1/welfare/accounts/coupon:" + campaign + "." + stays.memberId(), staff)).path("balanceFen").asLong())
                .isEqualTo(30_000);
    }

    /**
     * An order the till never paid lapses after 5 minutes (the ledger hands the discount back): its place of the day comes
     * back with it when the member next pays, instead of "come back tomorrow" until someone reads that order.
     */
    @Test
    void anUnpaidOrderWhoseHoldLapsedGivesItsPlaceOfTheDayBack() {
        String district = "370214";
        String run = UUID.randomUUID().toString().substring(0, 8);
        String staff = fundedDistrict(district, run);
        String merchant = created(api().post("/api/v1/merchants", "{\"name\":\"城阳一日一券超市\",\"category\":\"超市\"}", staff)).path("id").asString();
        LinkedMember sun = RegisterData.linkedMember(api(), district, "孙师傅");
        campaignWithCoupon(staff, district, "once-" + run, 30, 10_000, 2_000, 1, merchant, sun.memberId());
        String card = activeCard(sun, staff);
        String order = "{\"orderNo\":\"%s\",\"card\":\"" + card + "\",\"payCode\":\"%s\",\"spendFen\":10000}";
        created(api().post("/api/v1/merchants/" + merchant + "/redemptions", order.formatted("U1-" + run, fresh(sun, card)), till(merchant)));
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/redemptions", order.formatted("U2-" + run, fresh(sun, card)), till(merchant)),
                409, "coupon-daily-limit");
        cn.unionhub.platform.clock.RehearsalClock rehearsal = (cn.unionhub.platform.clock.RehearsalClock) clock;
        rehearsal.setOffset(Duration.ofMinutes(6)); // the cashier walked away: U1's hold lapses unpaid
        try {
            String tillNow = till(merchant);
            assertThat(ok(api().post("/api/v1/merchants/" + merchant + "/quotes", "{\"card\":\"" + card + "\",\"payCode\":\""
                    + fresh(sun, card) + "\",\"spendFen\":10000}", tillNow)) // codes run on real time
                    .path("campaignId").asString()).isEqualTo("once-" + run);
            JsonNode again = created(api().post("/api/v1/merchants/" + merchant + "/redemptions", order.formatted("U3-" + run,
                    fresh(sun, card)), tillNow));
            assertThat(again.path("status").asString()).isEqualTo("HELD");
            assertThat(ok(api().get("/api/v1/merchants/" + merchant + "/redemptions/U1-" + run, tillNow)).path("status").asString())
                    .as("the lapsed order ended").isEqualTo("REJECTED");
        } finally {
            rehearsal.setOffset(Duration.ZERO);
        }
    }

    /**
     * The pay code's rules at the till: a new key retires the old one, five wrong codes lock the card's
     * key (the right code is then refused too), and a till that keeps guessing across cards is barred.
     */
    @Test
    void aTillGuessingPayCodesIsStopped() {
        String staff = laoshan();
        String merchant = created(api().post("/api/v1/merchants", "{\"name\":\"猜码的收银台\",\"category\":\"超市\"}", staff)).path("id").asString();
        String guesser = created(api().post("/api/v1/merchants", "{\"name\":\"另一家猜码的收银台\",\"category\":\"超市\"}", staff)).path("id").asString();
        LinkedMember li = RegisterData.linkedMember(api(), LAOSHAN, "李师傅");
        String card = activeCard(li, staff);
        String first = payKey(li, card);
        String key = payKey(li, card);
        String quote = "{\"card\":\"" + card + "\",\"payCode\":\"%s\",\"spendFen\":35000}";
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/quotes", quote.formatted(code(first)), till(merchant)), 403,
                "coupon-pay-code-wrong");
        // The right code gets past the code (this member has no coupon here) and clears the count: five wrong ones lock the key.
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/quotes", quote.formatted(code(key)), till(merchant)), 409,
                "coupon-none-usable-here");
        for (int i = 0; i < PayKey.MAX_FAILURES; i++) {
            assertProblem(api().post("/api/v1/merchants/" + merchant + "/quotes", quote.formatted(wrong(key)), till(merchant)), 403,
                    "coupon-pay-code-wrong");
        }
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/quotes", quote.formatted(code(key)), till(merchant)), 403,
                "coupon-pay-code-locked");

        // A till guessing one code each on many cards: the cards never lock, the till does.
        LinkedMember wang = RegisterData.linkedMember(api(), LAOSHAN, "王师傅");
        String other = activeCard(wang, staff);
        String wangKey = payKey(wang, other);
        String guess = "{\"card\":\"" + other + "\",\"payCode\":\"%s\",\"spendFen\":35000}";
        for (int i = 0; i < 20; i++) {
            String anyCard = "{\"card\":\"" + CardNumbers.compose(card.substring(0, CardNumbers.PREFIX_DIGITS), 90_000_000 + i)
                    + "\",\"payCode\":\"000000\",\"spendFen\":35000}";
            assertProblem(api().post("/api/v1/merchants/" + guesser + "/quotes", anyCard, till(guesser)), 403, "coupon-pay-code-wrong");
        }
        assertProblem(api().post("/api/v1/merchants/" + guesser + "/quotes", guess.formatted(code(wangKey)), till(guesser)), 403,
                "coupon-till-barred");
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/quotes", guess.formatted(code(wangKey)), till(merchant)), 409,
                "coupon-none-usable-here");
    }

    /**
     * Codes sent all at once get no more tries than codes sent one after another: each takes its try
     * before it is judged, so of sixteen parallel guesses five are judged (and wrong) and the rest are
     * refused unjudged — judged, any of them could have been the right one. Tries a stopped process
     * neither gave back nor locked are forgotten after a minute, so they cannot shut a card out for good.
     */
    @Test
    void guessesSentAllAtOnceGetNoMoreTriesThanGuessesInARow() throws Exception {
        String staff = laoshan();
        String merchant = created(api().post("/api/v1/merchants", "{\"name\":\"并发猜码的收银台\",\"category\":\"超市\"}", staff))
                .path("id").asString();
        LinkedMember zhao = RegisterData.linkedMember(api(), LAOSHAN, "赵师傅");
        String card = activeCard(zhao, staff);
        String key = payKey(zhao, card);
        String tillToken = till(merchant);
        String quote = "{\"card\":\"" + card + "\",\"payCode\":\"%s\",\"spendFen\":35000}";
        List<String> guesses = wrong(key, 16);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(guesses.size());
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (String guess : guesses) {
                answers.add(pool.submit(() -> {
                    start.await();
                    HttpResponse<String> answer = api().post("/api/v1/merchants/" + merchant + "/quotes", quote.formatted(guess), tillToken);
                    assertThat(answer.statusCode()).as(answer.body()).isIn(403, 409);
                    return JSON.readTree(answer.body()).path("type").asString().replace("https://unionhub.cn/problems/", "");
                }));
            }
            start.countDown();
            List<String> codes = new ArrayList<>();
            for (Future<String> answer : answers) {
                codes.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(codes.stream().filter("coupon-pay-code-wrong"::equals).count()).as(codes.toString()).isEqualTo(PayKey.MAX_FAILURES);
            // The others were refused unjudged: after the lock as locked, or while the five were being judged as busy.
            assertThat(codes.stream().filter(c -> c.equals("coupon-pay-code-locked") || c.equals("coupon-pay-code-busy")).count())
                    .as(codes.toString()).isEqualTo(guesses.size() - PayKey.MAX_FAILURES);
        } finally {
            pool.shutdownNow();
        }
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/quotes", quote.formatted(code(key)), tillToken), 403,
                "coupon-pay-code-locked");

        // A process stopped while judging five codes: all tries taken, no lock, nothing in flight.
        LinkedMember qian = RegisterData.linkedMember(api(), LAOSHAN, "钱师傅");
        String stuck = activeCard(qian, staff);
        String stuckKey = payKey(qian, stuck);
        String stuckQuote = "{\"card\":\"" + stuck + "\",\"payCode\":\"%s\",\"spendFen\":35000}";
        mongo.getCollection("card_pay_keys").updateOne(new org.bson.Document("_id", stuck), new org.bson.Document("$set",
                new org.bson.Document("failures", PayKey.MAX_FAILURES).append("triedAt", java.util.Date.from(Instant.now().minusSeconds(5)))));
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/quotes", stuckQuote.formatted(code(stuckKey)), tillToken), 409,
                "coupon-pay-code-busy");
        mongo.getCollection("card_pay_keys").updateOne(new org.bson.Document("_id", stuck), new org.bson.Document("$set",
                new org.bson.Document("triedAt", java.util.Date.from(Instant.now().minusSeconds(120)))));
        assertProblem(api().post("/api/v1/merchants/" + merchant + "/quotes", stuckQuote.formatted(code(stuckKey)), tillToken), 409,
                "coupon-none-usable-here");
    }

    /** The holder's pay key (base32), as the worker app keeps it. */
    /**
     * A grant whose service stopped after storing it and claiming one member's coupon is finished by its reminder: both
     * members paid once, and the claim does not keep the member from the grant (it kept them out of every later grant, unpaid).
     */
    @Test
    void aGrantStoppedWhileClaimingItsCouponsIsFinishedByItsReminder(@Autowired Grants grants, @Autowired Campaigns campaigns,
            @Autowired CampaignService service) {
        String staff = laoshan();
        String run = UUID.randomUUID().toString().substring(0, 8);
        // The district's accounts, made here or by another test first.
        api().post("/api/v1/welfare/accounts", "{\"kind\":\"SETTLEMENT\",\"owner\":\"" + LAOSHAN + "\",\"label\":\"银行存款\"}", staff);
        api().post("/api/v1/welfare/accounts", "{\"kind\":\"UNION_FUND\",\"owner\":\"" + LAOSHAN + "\",\"label\":\"工会经费\"}", staff);
        created(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"settlement:" + LAOSHAN + "\",\"creditAccount\":\"fund:" + LAOSHAN
                + "\",\"amountFen\":100000,\"code\":\"funding\"}", staff, "fund-" + run));
        String merchant = created(api().post("/api/v1/merchants", "{\"name\":\"崂山便民店\",\"category\":\"超市\"}", staff)).path("id").asString();
        String campaign = "laoshan-stopped-" + run;
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        created(api().post("/api/v1/welfare/campaigns", "{\"id\":\"" + campaign + "\",\"name\":\"冬季送温暖\",\"tiersFen\":[10000],"
                + "\"thresholdFen\":10000,\"discountFen\":2000,\"firstDay\":\"" + today + "\",\"lastDay\":\"" + today.plusDays(30)
                + "\",\"merchants\":[\"" + merchant + "\"]}", staff));
        created(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"fund:" + LAOSHAN + "\",\"creditAccount\":\"budget:" + campaign
                + "\",\"amountFen\":50000,\"code\":\"campaign-budget\"}", staff, "budget-" + run));
        List<String> members = List.of(RegisterData.linkedMember(api(), LAOSHAN, "环卫工甲").memberId(),
                RegisterData.linkedMember(api(), LAOSHAN, "环卫工乙").memberId());

        // What the service had done when it stopped: the grant stored, its reminder due, one member's coupon claimed.
        Grants.GrantDocument stopped = new Grants.GrantDocument();
        stopped.id = campaign + ":winter-" + run;
        stopped.campaignId = campaign;
        stopped.key = "winter-" + run;
        stopped.fingerprint = "as-requested";
        stopped.tierFen = 10_000;
        stopped.members = members;
        stopped.skipped = List.of();
        stopped.transferId = "stopped";
        stopped.status = "CLAIMING";
        stopped.createdAt = Instant.now();
        assertThat(grants.store().insert(stopped, Instant.now().minusSeconds(60))).isTrue();
        assertThat(campaigns.claimCoupons(campaign, stopped.id, List.of(members.get(0)))).containsExactly(members.get(0));

        service.sweepDue(); // the reminders' run
        JsonNode finished = ok(api().get("/api/v1/welfare/campaigns/" + campaign + "/grants/" + stopped.key, staff));
        assertThat(finished.path("status").asString()).isEqualTo("GRANTED");
        assertThat(finished.path("granted").asInt()).isEqualTo(2);
        for (String member : members) {
            assertThat(ok(api().get("/api/v1/welfare/accounts/coupon:" + campaign + "." + member, staff)).path("balanceFen").asLong())
                    .isEqualTo(10_000);
        }
        HttpResponse<String> again = api().post("/api/v1/welfare/campaigns/" + campaign + "/grants",
                "{\"tierFen\":10000,\"members\":" + JSON.writeValueAsString(members) + "}", staff, "again-" + run);
        assertProblem(again, 400, "ledger-invalid-request");
        assertThat(again.body()).contains("coupon-nobody-eligible");
        service.sweepDue();
        assertThat(ok(api().get("/api/v1/welfare/accounts/budget:" + campaign, staff)).path("balanceFen").asLong())
                .as("paid once").isEqualTo(30_000);
        assertThat(api().get("/api/v1/welfare/campaigns/" + campaign + "/grants/again-" + run, staff).statusCode())
                .as("a grant that came to nothing leaves no key behind").isEqualTo(404);
    }

    private String payKey(LinkedMember member, String card) {
        HttpResponse<String> answer = api().post("/api/v1/member-cards/" + card + "/pay-key", "{}", member.workerToken());
        JsonNode issued = created(answer);
        assertThat(answer.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(issued.path("digits").asInt()).isEqualTo(6);
        assertThat(issued.path("uri").asString()).startsWith("otpauth://totp/").doesNotContain(card);
        return issued.path("secret").asString();
    }

    /**
     * A code no order has used: each order needs its own, and the app's next code comes only with the
     * next 30 seconds, so the test gives the holder a new key (as on a new phone) and shows its code.
     */
    private String fresh(LinkedMember member, String card) {
        return code(payKey(member, card));
    }

    /** The code the worker app shows now. */
    private static String code(String key) {
        return PayCodeApp.code(key);
    }

    /** A code of this key that is wrong at any moment of the next minute. */
    private static String wrong(String key) {
        return wrong(key, 1).get(0);
    }

    /** {@code count} different codes of this key, each wrong at any moment of the next minute. */
    private static List<String> wrong(String key, int count) {
        Instant now = Instant.now();
        List<String> codes = new ArrayList<>();
        for (int guess = 0; codes.size() < count; guess++) {
            String candidate = String.format("%06d", guess);
            if (IntStream.rangeClosed(-2, 2).noneMatch(s -> PayCodeApp.codeAt(key, now.plusSeconds(30L * s)).equals(candidate))) {
                codes.add(candidate);
            }
        }
        return codes;
    }

    /** Issues the member's service card through the API and lets the worker activate it. */
    private String activeCard(LinkedMember member, String staff) {
        String number = created(api().post("/api/v1/member-cards", "{\"memberId\":\"" + member.memberId()
                + "\",\"cardType\":\"MEMBER_SERVICE_CARD\"}", staff)).path("number").asString();
        ok(api().post("/api/v1/member-cards/" + number + "/activation", "{}", member.workerToken()));
        return number;
    }
}
