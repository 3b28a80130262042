package cn.unionhub.contest.results.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import static cn.unionhub.contest.fixtures.ContestApi.CITY;
import static cn.unionhub.contest.fixtures.ContestApi.COUNTY;
import static cn.unionhub.contest.fixtures.ContestApi.JSON;
import static cn.unionhub.contest.fixtures.ContestApi.NEIGHBOUR;
import static cn.unionhub.contest.fixtures.ContestApi.SHIGANG_UNION;
import static cn.unionhub.contest.fixtures.ContestApi.contest;
import static cn.unionhub.contest.fixtures.ContestApi.entry;
import static cn.unionhub.contest.fixtures.ContestApi.judge;
import static cn.unionhub.contest.fixtures.ContestApi.ok;

import cn.unionhub.contest.fixtures.ContestApi;
import cn.unionhub.contest.fixtures.People;
import cn.unionhub.contest.fixtures.RegisteredWelders;
import cn.unionhub.contest.fixtures.ShiftedTime;
import cn.unionhub.platform.events.EventSchemas;
import cn.unionhub.security.Role;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TestTokens;
import cn.unionhub.test.TopicProbe;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * A county welding contest through the API against the real broker and store: a city and a county
 * contest linked for advancement; entries by an enterprise union and by a worker; three judges on
 * the judgement aspect; the ranking traced to ledger lines on an intact chain; the notice, a named
 * objection upheld and a score corrected, the ranking changed and noticed again; after the notice
 * the results final — prize money on contest.events, the top three entered in the city contest, a
 * certificate that verifies publicly. Bad input on the way answers a Problem and changes nothing.
 */
@IntegrationTest
@Import({ShiftedTime.class, RegisteredWelders.class})
class ContestFlowIT {

    private static final ShiftedTime.ShiftedClock CLOCK = ShiftedTime.CLOCK;

    @Value("${local.server.port}")
    int port;
    @Autowired
    EventSchemas schemas;
    @Autowired
    cn.unionhub.contest.registry.RegisterCopy copy;
    @Autowired
    cn.unionhub.platform.identity.Pseudonyms pseudonyms;

    private ApiClient api;
    private ContestApi contests;

    @AfterEach
    void backToRealTime() {
        ShiftedTime.CLOCK.reset();
    }

