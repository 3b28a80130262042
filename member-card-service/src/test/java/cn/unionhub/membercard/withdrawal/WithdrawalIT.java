package cn.unionhub.membercard.withdrawal;

import static cn.unionhub.membercard.Answers.assertProblem;
import static cn.unionhub.membercard.Answers.created;
import static cn.unionhub.membercard.Answers.ok;
import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.membercard.RegisterData;
import cn.unionhub.membercard.RegisterData.LinkedMember;
import cn.unionhub.security.Role;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * 提现: wages in a worker's welfare account go to the bank account of their own member card — asked once per key, the
 * wallet debited at once, cancellable until the clerk sends it to the bank, then paid or returned (money back) by the
 * bank's answer, booked by the worker's own district union only.
 */
@IntegrationTest
class WithdrawalIT {

    private static final String DISTRICT = "330212";

    @Value("${local.server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    private final String staff = TestTokens.token().subject("staff-" + DISTRICT).roles(Role.DISTRICT_UNION).district(DISTRICT).build();

    @Test
    void wagesLeaveTheWalletForTheWorkersOwnCardOnceAndComeBackWhenTheBankReturnsThem() {
        LinkedMember worker = RegisterData.linkedMember(api(), DISTRICT, "提现甲");
        String w = worker.workerToken();
        assertProblem(api().post("/api/v1/welfare/wallet/withdrawals", "{\"amountFen\":100}", w, "wd-none-" + worker.memberId()), 409,
                "withdrawal-no-usable-card");
        String card = activeCard(worker);
        assertProblem(api().post("/api/v1/welfare/wallet/withdrawals", "{\"amountFen\":100}", w, "wd-empty-" + worker.memberId()), 409,
                "withdrawal-nothing-to-withdraw");
        pay(worker, 50_000);
        assertProblem(api().post("/api/v1/welfare/wallet/withdrawals", "{\"amountFen\":100}", w), 400, "ledger-invalid-request");
        assertProblem(api().post("/api/v1/welfare/wallet/withdrawals", "{\"amountFen\":0.5}", w, "wd-half-" + worker.memberId()), 400,
                "ledger-invalid-request");
        // More than the wallet holds: refused, nothing moved.
        assertProblem(api().post("/api/v1/welfare/wallet/withdrawals", "{\"amountFen\":50001}", w, "wd-much-" + worker.memberId()), 409,
                "ledger-insufficient-funds");
        assertThat(available(w)).isEqualTo(50_000);

        // Asked twice at once under one key (a double tap): one withdrawal, one debit.
        String key = "wd-1-" + worker.memberId();
        List<CompletableFuture<JsonNode>> both = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            both.add(CompletableFuture.supplyAsync(() -> created(api().post("/api/v1/welfare/wallet/withdrawals", "{\"amountFen\":30000}",
                    w, key))));
        }
        JsonNode first = both.get(0).join();
        assertThat(both.get(1).join().path("id").asString()).isEqualTo(first.path("id").asString());
        String id = first.path("id").asString();
        assertThat(first.path("status").asString()).isEqualTo("REQUESTED");
        assertThat(first.path("card").asString()).as("the worker's own card, in full for them").isEqualTo(card);
        assertThat(first.path("memberId").isNull()).isTrue();
        assertThat(available(w)).isEqualTo(20_000);
        assertProblem(api().post("/api/v1/welfare/wallet/withdrawals", "{\"amountFen\":20000}", w, key), 409, "request-key-reused");

        // The clerk's queue: the district's open withdrawals, with the name the bank checks; another district sees none of it.
        JsonNode queue = ok(api().get("/api/v1/welfare/withdrawals", staff));
        JsonNode listed = find(queue, id);
        assertThat(listed.path("name").asString()).isEqualTo("提现甲");
        assertThat(listed.path("card").asString()).isEqualTo(card);
        String elsewhere = TestTokens.token().subject("staff-330203").roles(Role.DISTRICT_UNION).district("330203").build();
        assertThat(find(ok(api().get("/api/v1/welfare/withdrawals", elsewhere)), id)).isNull();
        assertProblem(api().get("/api/v1/welfare/withdrawals/" + id, elsewhere), 404, "withdrawal-not-found");
        assertProblem(api().post("/api/v1/welfare/withdrawals/" + id + "/sending", "{}", elsewhere), 404, "withdrawal-not-found");
        // 宁波's city union reads it (card masked) and books nothing.
        String city = TestTokens.token().subject("staff-ningbo-city").roles(Role.DISTRICT_UNION).district("330200")
                .organisation("CITY_UNION").build();
        assertProblem(api().get("/api/v1/welfare/withdrawals", city), 400, "ledger-invalid-request"); // which district?
        JsonNode overseen = find(ok(api().get("/api/v1/welfare/withdrawals?district=" + DISTRICT, city)), id);
        assertThat(overseen.path("card").asString()).isNotEqualTo(card).contains("*");
        assertProblem(api().post("/api/v1/welfare/withdrawals/" + id + "/sending", "{}", city), 403, "withdrawal-district-books-it");

        // In the bank's file the worker can no longer take it back; the bank returns it and the money is back.
        assertThat(ok(api().post("/api/v1/welfare/withdrawals/" + id + "/sending", "{}", staff)).path("status").asString()).isEqualTo("SENT");
        assertProblem(api().post("/api/v1/welfare/wallet/withdrawals/" + id + "/cancellation", "{}", w), 409, "withdrawal-not-open");
        assertProblem(api().post("/api/v1/welfare/withdrawals/" + id + "/return", "{\"note\":\" \"}", staff), 400, "ledger-invalid-request");
        JsonNode returned = ok(api().post("/api/v1/welfare/withdrawals/" + id + "/return", "{\"note\":\"账户名不符\"}", staff));
        assertThat(returned.path("status").asString()).isEqualTo("RETURNED");
        assertThat(ok(api().post("/api/v1/welfare/withdrawals/" + id + "/return", "{\"note\":\"账户名不符\"}", staff)))
                .as("booked again").isEqualTo(returned);
        assertThat(available(w)).isEqualTo(50_000);
        assertProblem(api().post("/api/v1/welfare/withdrawals/" + id + "/payment", "{\"bankReference\":\"B1\"}", staff), 409,
                "withdrawal-not-open");
        assertThat(find(ok(api().get("/api/v1/welfare/withdrawals", staff)), id)).as("out of the queue").isNull();

        // A second one, cancelled by the worker before it is sent: the money is back.
        JsonNode second = created(api().post("/api/v1/welfare/wallet/withdrawals", "{\"amountFen\":10000}", w, "wd-2-" + worker.memberId()));
        JsonNode cancelled = ok(api().post("/api/v1/welfare/wallet/withdrawals/" + second.path("id").asString() + "/cancellation", "{}", w));
        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(available(w)).isEqualTo(50_000);
        assertProblem(api().post("/api/v1/welfare/withdrawals/" + second.path("id").asString() + "/sending", "{}", staff), 409,
                "withdrawal-not-open");

        // A third, paid by the bank: the reference is kept, the money stays out.
        String third = created(api().post("/api/v1/welfare/wallet/withdrawals", "{\"amountFen\":45000}", w, "wd-3-" + worker.memberId()))
                .path("id").asString();
        assertProblem(api().post("/api/v1/welfare/withdrawals/" + third + "/payment", "{\"bankReference\":\"CCB-1\"}", staff), 409,
                "withdrawal-not-open"); // paid is the bank's answer to what was sent: not before
        ok(api().post("/api/v1/welfare/withdrawals/" + third + "/sending", "{}", staff));
        assertProblem(api().post("/api/v1/welfare/withdrawals/" + third + "/payment", "{\"bankReference\":\"银行\"}", staff), 400,
                "ledger-invalid-request");
        JsonNode paid = ok(api().post("/api/v1/welfare/withdrawals/" + third + "/payment", "{\"bankReference\":\"CCB-20261204-0001\"}", staff));
        assertThat(paid.path("status").asString()).isEqualTo("PAID");
        assertProblem(api().post("/api/v1/welfare/withdrawals/" + third + "/payment", "{\"bankReference\":\"CCB-20261204-0002\"}", staff),
                409, "withdrawal-paid-other-reference");
        assertThat(available(w)).isEqualTo(5_000);
        assertThat(ok(api().get("/api/v1/welfare/wallet/withdrawals", w)).size()).isEqualTo(3);
        assertThat(ok(api().get("/api/v1/welfare/wallet/withdrawals", w)).get(0).path("id").asString()).isEqualTo(third);

        // Another worker neither sees nor cancels it.
        LinkedMember other = RegisterData.linkedMember(api(), DISTRICT, "提现乙");
        assertProblem(api().get("/api/v1/welfare/withdrawals/" + third, other.workerToken()), 404, "withdrawal-not-found");
        assertProblem(api().post("/api/v1/welfare/wallet/withdrawals/" + third + "/cancellation", "{}", other.workerToken()), 404,
                "withdrawal-not-found");
    }

