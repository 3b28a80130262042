package cn.unionhub.feedback.submission.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.events.cases.CaseResponded;
import cn.unionhub.events.cases.CaseRouted;
import cn.unionhub.feedback.timeline.domain.TimelineStep;
import cn.unionhub.feedback.timeline.store.WorkerTimelines;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.EventStream;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.TestEvents;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A worker's own timeline as server-sent events: pushed as case-service's progress arrives, never
 * another worker's, only for workers, and resumed with Last-Event-ID without a gap or a repeat.
 */
@IntegrationTest
class TimelineStreamIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String COMMUTE = """
            {"type":"COMPLAINT","category":"CANTEEN_DORMITORY_COMMUTE","channel":"MINI_PROGRAM",
             "enterprise":"91330211MA2H3K5Q1G","anonymous":true,"text":"夜班下班没有通勤车，步行回宿舍不安全。"}""";

    @Value("${local.server.port}")
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    WorkerTimelines timelines;

    private URI stream() {
        return URI.create("http://localhost:" + port + "/api/v1/feedback/submissions/mine/stream");
    }

    @Test
    void theWorkersOwnTimelineIsPushedAsItMovesAndResumesExactlyAfterTheLastEventTheyHad() throws Exception {
        ApiClient api = new ApiClient(port);
        String lastSeen;
        String tracking;
        String feedbackId;
        try (EventStream zhang = EventStream.open(stream(), People.WORKER_ZHANG_WEI.token(), null);
                EventStream li = EventStream.open(stream(), People.WORKER_LI_NA.token(), null)) {
            assertThat(zhang.status()).isEqualTo(200);
            assertThat(zhang.header("Cache-Control")).contains("no-store");
            assertThat(zhang.header("X-Accel-Buffering")).as("a proxy must not hold events back").contains("no");
            assertThat(zhang.next(WAIT).name()).isEqualTo("ready");
            assertThat(li.next(WAIT).name()).isEqualTo("ready");

            HttpResponse<String> created = api.post("/api/v1/feedback/submissions", COMMUTE, People.WORKER_ZHANG_WEI.token());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            tracking = JSON.readTree(created.body()).path("trackingNumber").asString();
            feedbackId = mongo.getCollection("feedback_items").find(new Document("trackingNumber", tracking)).first().getString("_id");

            EventStream.Event received = zhang.until(e -> e.name().equals("timeline"), WAIT).get(0);
            JsonNode entry = JSON.readTree(received.data());
            assertThat(entry.path("trackingNumber").asString()).isEqualTo(tracking);
            assertThat(entry.path("kind").asString()).isEqualTo("RECEIVED");
            assertThat(entry.path("at").asString()).endsWith("+08:00");

            // case-service routes it: pushed as it is applied, no polling by the client.
            String caseNumber = "GD-20261130-" + tracking.substring(tracking.length() - 6);
            kafka.send(TestEvents.record(new CaseRouted("case-" + feedbackId, caseNumber, feedbackId, "ENTERPRISE_UNION",
                    "宁波富德能源有限公司工会", "enterprise", Instant.now().plus(Duration.ofDays(1)), Instant.now()),
                    UUID.randomUUID().toString())).join();
            EventStream.Event routed = zhang.until(e -> e.name().equals("timeline"), WAIT).get(0);
            assertThat(JSON.readTree(routed.data()).path("kind").asString()).isEqualTo("ROUTED");
            assertThat(Long.parseLong(routed.id())).isEqualTo(Long.parseLong(received.id()) + 1);
            lastSeen = routed.id();

            assertThat(li.drain(Duration.ofMillis(500))).as("another worker's stream says nothing of it").isEmpty();
        }

        // While the app is closed, the case is answered; reopened with the last id, exactly that comes, once.
        String caseNumber = "GD-20261130-" + tracking.substring(tracking.length() - 6);
        kafka.send(TestEvents.record(new CaseResponded("case-" + feedbackId, caseNumber, feedbackId, "ENTERPRISE_UNION",
                "已协调夜班通勤车", true, true, Instant.now()), UUID.randomUUID().toString())).join();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> api.get("/api/v1/feedback/submissions/" + tracking,
                People.WORKER_ZHANG_WEI.token()).body().contains("RESPONDED"));
        try (EventStream resumed = EventStream.open(stream(), People.WORKER_ZHANG_WEI.token(), lastSeen)) {
            EventStream.Event missed = resumed.next(WAIT);
            assertThat(missed.name()).isEqualTo("timeline");
            assertThat(JSON.readTree(missed.data()).path("kind").asString()).isEqualTo("RESPONDED");
            assertThat(Long.parseLong(missed.id())).isEqualTo(Long.parseLong(lastSeen) + 1);
            assertThat(resumed.drain(Duration.ofMillis(500))).as("nothing twice").isEmpty();
        }

        // A resume point this log never gave (or no longer keeps): reload, then go on from the newest.
        try (EventStream lost = EventStream.open(stream(), People.WORKER_ZHANG_WEI.token(), "999999")) {
            EventStream.Event reset = lost.next(WAIT);
            assertThat(reset.name()).isEqualTo("reset");
            assertThat(JSON.readTree(reset.data()).path("last").asLong()).isEqualTo(Long.parseLong(lastSeen) + 1);
        }
    }

    @Test
    void manyWritersForOneWorkerNumberItsEntriesWithoutAHoleOrARepeat() throws Exception {
        String worker = "psn_concurrency-" + UUID.randomUUID();
        List<TimelineStep.Unlogged> steps = List.of(new TimelineStep.Unlogged(Instant.now(), "RECEIVED", null),
                new TimelineStep.Unlogged(Instant.now(), "ROUTED", "工会"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> writes = new java.util.ArrayList<>();
            for (int item = 0; item < 30; item++) {
                String id = "item-" + item;
                // each item's timeline told twice, at once: logged once
                writes.add(pool.submit(() -> timelines.log(worker, id, "T-" + id, steps)));
                writes.add(pool.submit(() -> timelines.log(worker, id, "T-" + id, steps)));
            }
            for (java.util.concurrent.Future<?> w : writes) {
                w.get();
            }
        } finally {
            pool.shutdown();
        }
        List<TimelineStep> logged = timelines.after(worker, 0);
        assertThat(logged).extracting(TimelineStep::number).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, logged.size()).boxed().toList());
        assertThat(logged).hasSize(60);
        assertThat(logged.stream().map(s -> s.feedbackId() + ":" + s.index()).distinct().count()).as("each entry once").isEqualTo(60);
        assertThat(timelines.last(worker)).isEqualTo(logged.size());
        assertThat(timelines.after(worker, 58)).extracting(TimelineStep::number).containsExactly(59L, 60L);
    }

    @Test
    void onlyASignedInWorkerHasAStream() throws Exception {
        try (EventStream anonymous = EventStream.open(stream(), null, null)) {
            assertThat(anonymous.status()).isEqualTo(401);
        }
        for (People p : People.values()) {
            if (p.name().startsWith("WORKER")) {
                continue;
            }
            try (EventStream staff = EventStream.open(stream(), p.token(), null)) {
                assertThat(staff.status()).as(p.name()).isEqualTo(403);
            }
        }
    }
}
