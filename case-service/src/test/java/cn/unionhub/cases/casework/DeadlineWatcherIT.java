package cn.unionhub.cases.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.casework.domain.CaseFacts;
import cn.unionhub.cases.casework.domain.CaseRules;
import cn.unionhub.cases.casework.store.Cases;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TopicProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deadline watcher run by two instances at the same moment over the same overdue cases: every
 * escalation level is announced exactly once per case, on Kafka and on the case.
 */
@IntegrationTest
@TestPropertySource(properties = "unionhub.cases.watcher-enabled=false")
class DeadlineWatcherIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CASES = 12;
    private static final int ROUNDS = 3;

    @Autowired
    CaseRules rules;
    @Autowired
    Cases cases;
    @Autowired
    CaseMetrics metrics;
    @Autowired
    Clock clock;
    @Autowired
    cn.unionhub.cases.casework.queue.QueueLog queues;

    @Test
    void twoInstancesEscalateEachLevelOfEachOverdueCaseExactlyOnce() throws Exception {
        // Cases opened two weeks ago and never answered: both escalation levels are long due.
        Instant twoWeeksAgo = clock.instant().minus(Duration.ofDays(14));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Case.Intake intake = new Case.Intake("case-watch-" + UUID.randomUUID(), Case.Source.HOTLINE_12351, "W" + i, null, null,
                    new Case.Matter("WORKING_CONDITIONS", People.Enterprises.FUDE_ENERGY, "宁波富德能源有限公司", "330211", "REGULAR",
                            "HOTLINE_12351", "车间高温无降温措施", null, null), false, Case.By.SYSTEM);
            Case.Changed opened = Case.open(intake, rules.routing().route(CaseFacts.of(intake.matter(), Case.Priority.NORMAL,
                    intake.source())), rules, "GD-20261101-" + "ABCDEFGHJKMN".charAt(i) + "WATCH", twoWeeksAgo);
            cases.insert(opened);
            ids.add(intake.id());
        }
        CaseService first = new CaseService(rules, cases, metrics, clock, new cn.unionhub.platform.identity.Pseudonyms("test-key-of-the-deadline-watcher-test-32b".getBytes(java.nio.charset.StandardCharsets.UTF_8)), queues,
                cn.unionhub.platform.domain.AnonymousRelease.immediately());
        CaseService second = new CaseService(rules, cases, metrics, clock, new cn.unionhub.platform.identity.Pseudonyms("test-key-of-the-deadline-watcher-test-32b".getBytes(java.nio.charset.StandardCharsets.UTF_8)), queues,
                cn.unionhub.platform.domain.AnonymousRelease.immediately());

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> runAfter(together, first), pool);
                CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> runAfter(together, second), pool);
                CompletableFuture.allOf(a, b).join();
            }
        } finally {
            pool.shutdownNow();
        }

        for (String id : ids) {
            Case c = cases.byId(id).orElseThrow();
            assertThat(c.escalationLevel()).isEqualTo(2);
            assertThat(c.nextCheckAt(rules)).isEmpty();
            assertThat(c.history()).filteredOn(e -> e.action().equals("ESCALATED")).hasSize(2);
            assertThat(cn.unionhub.cases.casework.domain.CaseHistory.verify(c.history()).valid()).isTrue();
        }
        try (TopicProbe caseEvents = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "case.events")) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    escalations(caseEvents.poll(), ids).values().stream().mapToInt(List::size).sum() >= CASES * 2);
            // ...and the count stays there: a duplicate published late would push it over.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                    escalations(caseEvents.poll(), ids).values().stream().mapToInt(List::size).sum() == CASES * 2);
            List<ConsumerRecord<String, byte[]>> seen = caseEvents.poll();
            Map<String, List<Integer>> levels = escalations(seen, ids);
            assertThat(levels).hasSize(CASES);
            levels.values().forEach(perCase -> assertThat(perCase).containsExactlyInAnyOrder(1, 2));
        }
    }

    private static int runAfter(CyclicBarrier together, CaseService instance) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return instance.checkDeadlines();
    }

    private static Map<String, List<Integer>> escalations(List<ConsumerRecord<String, byte[]>> records, List<String> ids) {
        return records.stream()
                .filter(r -> ids.contains(r.key()) && "cn.unionhub.case.escalated.v1".equals(TopicProbe.header(r, "ce_type")))
                .collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.mapping(r -> JSON.readTree(r.value()).path("level").asInt(), Collectors.toList())));
    }
}