    @Test
    void aCardStoppedAfterTheRequestIsNotSentToTheBank() {
        LinkedMember worker = RegisterData.linkedMember(api(), DISTRICT, "提现丙");
        String card = activeCard(worker);
        pay(worker, 8_000);
        String id = created(api().post("/api/v1/welfare/wallet/withdrawals", "{\"amountFen\":8000}", worker.workerToken(),
                "wd-lost-" + worker.memberId())).path("id").asString();
        ok(api().post("/api/v1/member-cards/" + card + "/loss-report", "{\"reason\":\"丢失\"}", worker.workerToken()));
        assertProblem(api().post("/api/v1/welfare/withdrawals/" + id + "/sending", "{}", staff), 409, "withdrawal-card-stopped");
        ok(api().post("/api/v1/welfare/withdrawals/" + id + "/return", "{\"note\":\"卡已挂失\"}", staff));
        assertThat(available(worker.workerToken())).isEqualTo(8_000);
    }

    /** Two answers of the bank booked at once with different references: one is booked, the other told it was not. */
    @Test
    void twoPaymentsBookedAtOnceWithDifferentReferencesAreNotBothTold() {
        LinkedMember worker = RegisterData.linkedMember(api(), DISTRICT, "提现丁");
        activeCard(worker);
        pay(worker, 5_000);
        String id = created(api().post("/api/v1/welfare/wallet/withdrawals", "{\"amountFen\":5000}", worker.workerToken(),
                "wd-race-" + worker.memberId())).path("id").asString();
        ok(api().post("/api/v1/welfare/withdrawals/" + id + "/sending", "{}", staff));
        List<CompletableFuture<Integer>> both = new ArrayList<>();
        for (String ref : List.of("ICBC-A", "ICBC-B")) {
            both.add(CompletableFuture.supplyAsync(() -> api().post("/api/v1/welfare/withdrawals/" + id + "/payment",
                    "{\"bankReference\":\"" + ref + "\"}", staff).statusCode()));
        }
        assertThat(both.stream().map(CompletableFuture::join).toList()).containsExactlyInAnyOrder(200, 409);
        assertThat(available(worker.workerToken())).isZero();
    }

