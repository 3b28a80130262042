package cn.unionhub.alert.risk;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.alert.risk.domain.RiskProfile;
import cn.unionhub.alert.risk.domain.Signal;
import cn.unionhub.alert.risk.store.Profiles;
import cn.unionhub.alert.risk.store.RiskLevels;
import cn.unionhub.alert.warning.domain.Warning;
import cn.unionhub.alert.warning.domain.WarningLevel;
import cn.unionhub.alert.warning.store.Warnings;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.StoreWork;
import cn.unionhub.test.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The constant-work structures against the real store: the wage-reporter ledger under racing
 * writers and redeliveries, the list of enterprises with a level, the list of open warnings, and
 * the store work of a signal, which must not grow with the enterprise's history.
 */
@IntegrationTest
class ConstantWorkIT {

    @Autowired
    RiskService risk;
    @Autowired
    Profiles profiles;
    @Autowired
    RiskLevels levels;
    @Autowired
    Warnings warnings;
    @Autowired
    MongoTemplate mongo;

    @Test
    void wageComplaintsRacingFromThreeThreadsAndDeliveredTwiceCountEachWorkerOnce() throws Exception {
        String enterprise = "91330211MA2H" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Instant start = Instant.now().minus(Duration.ofHours(30));
        List<Signal> deliveries = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int worker = 1; worker <= 12; worker++) {
                Signal complaint = new Signal("it-" + UUID.randomUUID(), enterprise, "宁波海达机械有限公司", "330211", null,
                        "WAGE_ARREARS_COMPLAINT", 1, start.plus(Duration.ofMinutes(round * 300L + worker * 7L)),
                        "feedback-service", null, "worker-" + worker, 100_000);
                deliveries.add(complaint);
                deliveries.add(complaint); // redelivered
            }
        }
        Collections.shuffle(deliveries, new Random(7));

        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Signal s : deliveries) {
                done.add(threads.submit(() -> recordAsTheListenerWould(s)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }

        RiskProfile profile = profiles.load(enterprise).profile();
        Instant now = Instant.now();
        assertThat(profile.workersReporting(now, risk.model())).isEqualTo(12);
        // Each worker's three reports (five hours apart) are one debt: counted once (it was 36 × 100,000).
        assertThat(profile.amountAtStakeFen()).isEqualTo(12 * 100_000L);
        assertThat(profile.reporters().buckets().values()).allMatch(n -> n > 0);
        assertThat(mongo.findById(enterprise + "|worker-1", Document.class, "wage_reporters")).isNotNull();

        // Ten or more workers: a red collective-dispute warning, on the lists that replace the scans.
        assertThat(profile.level()).isEqualTo(WarningLevel.RED);
        Warning warning = warnings.byId(profile.openWarningId()).orElseThrow();
        assertThat(warning.collectiveDispute()).isTrue();
        assertThat(warning.workersReporting()).isEqualTo(12);
        assertThat(warning.signals()).as("one per worker: a worker's repeats add nothing to explain").hasSize(12);
        assertThat(levels.enterprises()).contains(enterprise);
        long openRed = warnings.openByLevel().getOrDefault(WarningLevel.RED, 0L);
        assertThat(openRed).isGreaterThanOrEqualTo(1);

        // Closing takes it off the open warnings at once, and off the re-assessment list at the next round.
        Instant at = Instant.now();
        warnings.change(warning.id(), w -> w.verify(Warning.Verdict.FALSE_POSITIVE, "同一批职工重复反映", new Warning.Acting("ADMIN", "admin-1"), at));
        Warning closed = warnings.change(warning.id(), w -> w.close("已核实", new Warning.Acting("ADMIN", "admin-1"), at)).orElseThrow();
        risk.warningClosed(closed);
        assertThat(warnings.openByLevel().getOrDefault(WarningLevel.RED, 0L)).isEqualTo(openRed - 1);
        assertThat(mongo.findById(warning.id(), Document.class, "open_warnings")).isNull();
        risk.reassessAll();
        assertThat(levels.enterprises()).doesNotContain(enterprise);
        assertThat(profiles.load(enterprise).profile().workersReporting(Instant.now(), risk.model())).isZero();
    }

    @Test
    void aProfileWrittenWhenItListedEveryWageReportIsReadAndRewrittenWithoutThem() {
        String enterprise = "91330211MA2H" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Instant before = Instant.now().minus(Duration.ofHours(2));
        mongo.save(new Document(Map.of("_id", enterprise, "version", 3L, "asOf", java.util.Date.from(before),
                "sums", Map.of("WAGE_ARREARS_COMPLAINT", List.of(7.0, 3.0)),
                "wageReports", List.of(new Document(Map.of("reporter", "worker-1", "at", java.util.Date.from(before)))),
                "recentSignals", List.of("old-1"))), "risk_profiles");

        risk.record(new Signal("it-" + UUID.randomUUID(), enterprise, null, "330211", null, "WAGE_ARREARS_COMPLAINT", 1,
                Instant.now().minusSeconds(60), "feedback-service", null, "worker-2", 0));

        RiskProfile profile = profiles.load(enterprise).profile();
        assertThat(profile.workersReporting(Instant.now(), risk.model())).isEqualTo(1); // the old list is not read
        assertThat(profile.score(Instant.now(), risk.model())).isGreaterThan(19.0); // the old sums are
        assertThat(mongo.findById(enterprise, Document.class, "risk_profiles")).doesNotContainKey("wageReports");
    }

    @Test
    void staleOpenWarningEntriesAreRemovedWhenCountedAndFreshOnesWaitForTheirRaise() {
        String stale = "STALE-" + UUID.randomUUID();
        String underWay = "UNDERWAY-" + UUID.randomUUID();
        mongo.save(new Document(Map.of("_id", stale, "listedAt", java.util.Date.from(Instant.now().minus(Duration.ofHours(2))))),
                "open_warnings");
        mongo.save(new Document(Map.of("_id", underWay, "listedAt", java.util.Date.from(Instant.now()))), "open_warnings");

        warnings.openByLevel();

        assertThat(mongo.findById(stale, Document.class, "open_warnings")).isNull();
        assertThat(mongo.findById(underWay, Document.class, "open_warnings")).isNotNull();
    }

    @Test
    void aPollsSignalsAreAppliedAnEnterpriseAtATimeInBoundedPartsOfOneProfileWriteEach() {
        String busy = "91330211MA2P" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String quiet = "91330211MA2Q" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Instant start = Instant.now().minus(Duration.ofHours(3));
        List<Signal> poll = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            poll.add(complaint(busy, "COMPLAINT", start.plusSeconds(i), "worker-" + i, 10));
            if (i % 100 == 0) {
                poll.add(complaint(quiet, "COMPLAINT", start.plusSeconds(i), "worker-" + i, 10));
            }
        }
        List<String> parts = new ArrayList<>();

        risk.recordAll(poll, part -> parts.add(part.get(0).enterprise().substring(0, 12) + " × " + part.size()));

        assertThat(parts).containsExactly("91330211MA2P × 100", "91330211MA2P × 100", "91330211MA2P × 30",
                "91330211MA2Q × 3");
        Document written = mongo.findById(busy, Document.class, "risk_profiles");
        assertThat(written.getLong("version")).as("one insert and two saves").isEqualTo(2L);
        assertThat(profiles.load(busy).profile().amountAtStakeFen()).isEqualTo(230 * 10L);
        assertThat(profiles.load(quiet).profile().amountAtStakeFen()).isEqualTo(3 * 10L);
    }

    /**
     * The process dies after a part's profile was written and before it was reported: the poll comes
     * back whole, and nothing of it counts twice — not the amounts, not the workers reporting wage
     * issues, even for a worker with more reports in the poll than the ledger remembers moves.
     */
    @Test
    void aPartWrittenButNotReportedIsRecognisedWhenThePollComesBack() {
        String enterprise = "91330211MA2R" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Instant start = Instant.now().minus(Duration.ofHours(3));
        List<Signal> poll = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            poll.add(complaint(enterprise, "WAGE_ARREARS_COMPLAINT", start.plus(Duration.ofMinutes(i)), "worker-" + (i % 3 + 1),
                    1_000));
        }
        List<Integer> parts = new ArrayList<>();
        try {
            risk.recordAll(poll, part -> {
                parts.add(part.size());
                if (parts.size() == 2) {
                    throw new IllegalStateException("killed after the second part's profile write");
                }
            });
        } catch (IllegalStateException killed) {
            // the listener would get the poll again from the first part not reported
        }
        // Each worker's reports in a part stay within what the ledger remembers of their moves.
        assertThat(parts).containsExactly(12, 12);

        risk.recordAll(poll, part -> {
        });

        RiskProfile profile = profiles.load(enterprise).profile();
        // Three workers' repeated reports: each worker's debt once; a first report applied twice would show here.
        assertThat(profile.amountAtStakeFen()).isEqualTo(3 * 1_000L);
        assertThat(profile.workersReporting(Instant.now(), risk.model())).isEqualTo(3);
        assertThat(profile.reporters().buckets().values()).allMatch(n -> n > 0);
        assertThat(profile.reporters().buckets().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
    }

    /**
     * A collective dispute: forty workers' wage complaints in one poll cost the store what four
     * workers' cost — each part reads its workers' ledger entries at once and writes them at once,
     * where it took a read and a write per complaint (80 commands for these 40). The margin is for
     * this JVM's background work.
     */
    @Test
    void aPartsWageReportsReadAndWriteTheLedgerOnceHoweverManyWorkers() {
        String enterprise = "91330211MA2W" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Instant start = Instant.now().minus(Duration.ofHours(3));
        BiFunction<String, Integer, List<Signal>> poll = (who, workers) -> IntStream
                .range(0, workers).mapToObj(i -> complaint(enterprise, "WAGE_ARREARS_COMPLAINT",
                        start.plus(Duration.ofMinutes(i)), who + "-" + i, 1_000)).toList();
        risk.recordAll(poll.apply("first", 40), part -> {
        }); // the enterprise's profile and warning exist from here on
        try (StoreWork work = new StoreWork(TestInfrastructure.get().mongoUri())) {
            StoreWork.Reading before = work.read();
            risk.recordAll(poll.apply("few", 4), part -> {
            });
            long few = work.read().minus(before).commands();
            before = work.read();
            risk.recordAll(poll.apply("many", 40), part -> {
            });
            long many = work.read().minus(before).commands();
            assertThat(many).as("store commands for 40 workers' complaints vs %d for 4", few).isLessThanOrEqualTo(few + 4);
        }
        assertThat(profiles.load(enterprise).profile().workersReporting(Instant.now(), risk.model())).isEqualTo(84);
        assertThat(mongo.getCollection("wage_reporters").countDocuments(
                new Document("_id", new Document("$regex", "^" + enterprise + "\\|")))).isEqualTo(84);
    }

    private static Signal complaint(String enterprise, String kind, Instant at, String reporter, long amountFen) {
        return new Signal("it-" + UUID.randomUUID(), enterprise, "宁波海达机械有限公司", "330211", null, kind, 1, at,
                "feedback-service", null, reporter, amountFen);
    }

    /**
     * A signal costs the store the same whether its enterprise has a short or a long history: a
     * query that read the enterprise's signals or every profile would examine hundreds more
     * documents with the longer history. (The margin is for this JVM's background work.)
     */
    @Test
    void theStoreWorkOfASignalDoesNotGrowWithTheEnterprisesHistory() {
        String enterprise = "91330211MA2K" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Instant start = Instant.now().minus(Duration.ofHours(20));
        int[] sent = {0};
        Runnable oneMore = () -> {
            sent[0]++;
            risk.record(new Signal("it-" + UUID.randomUUID(), enterprise, "宁波海达机械有限公司", "330211", null,
                    "WAGE_ARREARS_COMPLAINT", 1, start.plus(Duration.ofSeconds(sent[0] * 30L)), "feedback-service", null,
                    "worker-" + (sent[0] % 40), 100_000));
        };
        try (StoreWork work = new StoreWork(TestInfrastructure.get().mongoUri())) {
            for (int i = 0; i < 20; i++) {
                oneMore.run();
            }
            long shortHistory = examinedBy(work, oneMore, 10);
            for (int i = 0; i < 600; i++) {
                oneMore.run();
            }
            long longHistory = examinedBy(work, oneMore, 10);
            assertThat(longHistory).as("documents examined per signal after 630 signals vs %d after 30", shortHistory)
                    .isLessThanOrEqualTo(shortHistory + 10);
        }
    }

    private static long examinedBy(StoreWork work, Runnable signal, int signals) {
        StoreWork.Reading before = work.read();
        for (int i = 0; i < signals; i++) {
            signal.run();
        }
        return work.read().minus(before).examined() / signals;
    }

    /** The Kafka listener's error handler retries a failed record; here, a few times at once. */
    private void recordAsTheListenerWould(Signal signal) {
        for (int attempt = 1; ; attempt++) {
            try {
                risk.record(signal);
                return;
            } catch (OptimisticLockingFailureException | DuplicateKeyException concurrent) {
                if (attempt == 10) {
                    throw concurrent;
                }
            }
        }
    }
}