    @Test
    void aCountyWeldingContestRunsFromEntriesToAVerifiedCertificate() throws Exception {
        api = new ApiClient(port);
        contests = new ContestApi(api);
        Instant now = CLOCK.instant();
        try (TopicProbe events = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "contest.events")) {
            // Plan: the city contest first, then the county contest feeding its top three to it.
            // The city's open registration closes before the county's results are final: qualifiers enter all the same (they
            // were refused, and the county's notice said "advances").
            JsonNode city = ok(api.post("/api/v1/contests", contest("2026年石家庄市职工职业技能大赛", "CITY", "130100",
                    now.plus(Duration.ofDays(20)), null), CITY), 201);
            String cityId = city.path("id").asString();
            // An event the city contest does not hold would send its best nowhere: refused when planning.
            HttpResponse<String> nowhere = api.post("/api/v1/contests", contest("2026年长安区职工职业技能大赛", "COUNTY", "130102",
                    now.plus(Duration.ofDays(10)), "{\"contestId\":\"" + cityId + "\",\"quota\":3,\"tieRule\":\"INCLUDE_TIED\"}")
                    .replace("\"焊工\"", "\"电工\""), COUNTY);
            assertThat(nowhere.statusCode()).as(nowhere.body()).isEqualTo(400);
            assertThat(nowhere.body()).contains("no-event-for-occupation");
            // A deadline gone already: refused when planning (a draft is not edited, so it could never be published).
            HttpResponse<String> bygone = api.post("/api/v1/contests", contest("2026年长安区职工职业技能大赛", "COUNTY", "130102",
                    now.minus(Duration.ofDays(1)), null), COUNTY);
            assertThat(bygone.statusCode()).as(bygone.body()).isEqualTo(400);
            assertThat(bygone.body()).contains("registrationClosesAt", "in-the-past");
            assertThat(api.post("/api/v1/contests", contest("2026年长安区职工职业技能大赛", "COUNTY", "130102",
                    now.plus(Duration.ofDays(10)), null), NEIGHBOUR).statusCode()).as("another district's office").isEqualTo(403);
            JsonNode county = ok(api.post("/api/v1/contests", contest("2026年长安区职工职业技能大赛", "COUNTY", "130102",
                    now.plus(Duration.ofDays(10)), "{\"contestId\":\"" + cityId + "\",\"quota\":3,\"tieRule\":\"INCLUDE_TIED\"}"),
                    COUNTY), 201);
            String countyId = county.path("id").asString();
            String eventId = county.path("events").get(0).path("id").asString();
            HttpResponse<String> scheme = api.send(HttpRequest.newBuilder(api.uri("/api/v1/contests/" + countyId + "/award-scheme"))
                    .header("Authorization", "Bearer " + COUNTY).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("""
                            {"name":"长安区焊工决赛奖励","rules":[
                              {"code":"first-prize","kind":"PRIZE","title":"一等奖","firstPlace":1,"lastPlace":1,"tieRule":"INCLUDE_TIED","prizeFen":500000},
                              {"code":"top3-expert","kind":"TECHNICAL_EXPERT","title":"长安区技术能手","firstPlace":1,"lastPlace":3,"tieRule":"INCLUDE_TIED"},
                              {"code":"finisher","kind":"CERTIFICATE","title":"获奖证书","firstPlace":1,"tieRule":"INCLUDE_TIED"}]}""",
                            StandardCharsets.UTF_8)).build());
            ok(scheme, 200);
            ok(api.post("/api/v1/contests/" + cityId + "/publication", "{}", CITY), 200);
            ok(api.post("/api/v1/contests/" + countyId + "/publication", "{}", COUNTY), 200);

            // Entries: five employees of 石钢 by their union, one worker by themselves.
            List<String> registrations = new ArrayList<>();
            for (int n = 1; n <= 5; n++) {
                registrations.add(ok(api.post("/api/v1/contests/events/" + eventId + "/registrations",
                        entry(n, "EMPLOYEE", People.SHIGANG), SHIGANG_UNION), 201).path("id").asString());
            }
            assertThat(api.post("/api/v1/contests/events/" + eventId + "/registrations",
                    entry(7, "EMPLOYEE", People.CSPC), SHIGANG_UNION).statusCode())
                    .as("an enterprise union enters only its own employees").isEqualTo(403);
            assertThat(api.post("/api/v1/contests/events/" + eventId + "/registrations",
                    entry(1, "EMPLOYEE", People.SHIGANG), SHIGANG_UNION).statusCode())
                    .as("once per competitor and event").isEqualTo(409);
            String worker = TestTokens.token().subject("worker-6").roles(Role.WORKER).build();
            // A worker names the employer the register has: a 石钢 member entering as nobody's employee would be out of
            // reach of the rule that keeps 石钢's judge from scoring 石钢's people.
            JsonNode notTheirs = ok(api.post("/api/v1/contests/events/" + eventId + "/registrations", entry(6, "NOT_EMPLOYEE", null),
                    worker), 400);
            assertThat(notTheirs.path("errors").toString()).contains("competitor.enterprise", "not-the-registered-employer");
            // A member of another district (桥西区) does not enter 长安区's county contest, by themselves or by their union.
            copy.enrolled(new cn.unionhub.events.membercard.MemberEnrolled("M000000000099", "worker-99",
                    cn.unionhub.contest.fixtures.RegisteredWelders.idHash(pseudonyms, 99), "GH-" + People.SHIGANG.uscc(),
                    People.SHIGANG.uscc(), "130104", "REGULAR", "ACTIVE", 1, Instant.parse("2026-01-05T01:00:00Z")));
            JsonNode neighbour = ok(api.post("/api/v1/contests/events/" + eventId + "/registrations", entry(99, "EMPLOYEE", People.SHIGANG),
                    TestTokens.token().subject("worker-99").roles(Role.WORKER).build()), 400);
            assertThat(neighbour.path("errors").toString()).contains("outside-contest-region");
            String self = ok(api.post("/api/v1/contests/events/" + eventId + "/registrations", entry(6, "EMPLOYEE", People.SHIGANG),
                    worker), 201).path("id").asString();
            registrations.add(self);
            for (String r : registrations) {
                assertThat(api.post("/api/v1/contests/registrations/" + r + "/approval", "{}", NEIGHBOUR).statusCode()).isEqualTo(403);
                if (r.equals(self)) {
                    // The ranking read before an approval (the roster kept in memory) shows the approval right after it.
                    assertThat(ok(api.get("/api/v1/contests/events/" + eventId + "/ranking", COUNTY), 200).path("unranked").size())
                            .isEqualTo(5);
                }
                ok(api.post("/api/v1/contests/registrations/" + r + "/approval", "{}", COUNTY), 200);
            }
            JsonNode unscored = ok(api.get("/api/v1/contests/events/" + eventId + "/ranking", COUNTY), 200);
            assertThat(unscored.path("unranked").size()).isEqualTo(6);
            assertThat(unscored.path("ranked").size()).isZero();