    /**
     * A worker with no card to pay to (here: never issued one; in life, one who left and lost theirs): the district's clerk
     * enters the payout, checked in person, and another person of the office sends it to the bank.
     */
    @Test
    void aPayoutWithoutACardIsEnteredByOneClerkAndSentByAnother() {
        LinkedMember worker = RegisterData.linkedMember(api(), DISTRICT, "提现戊");
        pay(worker, 30_000);
        assertProblem(api().post("/api/v1/welfare/wallet/withdrawals", "{\"amountFen\":100}", worker.workerToken(),
                "wd-nocard-" + worker.memberId()), 409, "withdrawal-no-usable-card");
        String body = "{\"memberId\":\"" + worker.memberId() + "\",\"amountFen\":30000,\"payee\":\"本人工商银行账户 6222 0000 1234，已核验身份证\"}";
        assertProblem(api().post("/api/v1/welfare/withdrawals", body.replace("本人工商银行账户 6222 0000 1234，已核验身份证", "卡"), staff,
                "wd-off-short-" + worker.memberId()), 400, "ledger-invalid-request");
        String elsewhere = TestTokens.token().subject("staff-330203").roles(Role.DISTRICT_UNION).district("330203").build();
        assertProblem(api().post("/api/v1/welfare/withdrawals", body, elsewhere, "wd-off-x-" + worker.memberId()), 404,
                "withdrawal-member-not-found");
        JsonNode entered = created(api().post("/api/v1/welfare/withdrawals", body, staff, "wd-off-" + worker.memberId()));
        assertThat(entered.path("status").asString()).isEqualTo("REQUESTED");
        assertThat(entered.path("card").isNull()).isTrue();
        assertThat(entered.path("payee").asString()).contains("工商银行");
        assertThat(available(worker.workerToken())).isZero();
        String id = entered.path("id").asString();
        assertProblem(api().post("/api/v1/welfare/withdrawals/" + id + "/sending", "{}", staff), 403, "withdrawal-second-clerk");
        String colleague = TestTokens.token().subject("staff2-" + DISTRICT).roles(Role.DISTRICT_UNION).district(DISTRICT).build();
        assertThat(ok(api().post("/api/v1/welfare/withdrawals/" + id + "/sending", "{}", colleague)).path("status").asString())
                .isEqualTo("SENT");
        assertThat(ok(api().post("/api/v1/welfare/withdrawals/" + id + "/payment", "{\"bankReference\":\"ICBC-OFF-1\"}", staff))
                .path("status").asString()).isEqualTo("PAID");
        assertThat(ok(api().get("/api/v1/welfare/wallet/withdrawals", worker.workerToken())).get(0).path("id").asString()).isEqualTo(id);

        // A member with a card to pay to asks themselves.
        LinkedMember carded = RegisterData.linkedMember(api(), DISTRICT, "提现己");
        activeCard(carded);
        pay(carded, 1_000);
        assertProblem(api().post("/api/v1/welfare/withdrawals", body.replace(worker.memberId(), carded.memberId()).replace("30000", "1000"),
                staff, "wd-off-carded-" + carded.memberId()), 409, "withdrawal-member-has-card");
    }

