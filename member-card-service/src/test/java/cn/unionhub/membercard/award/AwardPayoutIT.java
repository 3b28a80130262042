package cn.unionhub.membercard.award;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.events.contest.AwardGranted;
import cn.unionhub.events.contest.ContestPublished;
import cn.unionhub.membercard.RegisterData;
import cn.unionhub.membercard.RegisterData.LinkedMember;
import cn.unionhub.membercard.member.MemberService;
import cn.unionhub.security.Role;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.TestEvents;
import cn.unionhub.test.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contest prize money from contest.events (real broker) into the winner's wallet, out of the fund of
 * the contest's region, once: a fund that cannot cover it makes the award wait and a later attempt
 * pays; a redelivered award pays nothing more; a winner not in the register waits.
 */
@IntegrationTest
class AwardPayoutIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COUNTY = "330281";

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    MemberService members;
    @Autowired
    AwardPayments payments;
    @Value("${local.server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    private void publish(Object event) {
        kafka.send(TestEvents.record((cn.unionhub.events.DomainEvent) event, UUID.randomUUID().toString())).join();
    }

    private JsonNode payout(String awardId, String token) {
        HttpResponse<String> r = api().get("/api/v1/welfare/award-payouts/" + awardId, token);
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.readTree("{\"status\":\"" + r.statusCode() + "\"}");
    }

    @Test
    void aPrizeIsPaidOnceIntoTheWinnersWalletFromTheRegionsFundWhenItCovers() {
        String office = TestTokens.token().subject("office-" + COUNTY).roles(Role.DISTRICT_UNION).district(COUNTY).build();
        api().post("/api/v1/welfare/accounts", "{\"kind\":\"SETTLEMENT\",\"owner\":\"" + COUNTY + "\",\"label\":\"银行存款\"}", office);
        api().post("/api/v1/welfare/accounts", "{\"kind\":\"UNION_FUND\",\"owner\":\"" + COUNTY + "\",\"label\":\"工会经费\"}", office);
        LinkedMember welder = RegisterData.linkedMember(api(), COUNTY, "周焊工");
        String contest = "JS-" + UUID.randomUUID().toString().substring(0, 8);
        String award = contest + "-A1";
        Instant now = Instant.now();
        publish(new ContestPublished(contest, "余姚市焊工技能竞赛", "COUNTY", COUNTY, 2026, List.of(contest + "-E1"), null, now));
        AwardGranted granted = new AwardGranted(award, contest + "-E1", contest, contest + "-R1", members.idHash(welder.idNumber()),
                "1st", "PRIZE", "一等奖", 1, 50_000, now);
        publish(granted);

        // The county's fund has nothing yet: the prize waits, nothing moves.
        await().atMost(Duration.ofSeconds(30)).until(() -> "UNFUNDED".equals(payout(award, office).path("status").asString()));
        assertThat(JSON.readTree(api().get("/api/v1/welfare/wallet", welder.workerToken()).body()).path("balanceFen").asLong()).isZero();
        String other = TestTokens.token().subject("office-x").roles(Role.DISTRICT_UNION).district("330282").build();
        assertThat(payout(award, other).path("status").asString()).as("another district's union").isEqualTo("404");

        // The office funds its account; the next attempt (hourly, run now) pays — once, however often the award comes.
        assertThat(api().post("/api/v1/welfare/transfers", "{\"debitAccount\":\"settlement:" + COUNTY + "\",\"creditAccount\":\"fund:"
                + COUNTY + "\",\"amountFen\":200000,\"code\":\"funding\"}", office, "prize-fund-" + contest).statusCode()).isEqualTo(201);
        payments.pay(award);
        JsonNode paid = payout(award, office);
        assertThat(paid.path("status").asString()).isEqualTo("PAID");
        assertThat(paid.path("memberId").asString()).isEqualTo(welder.memberId());
        publish(granted);
        payments.pay(award);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(JSON.readTree(api().get("/api/v1/welfare/wallet",
                welder.workerToken()).body()).path("balanceFen").asLong()).isEqualTo(50_000));
        assertThat(JSON.readTree(api().get("/api/v1/welfare/accounts/fund:" + COUNTY, office).body()).path("balanceFen").asLong())
                .isEqualTo(150_000);

        // A winner the register does not know waits for them to enrol.
        String stranger = contest + "-A2";
        publish(new AwardGranted(stranger, contest + "-E1", contest, contest + "-R2", members.idHash(RegisterData.freshResidentId()),
                "2nd", "PRIZE", "二等奖", 2, 30_000, now));
        await().atMost(Duration.ofSeconds(30)).until(() -> "MEMBER_UNKNOWN".equals(payout(stranger, office).path("status").asString()));
        assertThat(JSON.readTree(api().get("/api/v1/welfare/accounts/fund:" + COUNTY, office).body()).path("balanceFen").asLong())
                .isEqualTo(150_000);
    }
}