            // Judges: one of 石钢, two independent, one of 石药; the chief is independent.
            String j1 = judge("judge-cspc", People.CSPC.uscc());
            String j2 = judge("judge-shigang", People.SHIGANG.uscc());
            String j3 = judge("judge-chief", null);
            String j4 = judge("judge-teacher", null);
            for (String form : List.of("{\"account\":\"judge-cspc\",\"name\":\"孙立\",\"enterprise\":\"" + People.CSPC.uscc() + "\"}",
                    "{\"account\":\"judge-shigang\",\"name\":\"钱伟\",\"enterprise\":\"" + People.SHIGANG.uscc() + "\"}",
                    "{\"account\":\"judge-chief\",\"name\":\"周正\",\"chief\":true}", "{\"account\":\"judge-teacher\",\"name\":\"吴老师\"}")) {
                ok(api.post("/api/v1/contests/events/" + eventId + "/judges", form, COUNTY), 200);
            }
            HttpResponse<String> competitorAsJudge = api.post("/api/v1/contests/events/" + eventId + "/judges",
                    "{\"account\":\"worker-6\",\"name\":\"选手\"}", COUNTY);
            assertThat(competitorAsJudge.statusCode()).as("a competitor does not judge their event").isEqualTo(409);
            assertThat(competitorAsJudge.body()).contains("judge-is-competitor");

