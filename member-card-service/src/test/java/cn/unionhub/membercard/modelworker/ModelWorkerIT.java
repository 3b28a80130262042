package cn.unionhub.membercard.modelworker;

import static cn.unionhub.membercard.Answers.assertProblem;
import static cn.unionhub.membercard.Answers.created;
import static cn.unionhub.membercard.Answers.ok;
import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.membercard.RegisterData;
import cn.unionhub.membercard.RegisterData.LinkedMember;
import cn.unionhub.security.Role;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * 劳模卡 through the API: the district union registers a model worker, the card is issued to them
 * only, the transport operator's system learns at the gate only whether the half fare applies, and
 * the yearly grant pays every model worker of the district once.
 */
@IntegrationTest
class ModelWorkerIT {

    private static final String DISTRICT = "360102";

    @Value("${local.server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    @Test
    void aRegisteredModelWorkerGetsTheCardTheHalfFareAndTheYearlyGrant() {
        String staff = TestTokens.token().subject("staff-" + DISTRICT).roles(Role.DISTRICT_UNION).district(DISTRICT).build();
        LinkedMember model = RegisterData.linkedMember(api(), DISTRICT, "劳模李");
        LinkedMember ordinary = RegisterData.linkedMember(api(), DISTRICT, "职工王");

        assertProblem(api().post("/api/v1/member-cards", card(model.memberId()), staff), 409, "card-not-eligible");
        String register = "{\"memberId\":\"" + model.memberId() + "\",\"honour\":\"PROVINCIAL\",\"year\":2021}";
        JsonNode registered = created(api().post("/api/v1/welfare/model-workers", register, staff));
        assertThat(registered.path("honour").asString()).isEqualTo("PROVINCIAL");
        assertThat(created(api().post("/api/v1/welfare/model-workers", register, staff))).as("registering again").isEqualTo(registered);
        assertProblem(api().post("/api/v1/welfare/model-workers", register.replace("2021", "2019"), staff), 409, "model-worker-registered");
        String elsewhere = TestTokens.token().subject("staff-x").roles(Role.DISTRICT_UNION).district("360103").build();
        assertProblem(api().post("/api/v1/welfare/model-workers", register, elsewhere), 404, "member-not-found");
        assertProblem(api().post("/api/v1/welfare/model-workers", register.replace("PROVINCIAL", "GOLD"), staff), 400, "ledger-invalid-request");
        // A lower honour is refused; a higher one, conferred later, replaces it (it was 409 for ever). The worker sees their own.
        assertProblem(api().post("/api/v1/welfare/model-workers", register.replace("PROVINCIAL", "CITY"), staff), 409,
                "model-worker-registered");
        assertThat(created(api().post("/api/v1/welfare/model-workers", register.replace("PROVINCIAL", "NATIONAL").replace("2021", "2025"),
                staff)).path("honour").asString()).isEqualTo("NATIONAL");
        JsonNode mine = ok(api().get("/api/v1/welfare/model-workers/mine", model.workerToken()));
        assertThat(mine.path("honour").asString()).isEqualTo("NATIONAL");
        assertThat(mine.path("year").asInt()).isEqualTo(2025);
        assertProblem(api().get("/api/v1/welfare/model-workers/mine", ordinary.workerToken()), 404, "model-worker-not-mine");

        String number = created(api().post("/api/v1/member-cards", card(model.memberId()), staff)).path("number").asString();
        String transport = People.METRO_FARES.token();
        assertThat(ok(api().get("/api/v1/welfare/transport-fares?card=" + number, transport)).path("eligible").asBoolean())
                .as("not yet activated").isFalse();
        ok(api().post("/api/v1/member-cards/" + number + "/activation", "{}", model.workerToken()));
        JsonNode fare = ok(api().get("/api/v1/welfare/transport-fares?card=" + number, transport));
        assertThat(fare.path("eligible").asBoolean()).isTrue();
        assertThat(fare.path("discountPercent").asInt()).isEqualTo(50);
        assertThat(fare.toString()).doesNotContain(model.memberId(), "劳模李");
        // An operator serves its city (its client's district claim): another city's gate hears what any other card says.
        String elsewhereGate = TestTokens.token().subject("transport-elsewhere").roles(Role.FARE_SYSTEM).organisation("TRANSPORT:elsewhere")
                .district(DISTRICT.startsWith("33") ? "370200" : "330200").build();
        JsonNode foreign = ok(api().get("/api/v1/welfare/transport-fares?card=" + number, elsewhereGate));
        assertThat(foreign.path("eligible").asBoolean()).isFalse();
        assertThat(foreign.path("reason").asString()).isEqualTo("not-a-model-worker-card");
        String ownGate = TestTokens.token().subject("transport-own").roles(Role.FARE_SYSTEM).organisation("TRANSPORT:own")
                .district(DISTRICT.substring(0, 4) + "00").build();
        assertThat(ok(api().get("/api/v1/welfare/transport-fares?card=" + number, ownGate)).path("eligible").asBoolean()).isTrue();
        String plain = created(api().post("/api/v1/member-cards", card(ordinary.memberId(), "MEMBER_SERVICE_CARD"), staff)).path("number").asString();
        assertThat(ok(api().get("/api/v1/welfare/transport-fares?card=" + plain, transport)).path("eligible").asBoolean()).isFalse();
        assertThat(api().get("/api/v1/welfare/transport-fares?card=" + number, ordinary.workerToken()).statusCode()).isEqualTo(403);
        // The fare system asks about fares and nothing else: the register, cards and members are not its to read.
        assertThat(api().get("/api/v1/member-cards/" + number, transport).statusCode()).isEqualTo(403);
        assertThat(api().get("/api/v1/members/" + model.memberId(), transport).statusCode()).isEqualTo(403);
        assertThat(api().get("/api/v1/welfare/hardship/certificates/TK0000000000", transport).statusCode()).isEqualTo(403);

        created(api().post("/api/v1/welfare/accounts", "{\"kind\":\"SETTLEMENT\",\"owner\":\"" + DISTRICT + "\",\"label\":\"银行存款\"}", staff));
        created(api().post("/api/v1/welfare/accounts", "{\"kind\":\"UNION_FUND\",\"owner\":\"" + DISTRICT + "\",\"label\":\"工会经费\"}", staff));
        // Asked before the fund is topped up, the grant is refused and moves nothing; asked again after, it is paid
        // (the refusal did not keep the year's key for ever: the clerk cannot choose another).
        assertProblem(api().post("/api/v1/welfare/model-workers/grants", "{\"year\":2026,\"amountFen\":100000}", staff), 409,
                "ledger-insufficient-funds");
        created(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"settlement:" + DISTRICT + "\",\"creditAccount\":\"fund:"
                + DISTRICT + "\",\"amountFen\":500000,\"code\":\"funding\"}", staff, "mw-fund-" + model.memberId()));
        JsonNode grant = created(api().post("/api/v1/welfare/model-workers/grants", "{\"year\":2026,\"amountFen\":100000}", staff));
        assertThat(grant.path("status").asString()).isEqualTo("POSTED");
        assertThat(grant.path("workers").asInt()).isEqualTo(1);
        assertThat(created(api().post("/api/v1/welfare/model-workers/grants", "{\"year\":2026,\"amountFen\":100000}", staff)))
                .as("the year's grant again").isEqualTo(grant);
        assertProblem(api().post("/api/v1/welfare/model-workers/grants", "{\"year\":2026,\"amountFen\":120000}", staff), 409,
                "model-worker-grant-other-amount");
        assertThat(ok(api().get("/api/v1/welfare/wallet", model.workerToken())).path("balanceFen").asLong()).isEqualTo(100_000);
        assertThat(ok(api().get("/api/v1/welfare/wallet", ordinary.workerToken())).path("balanceFen").asLong()).isZero();

        // A model worker registered after the year's grant is paid by asking again: a supplement for them alone (the
        // year's key had refused any other set of workers, so they could never be paid).
        created(api().post("/api/v1/welfare/model-workers", "{\"memberId\":\"" + ordinary.memberId()
                + "\",\"honour\":\"CITY\",\"year\":2026}", staff));
        JsonNode supplement = created(api().post("/api/v1/welfare/model-workers/grants", "{\"year\":2026,\"amountFen\":100000}", staff));
        assertThat(supplement.path("supplement").asBoolean()).isTrue();
        assertThat(supplement.path("status").asString()).isEqualTo("POSTED");
        assertThat(supplement.path("workers").asInt()).isEqualTo(1);
        assertThat(supplement.path("transferId").asString()).isNotEqualTo(grant.path("transferId").asString());
        assertThat(created(api().post("/api/v1/welfare/model-workers/grants", "{\"year\":2026,\"amountFen\":100000}", staff)))
                .as("asked again: nobody left unpaid, nobody paid twice").isEqualTo(supplement);
        assertThat(ok(api().get("/api/v1/welfare/wallet", model.workerToken())).path("balanceFen").asLong()).isEqualTo(100_000);
        assertThat(ok(api().get("/api/v1/welfare/wallet", ordinary.workerToken())).path("balanceFen").asLong()).isEqualTo(100_000);
        ok(api().post("/api/v1/members/" + ordinary.memberId() + "/leaving", "{\"reason\":\"调离\"}", staff));

        // Leaving the union ends what the membership gives: the half fare at the gate and the next year's grant.
        ok(api().post("/api/v1/members/" + model.memberId() + "/leaving", "{\"reason\":\"退会\"}", staff));
        JsonNode after = ok(api().get("/api/v1/welfare/transport-fares?card=" + number, transport));
        assertThat(after.path("eligible").asBoolean()).isFalse();
        assertThat(after.path("reason").asString()).isEqualTo("membership-ended");
        assertThat(api().post("/api/v1/welfare/model-workers/grants", "{\"year\":2027,\"amountFen\":100000}", staff).statusCode())
                .as("no model worker left to pay").isEqualTo(400);
        assertThat(ok(api().get("/api/v1/welfare/wallet", model.workerToken())).path("balanceFen").asLong()).isEqualTo(100_000);
    }

    private static String card(String memberId) {
        return card(memberId, "MODEL_WORKER_CARD");
    }

    private static String card(String memberId, String type) {
        return "{\"memberId\":\"" + memberId + "\",\"cardType\":\"" + type + "\"}";
    }
}
