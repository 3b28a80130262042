package cn.unionhub.feedback.submission.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.events.cases.CaseResolved;
import cn.unionhub.events.cases.CaseResponded;
import cn.unionhub.feedback.submission.SubmissionService;
import cn.unionhub.platform.events.EventSchemas;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.TestEvents;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TopicProbe;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
@TestPropertySource(properties = "unionhub.feedback.rating-window=PT1S")
class SatisfactionIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COMMUTE = """
            {"type":"COMPLAINT","category":"CANTEEN_DORMITORY_COMMUTE","channel":"MINI_PROGRAM",
             "enterprise":"91330211MA2H3K5Q1G","anonymous":true,"text":"单程一个多小时，希望安排通勤车。"}""";


    @Value("${local.server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }
    @Autowired
    MongoTemplate mongo;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    EventSchemas schemas;
    @Autowired
    SubmissionService submissions;
    @Autowired
    MeterRegistry meters;

    @Test
    void anAnonymousWorkerRatesWithTheFollowUpTokenAndNotSatisfiedIsPublishedWithoutTheirIdentity() {
        JsonNode receipt = submitAndResolve();
        String tracking = receipt.path("trackingNumber").asString();
        String token = receipt.path("followUpToken").asString();
        double notSatisfiedBefore = ratingsCounted("NOT_SATISFIED", false);
        // The worker is told by when to rate, and what counts if they do not.
        JsonNode followed = JSON.readTree(api().post("/api/v1/feedback/follow-up", "{\"trackingNumber\":\"" + tracking
                + "\",\"token\":\"" + token + "\"}", null).body());
        assertThat(followed.path("ratingDue").path("ifNotRated").asString()).isEqualTo("SATISFIED");
        assertThat(followed.path("ratingDue").path("rateBy").asString()).endsWith("+08:00");

        HttpResponse<String> noReason = api().post("/api/v1/feedback/follow-up/satisfaction",
                "{\"trackingNumber\":\"" + tracking + "\",\"token\":\"" + token + "\",\"rating\":\"NOT_SATISFIED\"}", null);
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noReason.body()).path("errors").get(0).path("field").asString()).isEqualTo("reason");
        assertThat(api().post("/api/v1/feedback/follow-up/satisfaction", "{\"trackingNumber\":\"" + tracking
                + "\",\"token\":\"0000-0000-0000-0000-0000\",\"rating\":\"SATISFIED\"}", null).statusCode()).isEqualTo(404);

        HttpResponse<String> rated = api().post("/api/v1/feedback/follow-up/satisfaction", "{\"trackingNumber\":\"" + tracking
                + "\",\"token\":\"" + token + "\",\"rating\":\"NOT_SATISFIED\",\"reason\":\"晚班没有通勤车\"}", null);
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(200);
        assertThat(JSON.readTree(rated.body()).path("satisfaction").asString()).isEqualTo("NOT_SATISFIED");
        // Only the accepted rating counts, not the refused attempts before it.
        assertThat(ratingsCounted("NOT_SATISFIED", false)).isEqualTo(notSatisfiedBefore + 1);

        try (TopicProbe events = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "feedback.events")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> events.poll().stream()
                    .anyMatch(r -> "cn.unionhub.feedback.rated.v1".equals(TopicProbe.header(r, "ce_type")) && contains(r, tracking)));
            ConsumerRecord<String, byte[]> event = events.poll().stream()
                    .filter(r -> "cn.unionhub.feedback.rated.v1".equals(TopicProbe.header(r, "ce_type")) && contains(r, tracking))
                    .findFirst().orElseThrow();
            assertThat(schemas.violations("cn.unionhub.feedback.rated.v1", JSON.readTree(event.value()))).isEmpty();
            assertThat(new String(event.value(), StandardCharsets.UTF_8)).contains("晚班没有通勤车")
                    .doesNotContain(People.WORKER_ZHANG_WEI.subject()).doesNotContain(token);
        }
    }

    @Test
    void theSignedInWorkerRatesTheirOwnItemOnceAndNobodyElseCan() {
        String tracking = submitAndResolve().path("trackingNumber").asString();
        String satisfied = "{\"rating\":\"SATISFIED\"}";
        double satisfiedBefore = ratingsCounted("SATISFIED", false);

        assertThat(api().post("/api/v1/feedback/submissions/" + tracking + "/satisfaction", satisfied, People.WORKER_LI_NA.token())
                .statusCode()).isEqualTo(404);
        HttpResponse<String> rated = api().post("/api/v1/feedback/submissions/" + tracking + "/satisfaction", satisfied,
                People.WORKER_ZHANG_WEI.token());
        assertThat(JSON.readTree(rated.body()).path("status").asString()).isEqualTo("CLOSED");
        HttpResponse<String> again = api().post("/api/v1/feedback/submissions/" + tracking + "/satisfaction", satisfied,
                People.WORKER_ZHANG_WEI.token());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).path("title").asString()).isEqualTo("现在不能评价");
        assertThat(ratingsCounted("SATISFIED", false)).isEqualTo(satisfiedBefore + 1);
    }

    @Test
    void noAnswerWithinTheRatingWindowCountsAsTheDocumentedDefault() {
        String tracking = submitAndResolve().path("trackingNumber").asString();
        double defaultedBefore = ratingsCounted("SATISFIED", true);

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            submissions.applyDefaultRatings();
            return "CLOSED".equals(view(tracking).path("status").asString());
        });
        JsonNode item = view(tracking);
        assertThat(item.path("satisfaction").asString()).isEqualTo("SATISFIED");
        assertThat(item.path("timeline").findValuesAsString("kind")).endsWith("RATED_BY_DEFAULT");
        assertThat(ratingsCounted("SATISFIED", true)).isEqualTo(defaultedBefore + 1);
    }

    /** Submits as 张伟 and plays case-service's answer and resolution on case.events. */
    private JsonNode submitAndResolve() {
        HttpResponse<String> created = api().post("/api/v1/feedback/submissions", COMMUTE, People.WORKER_ZHANG_WEI.token(),
                UUID.randomUUID().toString());
        JsonNode receipt = JSON.readTree(created.body());
        String tracking = receipt.path("trackingNumber").asString();
        String feedbackId = mongo.getCollection("feedback_items").find(new Document("trackingNumber", tracking)).first().getString("_id");
        String caseNumber = "GD-20261121-" + tracking.substring(tracking.length() - 6);
        kafka.send(TestEvents.record(new CaseResponded("case-" + feedbackId, caseNumber, feedbackId, "ENTERPRISE_UNION",
                "已向公司反映", true, true, Instant.now()), UUID.randomUUID().toString())).join();
        kafka.send(TestEvents.record(new CaseResolved("case-" + feedbackId, caseNumber, feedbackId, "RESOLVED_BY_ENTERPRISE",
                "公司租赁大巴车接送职工上下班", null, null, Instant.now()), UUID.randomUUID().toString())).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> "RESOLVED".equals(view(tracking).path("status").asString()));
        return receipt;
    }

    private JsonNode view(String tracking) {
        return JSON.readTree(api().send(HttpRequest.newBuilder(api().uri("/api/v1/feedback/submissions/" + tracking))
                .header("Authorization", "Bearer " + People.WORKER_ZHANG_WEI.token()).GET().build()).body());
    }

    private double ratingsCounted(String rating, boolean defaulted) {
        Counter counter = meters.find("unionhub.feedback.ratings")
                .tags("rating", rating, "defaulted", Boolean.toString(defaulted)).counter();
        return counter == null ? 0 : counter.count();
    }

    private static boolean contains(ConsumerRecord<String, byte[]> record, String text) {
        return new String(record.value(), StandardCharsets.UTF_8).contains(text);
    }



}