            // Scores: competitor i (0..5) gets theory 80+i, A1 30+i, A2 50+i from three judges, 3600 s.
            for (int i = 0; i < registrations.size(); i++) {
                String r = registrations.get(i);
                ok(contests.score(eventId, j3, r, "THEORY", null, (80 + i) + ".00"), 201);
                ok(contests.score(eventId, j3, r, "TIME_USED", null, "3600"), 201);
                ok(contests.score(eventId, j4, r, "ASPECT", "A1", (30 + i) + ".00"), 201);
                for (String j : List.of(j1, j3, j4)) {
                    ok(contests.score(eventId, j, r, "ASPECT", "A2", (50 + i) + ".50"), 201);
                }
            }
            int lines = contests.ledgerSize(eventId);
            // The ledger a page at a time: lines 2 to 4, and where the next page starts.
            HttpResponse<String> page = api.get("/api/v1/contests/events/" + eventId + "/ledger?from=2&limit=3", COUNTY);
            assertThat(ok(page, 200)).extracting(l -> l.path("sequence").asInt()).containsExactly(2, 3, 4);
            assertThat(page.headers().firstValue("Link")).contains("</api/v1/contests/events/" + eventId
                    + "/ledger?from=5&limit=3>; rel=\"next\"");
            HttpResponse<String> last = api.get("/api/v1/contests/events/" + eventId + "/ledger?from=" + (lines - 1) + "&limit=3", COUNTY);
            assertThat(ok(last, 200)).hasSize(2);
            assertThat(last.headers().firstValue("Link")).isEmpty();
            HttpResponse<String> tooHigh = contests.score(eventId, j1, self, "ASPECT", "A1", "40.01");
            assertThat(tooHigh.statusCode()).as(tooHigh.body()).isEqualTo(400);
            assertThat(JSON.readTree(tooHigh.body()).path("title").asString()).matches(".*\\p{IsHan}.*");
            HttpResponse<String> inEnglish = api.send(HttpRequest.newBuilder(api.uri("/api/v1/contests/events/" + eventId + "/scores"))
                    .header("Authorization", "Bearer " + j1).header("Content-Type", "application/json").header("Accept-Language", "en")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"registrationId\":\"" + self
                            + "\",\"item\":\"ASPECT\",\"aspect\":\"A1\",\"value\":\"40.01\"}")).build());
            assertThat(JSON.readTree(inEnglish.body()).path("title").asString()).doesNotContainPattern("\\p{IsHan}");
            assertThat(contests.score(eventId, j2, registrations.get(0), "ASPECT", "A1", "10.00").statusCode())
                    .as("a judge never scores a competitor of their own enterprise").isEqualTo(403);
            String stranger = judge("judge-elsewhere", null);
            assertThat(contests.score(eventId, stranger, registrations.get(0), "ASPECT", "A1", "10.00").statusCode())
                    .as("a judge of no panel of this event").isEqualTo(403);
            assertThat(contests.ledgerSize(eventId)).as("refused scores leave no line").isEqualTo(lines);

            // The ranking, traced to the ledger; the chain intact.
            // (The ledger read by the ranking above is extended by the lines written since.)
            JsonNode ranking = ok(api.get("/api/v1/contests/events/" + eventId + "/ranking", j1), 200);
            assertThat(ranking.path("basedOnLedgerSequence").asInt()).isEqualTo(lines);
            assertThat(ranking.path("ranked").size()).isEqualTo(6);
            assertThat(ranking.path("ranked").get(0).path("registrationId").asString()).isEqualTo(self);
            assertThat(ranking.path("ranked").get(0).path("ledgerLines").size()).isEqualTo(6);
            assertThat(ok(api.get("/api/v1/contests/events/" + eventId + "/ledger/verification", COUNTY), 200).path("intact")
                    .asBoolean()).isTrue();
            assertThat(api.get("/api/v1/contests/events/" + eventId + "/ranking", worker).statusCode())
                    .as("a competitor does not read the ranking before the notice").isEqualTo(403);
            assertThat(api.get("/api/v1/contests/registrations/" + self + "/scores", worker).statusCode())
                    .as("nor their own scores").isEqualTo(403);

            // 公示: public, without sign-in; now the competitor sees their scores, never someone else's.
            ok(api.post("/api/v1/contests/events/" + eventId + "/results/notice", "{}", COUNTY), 200);
            JsonNode notice = ok(api.get("/api/v1/contests/events/" + eventId + "/results/notice", null), 200);
            assertThat(notice.path("round").asInt()).isEqualTo(1);
            assertThat(notice.path("ranked").get(0).path("name").asString()).isEqualTo(People.WELDERS.get(6));
            assertThat(ok(api.get("/api/v1/contests/registrations/" + self + "/scores", worker), 200).path("rank").asInt()).isEqualTo(1);
            // Entries close with the notice, before the deadline: one taken now could never be scored.
            HttpResponse<String> late = api.post("/api/v1/contests/events/" + eventId + "/registrations", entry(8, "NOT_EMPLOYEE", null),
                    TestTokens.token().subject("worker-8").roles(Role.WORKER).build());
            assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
            assertThat(late.body()).contains("registration-closed-results-noticed");
            assertThat(api.get("/api/v1/contests/registrations/" + registrations.get(0) + "/scores", worker).statusCode()).isEqualTo(404);

            // A named objection with evidence: 第二名's measured A1 was misread; upheld, corrected by the chief judge.
            String second = registrations.get(4);
            String objecting = """
                    {"concerns":"%s","objector":{"name":"李志强","contact":"13912345678"},"grounds":"焊缝尺寸测量记录与复测不符",
                     "evidence":[{"name":"复测记录.pdf","contentType":"application/pdf","size":20480,"sha256":"%s"}]}"""
                    .formatted(second, "a".repeat(64));
            String objector = TestTokens.token().subject("worker-1").roles(Role.WORKER).build();
            JsonNode objection = ok(api.post("/api/v1/contests/events/" + eventId + "/results/objections", objecting, objector,
                    "objection-1"), 201);
            // Sent again (a timeout): the same objection, not a second one for the office to answer.
            assertThat(ok(api.post("/api/v1/contests/events/" + eventId + "/results/objections", objecting, objector, "objection-1"), 201))
                    .isEqualTo(objection);
            // The office reads it in full before answering; the notice shows neither who objects nor the grounds.
            JsonNode filed = ok(api.get("/api/v1/contests/events/" + eventId + "/results/objections/" + objection.path("id").asString(),
                    COUNTY), 200);
            assertThat(filed.path("objector").path("name").asString()).isEqualTo("李志强");
            assertThat(filed.path("grounds").asString()).isEqualTo("焊缝尺寸测量记录与复测不符");
            assertThat(filed.path("evidence").get(0).path("name").asString()).isEqualTo("复测记录.pdf");
            assertThat(ok(api.get("/api/v1/contests/events/" + eventId + "/results/objections", COUNTY), 200).size()).isEqualTo(1);
            assertThat(api.get("/api/v1/contests/events/" + eventId + "/results/objections", NEIGHBOUR).statusCode()).isEqualTo(403);
            assertThat(api.get("/api/v1/contests/events/" + eventId + "/results/objections", worker).statusCode()).isEqualTo(403);
            assertThat(ok(api.get("/api/v1/contests/events/" + eventId + "/results/notice", null), 200).toString())
                    .doesNotContain("13912345678", "焊缝尺寸测量记录与复测不符");
            JsonNode a1 = null;
            for (JsonNode line : ok(api.get("/api/v1/contests/events/" + eventId + "/ledger", COUNTY), 200)) {
                if (line.path("registrationId").asString().equals(second) && "A1".equals(line.path("aspect").asString())) {
                    a1 = line;
                }
            }
            // While the results are on notice the record stands as shown: no correction before the objection is upheld.
            HttpResponse<String> early = api.post("/api/v1/contests/events/" + eventId + "/scores/" + a1.path("sequence").asInt()
                    + "/corrections", "{\"value\":\"40.00\",\"reason\":\"改分\"}", j3);
            assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
            assertThat(early.body()).contains("scores-on-notice");
            ok(api.post("/api/v1/contests/events/" + eventId + "/results/objections/" + objection.path("id").asString() + "/answer",
                    "{\"verdict\":\"UPHELD\",\"reason\":\"复测属实，更正焊缝尺寸得分\"}", COUNTY), 200);
            // The objection named 第二名's entry: only its scores change now, nobody else's.
            JsonNode otherLine = null;
            for (JsonNode line : ok(api.get("/api/v1/contests/events/" + eventId + "/ledger", COUNTY), 200)) {
                if (!line.path("registrationId").asString().equals(second) && "A1".equals(line.path("aspect").asString())
                        && List.of("judge-chief", "judge-teacher").contains(line.path("recordedBy").asString())) {
                    otherLine = line;
                }
            }
            assertThat(otherLine).as("an independent judge's A1 of another entry").isNotNull();
            HttpResponse<String> unrelated = api.post("/api/v1/contests/events/" + eventId + "/scores/" + otherLine.path("sequence").asInt()
                    + "/corrections", "{\"value\":\"39.00\",\"reason\":\"顺手改一下\"}",
                    "judge-chief".equals(otherLine.path("recordedBy").asString()) ? j3 : j4);
            assertThat(unrelated.statusCode()).as(unrelated.body()).isEqualTo(409);
            assertThat(unrelated.body()).contains("scores-not-under-objection");
            ok(api.post("/api/v1/contests/events/" + eventId + "/scores/" + a1.path("sequence").asInt() + "/corrections",
                    "{\"value\":\"40.00\",\"reason\":\"异议成立，按复测结果更正\"}", j3), 200);
            JsonNode renoticed = ok(api.post("/api/v1/contests/events/" + eventId + "/results/notice", "{}", COUNTY), 200);
            assertThat(renoticed.path("round").asInt()).isEqualTo(2);
            assertThat(renoticed.path("ranked").get(0).path("registrationId").asString()).as("the ranking changed").isEqualTo(second);
            // The first round's objection and its answer stay readable, on the notice and for the office.
            assertThat(renoticed.path("objections").findValuesAsString("id")).contains(objection.path("id").asString());
            assertThat(ok(api.get("/api/v1/contests/events/" + eventId + "/results/objections/" + objection.path("id").asString(), COUNTY), 200)
                    .path("verdict").asString()).isEqualTo("UPHELD");

            // Not final while the notice is open; final after it closed. No objection after it closed.
            assertThat(api.post("/api/v1/contests/events/" + eventId + "/results/final", "{}", COUNTY).statusCode()).isEqualTo(409);
            CLOCK.forward(Duration.ofDays(30));
            assertThat(api.post("/api/v1/contests/events/" + eventId + "/results/objections", objection.toString(), worker)
                    .statusCode()).as("after the notice closed").isEqualTo(409);
            assertThat(api.post("/api/v1/contests/events/" + eventId + "/registrations", entry(9, "NOT_EMPLOYEE", null),
                    TestTokens.token().subject("worker-9").roles(Role.WORKER).build()).statusCode()).as("after the deadline")
                    .isEqualTo(409);
            JsonNode done = ok(api.post("/api/v1/contests/events/" + eventId + "/results/final", "{}", COUNTY), 200);
            assertThat(done.path("status").asString()).isEqualTo("FINAL");
            assertThat(contests.score(eventId, j3, self, "ASPECT", "A1", "1.00").statusCode()).as("the ledger is closed").isEqualTo(409);

            // The top three are in the city contest's welding event.
            String cityEvent = city.path("events").get(0).path("id").asString();
            assertThat(ok(api.get("/api/v1/contests/events/" + cityEvent + "/registrations", CITY), 200).size()).isEqualTo(3);

            // The certificate of the first place verifies publicly; a wrong code answers like an unknown number.
            JsonNode certificate = ok(api.get("/api/v1/contests/registrations/" + second + "/certificates", COUNTY), 200).get(0);
            String number = certificate.path("number").asString();
            JsonNode check = ok(api.get("/api/v1/contests/certificates/" + number + "?code=" + certificate.path("code").asString(),
                    null), 200);
            assertThat(check.path("outcome").asString()).isEqualTo("VALID");
            HttpResponse<String> wrong = api.get("/api/v1/contests/certificates/" + number + "?code=0000000000", null);
            HttpResponse<String> unknown = api.get("/api/v1/contests/certificates/JS-X-130102-2026-999999?code=0000000000", null);
            assertThat(wrong.statusCode()).isEqualTo(404);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(wrong.body()).path("detail")).isEqualTo(JSON.readTree(unknown.body()).path("detail"));

            // Prize money goes out on contest.events with the competitor's keyed id hash, as the schema says.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var granted = events.poll().stream()
                        .filter(r -> "cn.unionhub.contest.award-granted.v1".equals(TopicProbe.header(r, "ce_type")))
                        .map(r -> JSON.readTree(r.value())).filter(d -> d.path("eventId").asString().equals(eventId))
                        .filter(d -> d.path("amountFen").asLong() == 500000).toList();
                assertThat(granted).hasSize(1);
                assertThat(granted.get(0).path("competitorIdHash").asString()).startsWith("psn_").doesNotContain(People.residentId(5));
                assertThat(schemas.violations("cn.unionhub.contest.award-granted.v1", granted.get(0))).isEmpty();
            });
        }
    }
}
