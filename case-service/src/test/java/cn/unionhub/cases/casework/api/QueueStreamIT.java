package cn.unionhub.cases.casework.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.cases.registry.RegisterCopy;
import cn.unionhub.cases.registry.RegisterFixtures;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import cn.unionhub.security.Role;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.EventStream;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.TestEvents;
import cn.unionhub.test.TestTokens;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The work queue pushed to the organisation that works it: a case routed to 宁波富德能源's union
 * reaches its chair's stream and not the neighbour's; an anonymous worker's step by day only; a
 * resume gets exactly what was missed; no organisation, no stream.
 */
@IntegrationTest
class QueueStreamIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Not in the test register: a 12351 order may name an enterprise the register does not know. */
    private static final String QINGDAO_ENTERPRISE = "91370212MA3C4D5E6A";

    @Value("${local.server.port}")
    int port;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void registered(@Autowired RegisterCopy register) {
        RegisterFixtures.registerPilotDistricts(register);
        register.registered(RegisterFixtures.district("370212", "崂山区", "370200"));
        RegisterFixtures.enterpriseWithUnion(register, QINGDAO_ENTERPRISE, "青岛崂山测试科技有限公司", "370212");
    }

    private URI stream() {
        return URI.create("http://localhost:" + port + "/api/v1/cases/queue/stream");
    }

    @Test
    void aCaseRoutedToTheEnterpriseUnionIsPushedToItsChairOnlyByDayWhenAnonymousAndResumedExactly() throws Exception {
        String lastSeen;
        String caseNumber;
        try (EventStream chair = EventStream.open(stream(), People.CHAIR_FUDE.token(), null);
                EventStream neighbour = EventStream.open(stream(), People.CHAIR_BEILUN.token(), null)) {
            assertThat(chair.status()).isEqualTo(200);
            assertThat(chair.next(WAIT).name()).isEqualTo("ready");
            assertThat(neighbour.next(WAIT).name()).isEqualTo("ready");

            String feedbackId = UUID.randomUUID().toString();
            kafka.send(TestEvents.record(new FeedbackSubmitted(feedbackId, "ZGDP-20261130-Q8E8E2", "COMPLAINT",
                    "CANTEEN_DORMITORY_COMMUTE", "MINI_PROGRAM", true, "REGULAR", People.Enterprises.FUDE_ENERGY, "宁波富德能源有限公司",
                    "330211", true, "夜班没有通勤车", Map.of(), Map.of(), Instant.now()), UUID.randomUUID().toString())).join();
            EventStream.Event routed = chair.until(e -> e.name().equals("queue") && action(e).equals("ROUTED"), WAIT).get(0);
            JsonNode step = JSON.readTree(routed.data());
            caseNumber = step.path("caseNumber").asString();
            assertThat(step.path("inQueue").asBoolean()).isTrue();
            OffsetDateTime at = OffsetDateTime.parse(step.path("at").asString());
            assertThat(at.toLocalTime()).as("an anonymous worker's case, seen by the enterprise's union").isEqualTo(LocalTime.MIDNIGHT);

            ApiClient api = new ApiClient(port);
            assertThat(api.post("/api/v1/cases/" + caseNumber + "/acceptance", "{}", People.CHAIR_FUDE.token()).statusCode())
                    .isEqualTo(200);
            EventStream.Event accepted = chair.until(e -> e.name().equals("queue") && action(e).equals("ACCEPTED"), WAIT).get(0);
            assertThat(Long.parseLong(accepted.id())).isGreaterThan(Long.parseLong(routed.id()));
            lastSeen = accepted.id();
            assertThat(neighbour.drain(Duration.ofMillis(500))).as("another enterprise's union hears nothing of it").isEmpty();
        }

        // Answered while the chair's page was closed: reopened with the last id, exactly that comes.
        ApiClient api = new ApiClient(port);
        assertThat(api.post("/api/v1/cases/" + caseNumber + "/responses", "{\"text\":\"已向公司反映\"}", People.CHAIR_FUDE.token())
                .statusCode()).isEqualTo(200);
        String number = caseNumber;
        await().atMost(WAIT).until(() -> mongo.getCollection("case_queue_entries")
                .countDocuments(new Document("body.caseNumber", number).append("body.action", "RESPONDED")) == 1);
        try (EventStream resumed = EventStream.open(stream(), People.CHAIR_FUDE.token(), lastSeen)) {
            EventStream.Event missed = resumed.next(WAIT);
            assertThat(Long.parseLong(missed.id())).isEqualTo(Long.parseLong(lastSeen) + 1);
            assertThat(resumed.drain(Duration.ofMillis(500))).extracting(QueueStreamIT::action).doesNotContain("ACCEPTED");
        }
    }

    /** One organisation id, CITY_UNION, for the city union of every city the platform serves: each city hears its own. */
    @Test
    void theCityUnionsQueueStreamCarriesItsOwnCitysCasesOnly() throws Exception {
        String qingdaoCity = TestTokens.token().subject("staff-qingdao-city").roles(Role.DISTRICT_UNION).district("370200")
                .organisation("CITY_UNION").build();
        try (EventStream ningbo = EventStream.open(stream(), People.CITY_STAFF.token(), null);
                EventStream qingdao = EventStream.open(stream(), qingdaoCity, null)) {
            assertThat(ningbo.next(WAIT).name()).isEqualTo("ready");
            assertThat(qingdao.next(WAIT).name()).isEqualTo("ready");

            String feedbackId = UUID.randomUUID().toString();
            kafka.send(TestEvents.record(new FeedbackSubmitted(feedbackId, "ZGDP-20261204-C1TY00", "COMPLAINT",
                    "CANTEEN_DORMITORY_COMMUTE", "MINI_PROGRAM", true, "REGULAR", People.Enterprises.FUDE_ENERGY, "宁波富德能源有限公司",
                    "330211", true, "宿舍停水三天", Map.of(), Map.of(), Instant.now()), UUID.randomUUID().toString())).join();
            ApiClient api = new ApiClient(port);
            String caseNumber = await().atMost(WAIT).until(() -> mongo.getCollection("cases")
                    .find(new Document("sourceReference", feedbackId)).first(), d -> d != null).getString("caseNumber");
            assertThat(api.post("/api/v1/cases/" + caseNumber + "/transfer",
                    "{\"organisationType\":\"CITY_UNION\",\"reason\":\"宿舍属市属园区，请市总协调\"}", People.CHAIR_FUDE.token()).statusCode())
                    .isEqualTo(200);

            List<EventStream.Event> heard = new ArrayList<>(ningbo.until(e -> e.name().equals("queue"), WAIT));
            JsonNode step = JSON.readTree(heard.get(0).data());
            assertThat(step.path("caseNumber").asString()).isEqualTo(caseNumber);
            assertThat(step.path("inQueue").asBoolean()).isTrue();
            assertThat(qingdao.drain(Duration.ofMillis(500))).as("青岛's city union hears nothing of a 宁波 case").isEmpty();

            // 青岛's queue moves: 宁波's stream does not even skip a number for it (in one log for both cities, the
            // numbers 宁波's staff were not sent told them when 青岛's city union got work).
            String laoshan = TestTokens.token().subject("staff-laoshan").roles(Role.DISTRICT_UNION).district("370212").build();
            HttpResponse<String> filed = api.post("/api/v1/cases/hotline-orders", """
                    {"reference":"12351-QD-%s","category":"OTHER","enterprise":"%s","district":"370212","workerGroup":"REGULAR",
                     "summary":"环卫工人休息点不足"}""".formatted(UUID.randomUUID().toString().substring(0, 8), QINGDAO_ENTERPRISE), laoshan);
            assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
            String qingdaoCase = JSON.readTree(filed.body()).path("caseNumber").asString();
            assertThat(api.post("/api/v1/cases/" + qingdaoCase + "/transfer",
                    "{\"organisationType\":\"CITY_UNION\",\"reason\":\"涉及多区，市总牵头\"}", laoshan).statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(qingdao.until(e -> e.name().equals("queue"), WAIT).get(0).data()).path("caseNumber").asString())
                    .isEqualTo(qingdaoCase);
            assertThat(api.post("/api/v1/cases/" + caseNumber + "/responses", "{\"text\":\"市总已接办\"}", People.CITY_STAFF.token())
                    .statusCode()).isEqualTo(200);
            heard.addAll(ningbo.until(e -> e.name().equals("queue") && action(e).equals("RESPONDED"), WAIT));
            List<Long> numbers = heard.stream().filter(e -> e.name().equals("queue")).map(e -> Long.parseLong(e.id())).toList();
            assertThat(numbers).as("宁波's steps, numbered without a gap").isEqualTo(LongStream.range(numbers.get(0),
                    numbers.get(0) + numbers.size()).boxed().toList());
            assertThat(heard).extracting(e -> JSON.readTree(e.data()).path("caseNumber").asString()).containsOnly(caseNumber);
            // Only what happened since the case came to the city union: not the enterprise union's opening and routing,
            // shown in the case's new status.
            assertThat(heard).extracting(QueueStreamIT::action).doesNotContain("OPENED", "ROUTED").first().isEqualTo("TRANSFERRED");
        }
    }

    @Test
    void onlyStaffOfAHandlingOrganisationHaveAQueueStream() throws Exception {
        try (EventStream anonymous = EventStream.open(stream(), null, null);
                EventStream worker = EventStream.open(stream(), People.WORKER_ZHANG_WEI.token(), null);
                EventStream admin = EventStream.open(stream(), People.ADMIN.token(), null)) {
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(worker.status()).isEqualTo(403);
            assertThat(admin.status()).as("an administrator works for no organisation").isEqualTo(403);
        }
    }

    private static String action(EventStream.Event e) {
        return JSON.readTree(e.data()).path("action").asString();
    }
}