    private String activeCard(LinkedMember worker) {
        String number = created(api().post("/api/v1/member-cards", "{\"memberId\":\"" + worker.memberId()
                + "\",\"cardType\":\"MEMBER_SERVICE_CARD\"}", staff)).path("number").asString();
        ok(api().post("/api/v1/member-cards/" + number + "/activation", "{}", worker.workerToken()));
        return number;
    }

    private void pay(LinkedMember worker, long fen) {
        api().post("/api/v1/welfare/accounts", "{\"kind\":\"SETTLEMENT\",\"owner\":\"" + DISTRICT + "\",\"label\":\"银行存款\"}", staff);
        api().post("/api/v1/welfare/accounts", "{\"kind\":\"UNION_FUND\",\"owner\":\"" + DISTRICT + "\",\"label\":\"工会经费\"}", staff);
        created(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"settlement:" + DISTRICT + "\",\"creditAccount\":\"fund:"
                + DISTRICT + "\",\"amountFen\":" + fen + ",\"code\":\"funding\"}", staff, "wd-fund-" + worker.memberId()));
        created(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"fund:" + DISTRICT + "\",\"creditAccount\":\"wallet:"
                + worker.memberId() + "\",\"amountFen\":" + fen + ",\"code\":\"grant\"}", staff, "wd-grant-" + worker.memberId()));
    }

    private long available(String worker) {
        return ok(api().get("/api/v1/welfare/wallet", worker)).path("availableFen").asLong();
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode n : list) {
            if (n.path("id").asString().equals(id)) {
                return n;
            }
        }
        return null;
    }
}
