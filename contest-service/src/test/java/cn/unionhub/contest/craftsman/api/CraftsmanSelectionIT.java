package cn.unionhub.contest.craftsman.api;

import static cn.unionhub.contest.fixtures.ContestApi.JSON;
import static cn.unionhub.contest.fixtures.ContestApi.judge;
import static cn.unionhub.contest.fixtures.ContestApi.ok;
import static cn.unionhub.contest.fixtures.ContestApi.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Craftsman selection (工匠选树, seeds 002 and 003) through the API: the provincial office plans a
 * batch with four experts and room for two; a unit nominates its welder, a worker nominates
 * themselves, the office nominates for an association; each self-evaluates and passes the review;
 * the experts score (one may not score his own employer's nominee); the best two go on public
 * notice; an objection against one is upheld and rejects him; after the notice the other is
 * conferred. The public reads the notice without signing in and never sees an identity number.
 */
@IntegrationTest
@Import({ShiftedTime.class, RegisteredWelders.class})
class CraftsmanSelectionIT {

    private static final String PROVINCE = TestTokens.token().subject("office-hebei").roles(Role.DISTRICT_UNION).district("130000").build();
    private static final String OTHER_PROVINCE = TestTokens.token().subject("office-shanxi").roles(Role.DISTRICT_UNION).district("140000")
            .build();
    private static final String SHIGANG_UNION = TestTokens.token().subject("union-shigang").roles(Role.ENTERPRISE_UNION)
            .enterprise(People.SHIGANG.uscc()).build();

    @Value("${local.server.port}")
    int port;
    @Autowired
    EventSchemas schemas;

    @AfterEach
    void backToRealTime() {
        ShiftedTime.CLOCK.reset();
    }

    @Test
    void aBatchRunsFromNominationsThroughExpertsAndANoticeWithAnUpheldObjectionToConferral() {
        ApiClient api = new ApiClient(port);
        Instant now = ShiftedTime.CLOCK.instant();
        String plan = """
                {"title":"2026年度燕赵工匠","tier":"PROVINCE","region":"130000","year":%d,"organiser":"河北省总工会",
                 "nominationsCloseAt":"%s","expertsRequired":3,"quota":2,"noticeWorkingDays":5}"""
                .formatted(java.time.Year.now().getValue(), now.plus(Duration.ofDays(10)));
        assertThat(api.post("/api/v1/craftsmen/batches", plan, OTHER_PROVINCE).statusCode()).as("another province's office").isEqualTo(403);
        String batch = ok(api.post("/api/v1/craftsmen/batches", plan, PROVINCE), 201).path("id").asString();
        String batchPath = "/api/v1/craftsmen/batches/" + batch;
        for (String[] expert : new String[][] {{"expert-shigang", People.SHIGANG.uscc()}, {"expert-2", null}, {"expert-3", null},
                {"expert-4", null}}) {
            ok(api.post(batchPath + "/experts", "{\"account\":\"" + expert[0] + "\",\"name\":\"专家" + expert[0].substring(7)
                    + "\"" + (expert[1] == null ? "" : ",\"enterprise\":\"" + expert[1] + "\"") + "}", PROVINCE), 200);
        }

        // The public reads the batch, not who reviews it; the office sees its panel.
        JsonNode publicBatch = ok(api.get(batchPath, null), 200);
        assertThat(publicBatch.path("experts")).isEmpty();
        assertThat(publicBatch.path("expertsAssigned").asInt()).isEqualTo(4);
        assertThat(ok(api.get(batchPath, PROVINCE), 200).path("experts").findValuesAsString("id")).contains("expert-shigang");

        String welder = ok(api.post(batchPath + "/nominations", nominee(1, People.SHIGANG, null), SHIGANG_UNION), 201).path("id").asString();
        assertThat(ok(api.get("/api/v1/craftsmen/nominations/" + welder, SHIGANG_UNION), 200).path("channel").asString()).isEqualTo("UNIT");
        JsonNode notOwn = ok(api.post(batchPath + "/nominations", nominee(2, People.CSPC, null), SHIGANG_UNION), 400);
        // Its member, named as another enterprise's employee: the register says whose they are.
        assertThat(notOwn.path("errors").toString()).contains("not-the-registered-employer");
        ok(api.post(batchPath + "/nominations", nominee(1, People.SHIGANG, null), SHIGANG_UNION), 409);
        // Nobody nominates under another person's identity (the register's copy, RegisteredWelders: 0-39 are 石钢's members,
        // linked to worker-<n>), nor a unit someone its union has not registered.
        assertThat(ok(api.post(batchPath + "/nominations", nominee(2, People.CSPC, null), worker("worker-3")), 403).path("type")
                .asString()).endsWith("/entry-not-your-identity");
        assertThat(ok(api.post(batchPath + "/nominations", nominee(45, People.SHIGANG, null), SHIGANG_UNION), 403).path("type")
                .asString()).endsWith("/not-your-employee");
        // Worker 2 is a 石钢 member: nominating themselves as 石药's, they would escape 石钢's expert's conflict rule.
        assertThat(ok(api.post(batchPath + "/nominations", nominee(2, People.CSPC, null), worker("worker-2")), 400).path("errors")
                .toString()).contains("nominee.enterprise", "not-the-registered-employer");
        String self = ok(api.post(batchPath + "/nominations", nominee(2, People.SHIGANG, null), worker("worker-2")), 201).path("id").asString();
        // A nominee on the panel would score their rivals, and themselves.
        assertThat(ok(api.post(batchPath + "/experts", "{\"account\":\"worker-2\",\"name\":\"自荐者\"}", PROVINCE), 409).path("type")
                .asString()).endsWith("/expert-is-nominee");
        String association = ok(api.post(batchPath + "/nominations", nominee(3, People.GREAT_WALL, "河北省焊接学会"), PROVINCE), 201)
                .path("id").asString();
        assertThat(api.get("/api/v1/craftsmen/nominations/" + self, worker("worker-9")).statusCode()).as("someone else's").isEqualTo(404);
        // The refused nominations above took no number: the batch's nominations follow each other.
        assertThat(List.of(welder, self, association)).extracting(id -> id.substring(id.lastIndexOf('-') + 1))
                .containsExactly("N00001", "N00002", "N00003");

        String cspcUnion = TestTokens.token().subject("union-cspc").roles(Role.ENTERPRISE_UNION).enterprise(People.CSPC.uscc()).build();
        ok(api.post("/api/v1/craftsmen/nominations/" + welder + "/self-evaluation", "{\"text\":\"代写\"}", cspcUnion), 404);
        ok(api.post("/api/v1/craftsmen/nominations/" + welder + "/self-evaluation", "{\"text\":\"代写\"}", worker("worker-9")), 404);
        ok(api.post("/api/v1/craftsmen/nominations/" + welder + "/review", "{\"outcome\":\"PASSED\"}", OTHER_PROVINCE), 403);
        ok(api.post("/api/v1/craftsmen/batches/" + batch + "/experts", "{\"account\":\"expert-x\",\"name\":\"专家x\"}", SHIGANG_UNION), 403);
        ok(api.post("/api/v1/craftsmen/nominations/" + welder + "/self-evaluation", "{\"text\":\"二十年焊接一线，攻克高强钢焊接难题\"}",
                SHIGANG_UNION), 200);
        ok(api.post("/api/v1/craftsmen/nominations/" + self + "/self-evaluation", "{\"text\":\"主持制药设备焊接工艺改进\"}",
                worker("worker-2")), 200);
        ok(api.post("/api/v1/craftsmen/nominations/" + association + "/self-evaluation", "{\"text\":\"汽车车身焊装技术革新\"}", PROVINCE), 200);
        // A typo in the self-evaluation is corrected before the review (it was for good).
        assertThat(ok(api.post("/api/v1/craftsmen/nominations/" + self + "/self-evaluation", "{\"text\":\"主持制药设备焊接工艺改进，节能两成\"}",
                worker("worker-2")), 200).path("selfEvaluation").asString()).isEqualTo("主持制药设备焊接工艺改进，节能两成");
        ok(api.post("/api/v1/craftsmen/nominations/" + welder + "/review", "{\"outcome\":\"MAYBE\"}", PROVINCE), 400);
        for (String n : List.of(welder, self, association)) {
            assertThat(ok(api.post("/api/v1/craftsmen/nominations/" + n + "/review", "{\"outcome\":\"PASSED\",\"text\":\"材料齐全\"}",
                    PROVINCE), 200).path("stage").asString()).isEqualTo("REVIEWED");
        }

        // The experts read what they score (deeds, self-evaluation) before scoring: those that passed the review, not their
        // own employer's; nobody else on the panel's behalf.
        JsonNode toScore = ok(api.get("/api/v1/craftsmen/nominations/" + welder, judge("expert-2", null)), 200);
        assertThat(toScore.path("selfEvaluation").asString()).isEqualTo("二十年焊接一线，攻克高强钢焊接难题");
        assertThat(ok(api.get(batchPath + "/nominations", judge("expert-2", null)), 200).findValuesAsString("id"))
                .containsExactlyInAnyOrder(welder, self, association);
        assertThat(ok(api.get(batchPath + "/nominations", judge("expert-shigang", People.SHIGANG.uscc())), 200).findValuesAsString("id"))
                .containsExactly(association);
        ok(api.get("/api/v1/craftsmen/nominations/" + welder, judge("expert-shigang", People.SHIGANG.uscc())), 404);
        ok(api.get("/api/v1/craftsmen/nominations/" + welder, judge("expert-9", null)), 404);
        ok(api.get(batchPath + "/nominations", judge("expert-9", null)), 403);

        JsonNode own = ok(api.post("/api/v1/craftsmen/nominations/" + welder + "/scores", "{\"value\":\"99.00\"}",
                judge("expert-shigang", People.SHIGANG.uscc())), 403);
        assertThat(own.path("type").asString()).endsWith("/expert-own-enterprise");
        // An expert the office named with no employer, who works at 石钢 by their sign-in: the same rule.
        ok(api.post(batchPath + "/experts", "{\"account\":\"expert-5\",\"name\":\"专家5\"}", PROVINCE), 200);
        assertThat(ok(api.post("/api/v1/craftsmen/nominations/" + welder + "/scores", "{\"value\":\"99.00\"}",
                judge("expert-5", People.SHIGANG.uscc())), 403).path("type").asString()).endsWith("/expert-own-enterprise");
        ok(api.post("/api/v1/craftsmen/nominations/" + welder + "/scores", "{\"value\":\"90.00\"}", judge("expert-9", null)), 403);
        ok(api.post("/api/v1/craftsmen/nominations/" + welder + "/scores", "{\"value\":\"100.01\"}", judge("expert-2", null)), 400);
        score(api, welder, List.of("expert-2", "expert-3", "expert-4"), List.of("90.00", "92.00", "94.00"));
        ok(api.post("/api/v1/craftsmen/nominations/" + self + "/scores", "{\"value\":\"99.00\"}", judge("expert-shigang", People.SHIGANG.uscc())),
                403);
        score(api, self, List.of("expert-2", "expert-3", "expert-4"), List.of("85.00", "86.00", "87.00"));
        score(api, association, List.of("expert-shigang", "expert-2", "expert-3"), List.of("95.00", "96.00", "97.00"));
        JsonNode reviewed = ok(api.get("/api/v1/craftsmen/nominations/" + welder, PROVINCE), 200);
        assertThat(reviewed.path("stage").asString()).isEqualTo("EXPERT_REVIEWED");
        assertThat(reviewed.path("meanScore").decimalValue()).isEqualByComparingTo("92.00");

        // 专家回避: expert-3 turns out to be the association's former trainer. The office takes them off the panel with the
        // reason, before the notice; their scores count for nothing, so every nomination they scored is under review again
        // until another expert scores it. Nobody else does it, and never without a reason.
        String withdrawal = batchPath + "/experts/expert-3/withdrawal";
        ok(api.post(withdrawal, "{\"reason\":\"曾为被推荐人培训教师\"}", OTHER_PROVINCE), 403);
        ok(api.post(withdrawal, "{}", PROVINCE), 400);
        ok(api.post(withdrawal, "{\"reason\":\"\u200b\u200b\"}", PROVINCE), 400); // nothing that shows is no reason
        assertThat(ok(api.post(batchPath + "/experts/expert-77/withdrawal", "{\"reason\":\"x\"}", PROVINCE), 404).path("type").asString())
                .endsWith("/expert-not-on-panel");
        JsonNode withdrawn = ok(api.post(withdrawal, "{\"reason\":\"曾为被推荐人培训教师\"}", PROVINCE), 200);
        assertThat(withdrawn.path("experts").findValuesAsString("id")).doesNotContain("expert-3");
        assertThat(withdrawn.path("withdrawnExperts").get(0).path("reason").asString()).isEqualTo("曾为被推荐人培训教师");
        assertThat(ok(api.post(withdrawal, "{\"reason\":\"曾为被推荐人培训教师\"}", PROVINCE), 200).path("withdrawnExperts").size())
                .as("asked again, nothing more").isEqualTo(1);
        assertThat(ok(api.get(batchPath, null), 200).path("withdrawnExperts")).as("the public does not read who").isEmpty();
        for (String n : List.of(welder, self, association)) {
            JsonNode again = ok(api.get("/api/v1/craftsmen/nominations/" + n, PROVINCE), 200);
            assertThat(again.path("stage").asString()).isEqualTo("REVIEWED");
            assertThat(again.path("expertScores").asInt()).isEqualTo(2);
        }
        assertThat(ok(api.post("/api/v1/craftsmen/nominations/" + welder + "/scores", "{\"value\":\"99.00\"}", judge("expert-3", null)), 403)
                .path("type").asString()).endsWith("/not-an-expert-of-batch");
        assertThat(ok(api.post(batchPath + "/experts", "{\"account\":\"expert-3\",\"name\":\"专家3\"}", PROVINCE), 409).path("type")
                .asString()).as("回避 holds for the batch").endsWith("/expert-withdrawn");
        ok(api.post(batchPath + "/experts", "{\"account\":\"expert-6\",\"name\":\"专家6\"}", PROVINCE), 200);
        score(api, welder, List.of("expert-6"), List.of("93.00"));
        score(api, self, List.of("expert-6"), List.of("86.00"));
        score(api, association, List.of("expert-4"), List.of("97.00"));
        JsonNode rescored = ok(api.get("/api/v1/craftsmen/nominations/" + welder, PROVINCE), 200);
        assertThat(rescored.path("stage").asString()).isEqualTo("EXPERT_REVIEWED");
        assertThat(rescored.path("meanScore").decimalValue()).as("90, 94 and 93").isEqualByComparingTo("92.33");

        // Not before nominations close: one made after the notice opened could never be on it.
        assertThat(ok(api.post(batchPath + "/notice", "{}", PROVINCE), 409).path("type").asString()).endsWith("/nominations-still-open");
        // Every unit has sent its own: the office closes nominations now (截止申报), and the notice may follow.
        ok(api.post(batchPath + "/nominations/closing", "{}", OTHER_PROVINCE), 403);
        ok(api.post(batchPath + "/nominations/closing", "{}", PROVINCE), 200);
        assertThat(ok(api.post(batchPath + "/nominations", nominee(4, People.SHIGANG, null), worker("worker-4")), 409).path("type")
                .asString()).endsWith("/nominations-closed");
        ok(api.post(batchPath + "/notice", "{}", OTHER_PROVINCE), 403);
        JsonNode notice = ok(api.post(batchPath + "/notice", "{}", PROVINCE), 200);
        assertThat(ok(api.post(batchPath + "/experts/expert-2/withdrawal", "{\"reason\":\"迟到的回避\"}", PROVINCE), 409).path("type")
                .asString()).as("the review is over once the notice is open").endsWith("/panel-fixed-on-notice");
        assertThat(ok(api.post(batchPath + "/experts", "{\"account\":\"expert-7\",\"name\":\"专家7\"}", PROVINCE), 409).path("type")
                .asString()).as("nor joined").endsWith("/panel-fixed-on-notice");
        assertThat(ok(api.post(batchPath + "/notice", "{\"selected\":[\"" + self + "\"]}", PROVINCE), 409).path("type").asString())
                .as("another list while the notice stands").endsWith("/notice-exists");
        assertThat(ok(api.post(batchPath + "/notice", "{}", PROVINCE), 200)).as("asking again changes nothing").isEqualTo(notice);
        assertThat(notice.path("listed").findValuesAsString("nominationId")).as("the best two, by mean score").containsExactly(
                association, welder);
        JsonNode publicNotice = ok(api.get(batchPath + "/notice", null), 200);
        assertThat(publicNotice.path("listed").findValuesAsString("name")).hasSize(2);
        assertThat(publicNotice.toString()).doesNotContain(People.residentId(1), People.idHash(1));

        String objection = ok(api.post(batchPath + "/objections", """
                {"concerns":"%s","objector":{"name":"周明","contact":"13803110427"},"grounds":"申报的技术革新成果系他人完成",
                 "evidence":[{"name":"项目验收报告.pdf","contentType":"application/pdf","size":88213,
                   "sha256":"3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b"}]}""".formatted(welder),
                worker("worker-zhou")), 201).path("id").asString();
        JsonNode inFull = ok(api.get(batchPath + "/objections", PROVINCE), 200).get(0);
        assertThat(inFull.path("objector").path("name").asString()).as("the office reads who objects, to answer them").isEqualTo("周明");
        assertThat(inFull.path("grounds").asString()).isEqualTo("申报的技术革新成果系他人完成");
        ok(api.get(batchPath + "/objections", OTHER_PROVINCE), 403);
        assertThat(ok(api.post(batchPath + "/conferral", "{}", PROVINCE), 409).path("type").asString()).endsWith("/notice-still-open");
        ok(api.post(batchPath + "/objections/" + objection + "/answer", "{\"verdict\":\"UPHELD\",\"reason\":\"x\"}", OTHER_PROVINCE), 403);
        ok(api.post(batchPath + "/objections/" + objection + "/answer", "{\"verdict\":\"UPHELD\",\"reason\":\"经核实，成果完成人另有其人\"}",
                PROVINCE), 200);
        JsonNode rejected = ok(api.get("/api/v1/craftsmen/nominations/" + welder, SHIGANG_UNION), 200);
        assertThat(rejected.path("stage").asString()).isEqualTo("REJECTED");
        assertThat(rejected.path("rejectionReason").asString()).contains(objection, "成果完成人另有其人");
        // The quota has room again: a new notice of the one still on it and the next best, for a full period; the first
        // round's objection and its answer stay readable (they were gone for everyone).
        JsonNode second = ok(api.post(batchPath + "/notice", "{}", PROVINCE), 200);
        assertThat(second.path("round").asInt()).isEqualTo(2);
        assertThat(second.path("listed").findValuesAsString("nominationId")).containsExactlyInAnyOrder(association, self);
        assertThat(ok(api.post(batchPath + "/notice", "{}", PROVINCE), 200)).as("asking again").isEqualTo(second);
        assertThat(ok(api.get(batchPath + "/notice", null), 200).path("objections").findValuesAsString("id")).contains(objection);
        assertThat(ok(api.get(batchPath + "/objections", PROVINCE), 200).findValuesAsString("id")).contains(objection);

        ShiftedTime.CLOCK.forward(Duration.ofDays(30));
        ok(api.post(batchPath + "/objections", """
                {"concerns":"%s","objector":{"name":"周明","contact":"13803110427"},"grounds":"迟到的异议",
                 "evidence":[{"name":"a.pdf","contentType":"application/pdf","size":1,
                   "sha256":"3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b"}]}""".formatted(association),
                worker("worker-zhou")), 409);
        JsonNode conferred = ok(api.post(batchPath + "/conferral", "{}", PROVINCE), 200);
        assertThat(conferred.path("conferred").findValuesAsString("id")).containsExactlyInAnyOrder(association, self);
        assertThat(conferred.path("conferred").get(0).path("title").asString()).isEqualTo("2026年度燕赵工匠".replace("2026",
                String.valueOf(java.time.Year.now().getValue())));
        assertThat(conferred.path("held")).as("the rejected welder is on no notice any more").isEmpty();
        assertThat(ok(api.post(batchPath + "/conferral", "{}", PROVINCE), 200)).as("conferring again").isEqualTo(conferred);

        try (TopicProbe events = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "contest.events")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> events.withKey(association).size() >= 3 && events.withKey(welder).size() >= 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> events.withKey(association).size() >= 4);
            assertThat(events.withKey(association)).extracting(r -> TopicProbe.header(r, "ce_type")).containsExactly(
                    "cn.unionhub.contest.craftsman-nominated.v1", "cn.unionhub.contest.craftsman-noticed.v1",
                    "cn.unionhub.contest.craftsman-noticed.v1", "cn.unionhub.contest.craftsman-conferred.v1");
            assertThat(events.withKey(welder)).extracting(r -> TopicProbe.header(r, "ce_type")).containsExactly(
                    "cn.unionhub.contest.craftsman-nominated.v1", "cn.unionhub.contest.craftsman-noticed.v1",
                    "cn.unionhub.contest.craftsman-rejected.v1");
            for (ConsumerRecord<String, byte[]> event : events.withKey(association)) {
                assertThat(schemas.violations(TopicProbe.header(event, "ce_type"), JSON.readTree(event.value()))).isEmpty();
            }
        }
    }

    private static void score(ApiClient api, String nomination, List<String> experts, List<String> values) {
        for (int i = 0; i < experts.size(); i++) {
            ok(api.post("/api/v1/craftsmen/nominations/" + nomination + "/scores", "{\"value\":\"" + values.get(i) + "\"}",
                    judge(experts.get(i), experts.get(i).equals("expert-shigang") ? People.SHIGANG.uscc() : null)), 200);
        }
    }

    private static String nominee(int n, People.Enterprise at, String association) {
        return """
                {"idNumber":"%s","name":"%s","enterprise":"%s","enterpriseName":"%s","occupation":"焊工",
                 "achievements":"长期扎根生产一线，技术精湛"%s}""".formatted(People.residentId(n), People.WELDERS.get(n % People.WELDERS.size()), at.uscc(), at.name(),
                association == null ? "" : ",\"nominatedBy\":\"" + association + "\"");
    }
}
