package cn.unionhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue #15 through the gateway: 镇海区's welding contest feeding 宁波's city contest; 30 welders of
 * three enterprises entered by their unions; three judges on the judged aspect, one of them refused
 * for a competitor of his own enterprise; the ranking; the public notice read without signing in; a
 * named objection upheld, the score corrected on the ledger, the ranking changed and noticed again;
 * final refused while the notice is open. Then contest-service's clock runs 30 days ahead (the
 * notice lasts working days): the results are final, the top ten are in the city contest, the first
 * prize is paid by member-card-service into the winner's wallet, and her certificate verifies
 * publicly.
 */
@Order(3) // shared platform (see PlatformTest)
class ContestE2EIT extends PlatformTest {

    private static final String[] UNIONS = {"chair-zh-02", "chair-zh-03", "chair-zh-04"};
    private static final String[] ENTERPRISES = {"91330211MAEUHUXQEB", "91330211MAEGUJ65R7", "91330211MAGFLKR53R"};
    private static final String[] NAMES = {"镇海石化设备制造", "镇海港埠装卸", "蛟川精密机械"};

    @Test
    void aCountyWeldingContestIsScoredRankedNoticedAndCorrectedThroughTheGateway() throws Exception {
        String city = platform.demoToken("staff-ningbo-city");
        String county = platform.demoToken("staff-chen-jing");
        Instant closes = Instant.now().plus(Duration.ofDays(3));

        JsonNode cityContest = ok(post("/api/v1/contests", city, contest("2026年宁波市职工职业技能大赛", "CITY", "330200", Instant.now().plus(Duration.ofDays(90)), "")), 201);
        String advancement = ",\"advancement\":{\"contestId\":\"" + cityContest.path("id").asString()
                + "\",\"quota\":10,\"tieRule\":\"INCLUDE_TIED\"}";
        assertThat(post("/api/v1/contests", platform.demoToken("staff-xiamen-siming"),
                contest("2026年镇海区职工职业技能大赛", "COUNTY", "330211", closes, advancement)).statusCode())
                .as("another district's office does not run 镇海's contest").isEqualTo(403);
        JsonNode countyContest = ok(post("/api/v1/contests", county,
                contest("2026年镇海区职工职业技能大赛", "COUNTY", "330211", closes, advancement)), 201);
        // A first prize of 5,000 yuan besides the 十百千 titles; 镇海区's union funds it.
        ok(put("/api/v1/contests/" + countyContest.path("id").asString() + "/award-scheme", county, """
                {"name":"镇海区焊工决赛奖励","rules":[
                  {"code":"first-prize","kind":"PRIZE","title":"一等奖","firstPlace":1,"lastPlace":1,"tieRule":"INCLUDE_TIED","prizeFen":500000},
                  {"code":"finisher","kind":"CERTIFICATE","title":"获奖证书","firstPlace":1,"tieRule":"INCLUDE_TIED"}]}"""), 200);
        ok(post("/api/v1/contests/" + cityContest.path("id").asString() + "/publication", city, "{}"), 200);
        ok(post("/api/v1/contests/" + countyContest.path("id").asString() + "/publication", county, "{}"), 200);
        String event = "/api/v1/contests/events/" + countyContest.path("events").get(0).path("id").asString();

        // Thirty welders, ten from each enterprise, members of their enterprise's union in the register (an
        // enterprise union enters only its own members: contest-service checks its copy of the register).
        List<String> members = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            String union = ok(post("/api/v1/registry/unions", county, """
                    {"kind":"GRASSROOTS_UNION","name":"宁波%s有限公司工会","enterprise":"%s"}""".formatted(NAMES[e], ENTERPRISES[e])), 200)
                    .path("id").asString();
            for (int i = 10 * e; i < 10 * e + 10; i++) {
                members.add(ok(post("/api/v1/members", county, """
                        {"union":"%s","name":"焊工%02d","idNumber":"%s","mobile":"137000011%02d"}"""
                        .formatted(union, i + 1, residentId("330211199001", 100 + i, i), i)), 201).path("memberId").asString());
            }
        }
        // Entered by their own union (once the register's events reached contest-service) and approved by the office.
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String union = platform.demoToken(UNIONS[i / 10]);
            String form = """
                    {"idNumber":"%s","name":"焊工%02d","employment":"EMPLOYEE","enterprise":"%s","enterpriseName":"%s"}"""
                    .formatted(residentId("330211199001", 100 + i, i), i + 1, ENTERPRISES[i / 10], NAMES[i / 10]);
            HttpResponse<String> entered = await().atMost(Duration.ofSeconds(30)).until(() -> post(event + "/registrations", union, form),
                    answer -> answer.statusCode() != 403);
            String id = ok(entered, 201).path("id").asString();
            ok(post("/api/v1/contests/registrations/" + id + "/approval", county, "{}"), 200);
            entries.add(id);
        }

        // Judges: the chief scores theory and time; A1 is measured; A2 is judged by three.
        for (String form : List.of("{\"account\":\"judge-chief-he\",\"name\":\"何建国\",\"chief\":true}",
                "{\"account\":\"judge-teacher-xu\",\"name\":\"徐敏\"}", "{\"account\":\"judge-college-ma\",\"name\":\"马立新\"}",
                "{\"account\":\"judge-zh-shihua\",\"name\":\"钱伟\",\"enterprise\":\"" + ENTERPRISES[0] + "\"}")) {
            ok(post(event + "/judges", county, form), 200);
        }
        String chief = platform.demoToken("judge-chief-he");
        String teacher = platform.demoToken("judge-teacher-xu");
        String college = platform.demoToken("judge-college-ma");
        String shihua = platform.demoToken("judge-zh-shihua");
        assertThat(score(event, shihua, entries.get(0), "ASPECT", "A2", "55.00").statusCode())
                .as("a judge never scores a competitor of their own enterprise").isEqualTo(403);

        // Welder i scores theory 60+i, A1 5+i (of 40), A2 20+i (of 60): the last entered ranks first.
        for (int i = 0; i < 30; i++) {
            String entry = entries.get(i);
            ok(score(event, chief, entry, "THEORY", null, (60 + i) + ".00"), 201);
            ok(score(event, chief, entry, "TIME_USED", null, "5400"), 201);
            ok(score(event, teacher, entry, "ASPECT", "A1", (5 + i) + ".00"), 201);
            for (String judge : List.of(chief, teacher, college)) {
                ok(score(event, judge, entry, "ASPECT", "A2", (20 + i) + ".00"), 201);
            }
        }
        JsonNode ranking = ok(platform.get(platform.gateway(event + "/ranking"), "Authorization", "Bearer " + county), 200);
        assertThat(ranking.path("ranked")).hasSize(30);
        assertThat(ranking.path("ranked").get(0).path("registrationId").asString()).isEqualTo(entries.get(29));
        assertThat(ok(platform.get(platform.gateway(event + "/ledger/verification"), "Authorization", "Bearer " + county), 200)
                .path("intact").asBoolean()).isTrue();

        // 公示: anyone reads it without signing in.
        ok(post(event + "/results/notice", county, "{}"), 200);
        JsonNode notice = ok(platform.get(platform.gateway(event + "/results/notice")), 200);
        assertThat(notice.path("round").asInt()).isEqualTo(1);
        assertThat(notice.path("ranked")).hasSize(30);
        assertThat(notice.toString()).doesNotContain(residentId("330211199001", 129, 29));

        // A co-worker objects, named and with evidence: 焊工29's A1 (33.00) was misread. Upheld; the chief
        // corrects it to 40.00, and 焊工29 (88.00 points) passes 焊工30 (84.80).
        String second = entries.get(28);
        JsonNode objection = ok(post(event + "/results/objections", platform.demoToken("zh-03-worker-01"), """
                {"concerns":"%s","objector":{"name":"镇海港埠装卸职工01","contact":"13912345678"},"grounds":"焊缝尺寸复测为40分",
                 "evidence":[{"name":"复测记录.pdf","contentType":"application/pdf","size":20480,"sha256":"%s"}]}"""
                .formatted(second, "b".repeat(64))), 201);
        ok(post(event + "/results/objections/" + objection.path("id").asString() + "/answer", county,
                "{\"verdict\":\"UPHELD\",\"reason\":\"复测属实，更正焊缝尺寸得分\"}"), 200);
        int line = -1;
        for (JsonNode l : ok(platform.get(platform.gateway(event + "/ledger"), "Authorization", "Bearer " + county), 200)) {
            if (l.path("registrationId").asString().equals(second) && "A1".equals(l.path("aspect").asString())) {
                line = l.path("sequence").asInt();
            }
        }
        ok(post(event + "/scores/" + line + "/corrections", chief, "{\"value\":\"40.00\",\"reason\":\"异议成立，按复测结果更正\"}"), 200);
        JsonNode again = ok(post(event + "/results/notice", county, "{}"), 200);
        assertThat(again.path("round").asInt()).isEqualTo(2);
        assertThat(again.path("ranked").get(0).path("registrationId").asString()).as("the ranking changed").isEqualTo(second);
        assertThat(post(event + "/results/final", county, "{}").statusCode()).as("not final while the notice is open").isEqualTo(409);

        // The prize is paid from 镇海区's fund into the winner's wallet: the district funds it, and 焊工29 is
        // a member of 蛟川精密机械's union (enrolled above; the register knows her by the same keyed identity-number hash).
        for (String account : List.of("{\"kind\":\"SETTLEMENT\",\"owner\":\"330211\",\"label\":\"镇海区总工会银行存款\"}",
                "{\"kind\":\"UNION_FUND\",\"owner\":\"330211\",\"label\":\"镇海区总工会经费\"}")) {
            assertThat(post("/api/v1/welfare/accounts", county, account).statusCode()).isIn(200, 201);
        }
        ok(platform.send(HttpRequest.newBuilder(URI.create(platform.gateway("/api/v1/welfare/transfers")))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + county)
                .header("Idempotency-Key", "e2e-zhenhai-prize-fund").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"debitAccount\":\"settlement:330211\",\"creditAccount\":\"fund:330211\",\"amountFen\":1000000,"
                                + "\"code\":\"prize-fund\"}")).build()), 201);
        String member = members.get(28);

        // Only an administrator moves the rehearsal clock (403 to others), and only a service started with one has it (404).
        for (String[] attempt : new String[][] {{"contest-service", county, "403"}, {"feedback-service", platform.demoToken("admin-zhou"), "404"}}) {
            assertThat(platform.send(HttpRequest.newBuilder(URI.create(platform.direct(attempt[0], "/internal/clock")))
                    .header("Authorization", "Bearer " + attempt[1]).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"offset\":\"P30D\"}")).build()).statusCode())
                    .as(attempt[0]).isEqualTo(Integer.parseInt(attempt[2]));
        }
        platform.runClockAhead("contest-service", Duration.ofDays(30));
        try {
            JsonNode done = ok(post(event + "/results/final", county, "{}"), 200);
            assertThat(done.path("status").asString()).isEqualTo("FINAL");
            String cityEvent = "/api/v1/contests/events/" + cityContest.path("events").get(0).path("id").asString();
            assertThat(ok(platform.get(platform.gateway(cityEvent + "/registrations"), "Authorization", "Bearer " + city), 200))
                    .as("the top ten advance to the city contest").hasSize(10);
            await().atMost(Duration.ofSeconds(60)).until(() -> platform.get(platform.gateway("/api/v1/welfare/accounts/wallet:" + member),
                    "Authorization", "Bearer " + county).body().contains("\"balanceFen\":500000"));
            JsonNode certificate = await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(platform.get(platform.gateway(
                    "/api/v1/contests/registrations/" + second + "/certificates"), "Authorization", "Bearer " + county).body()),
                    list -> list.isArray() && !list.isEmpty()).get(0);
            JsonNode check = ok(platform.get(platform.gateway("/api/v1/contests/certificates/" + certificate.path("number").asString()
                    + "?code=" + certificate.path("code").asString())), 200);
            assertThat(check.path("outcome").asString()).as("verified without signing in").isEqualTo("VALID");
        } finally {
            platform.runClockAhead("contest-service", Duration.ZERO);
        }
    }

    private HttpResponse<String> put(String path, String token, String body) {
        return platform.send(HttpRequest.newBuilder(URI.create(platform.gateway(path))).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> score(String event, String judge, String entry, String item, String aspect, String value) {
        return post(event + "/scores", judge, """
                {"registrationId":"%s","item":"%s","aspect":%s,"value":"%s"}"""
                .formatted(entry, item, aspect == null ? "null" : "\"" + aspect + "\"", value));
    }

    /** Theory 30 / practical 70: A1 measured (of 40), A2 judged by three (of 60, at most 5.00 apart). */
    private static String contest(String name, String tier, String region, Instant closes, String advancement) {
        return """
                {"name":"%s","tier":"%s","region":"%s","year":2026,"organiser":"宁波市总工会","noticeWorkingDays":5,
                 "events":[{"occupationCode":"6-18-02-04","occupationName":"焊工","theoryWeight":30,"practicalWeight":70,
                   "aspects":[{"code":"A1","name":"焊缝尺寸","kind":"MEASUREMENT","max":"40.00"},
                              {"code":"A2","name":"焊缝外观","kind":"JUDGEMENT","max":"60.00"}],
                   "timeLimit":"PT2H","maxSpread":"5.00","employeesOnly":true,"registrationClosesAt":"%s"}]%s}"""
                .formatted(name, tier, region, closes, advancement);
    }

    private static JsonNode ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String token, String body) {
        return platform.send(HttpRequest.newBuilder(URI.create(platform.gateway(path)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
