package cn.unionhub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.platform.stream.NumberedLog;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.StoreWork;
import cn.unionhub.test.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Numbered logs (the streams' event ids): every entry once, numbered without a hole, in a few commands. */
@IntegrationTest
class NumberedLogIT {

    @Autowired
    MongoTemplate mongo;

    private final String name = "log" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anEntryToldAgainOrByManyWritersAtOnceIsLoggedOnceAndThePlacesHaveNoHole() throws Exception {
        NumberedLog log = new NumberedLog(mongo, name);
        List<NumberedLog.Entry> told = IntStream.range(0, 20).mapToObj(i -> entry("item-" + i)).toList();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                work.add(() -> {
                    log.log("worker-1", told);
                    return null;
                });
            }
            for (Future<Void> done : writers.invokeAll(work)) {
                done.get();
            }
        } finally {
            writers.shutdown();
        }
        log.log("worker-1", told.subList(3, 9));

        List<NumberedLog.Logged> logged = log.after("worker-1", 0);
        assertThat(logged).extracting(NumberedLog.Logged::number).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 20).mapToObj(Long::valueOf).toList());
        assertThat(logged).extracting(l -> l.body().getString("what")).containsExactlyInAnyOrderElementsOf(
                told.stream().map(e -> e.body().getString("what")).toList());
        assertThat(log.last("worker-1")).isEqualTo(20);
        assertThat(log.after("worker-2", 0)).as("another key's log").isEmpty();
    }

    @Test
    void anEntryLoggedByAnEarlierVersionIsNotLoggedAgainNorOneAnOlderProcessIsStillLogging() {
        java.util.Date now = new java.util.Date();
        String keys = name + "_keys";
        mongo.insert(new Document("_id", "item-old").append("number", 1L).append("takenAt", now), keys);
        mongo.insert(new Document("_id", "worker-1:" + String.format("%010d", 1)).append("number", 1L)
                .append("body", new Document("what", "item-old")), name + "_entries");
        // Taken by a process of the version before a minute ago, never completed: abandoned.
        mongo.insert(new Document("_id", "item-abandoned").append("number", null)
                .append("takenAt", java.util.Date.from(now.toInstant().minusSeconds(60))), keys);
        // Taken just now by a process of the version before (an upgrade under way): its writer logs it.
        mongo.insert(new Document("_id", "item-being-logged").append("number", null).append("takenAt", now), keys);
        // Logged after the once-keys moved into the entries, before they were stored per log.
        mongo.insert(new Document("_id", "worker-1:" + String.format("%010d", 2)).append("number", 2L)
                .append("once", "item-bare").append("body", new Document("what", "item-bare")), name + "_entries");
        NumberedLog log = new NumberedLog(mongo, name);

        log.log("worker-1", List.of(entry("item-old"), entry("item-abandoned"), entry("item-being-logged"),
                entry("item-bare"), entry("item-new")));

        assertThat(log.after("worker-1", 0)).extracting(l -> l.body().getString("what"))
                .containsExactly("item-old", "item-bare", "item-abandoned", "item-new");
    }

    @Test
    void loggingAnEntryTakesFourCommandsHoweverLongTheLog() {
        NumberedLog log = new NumberedLog(mongo, name);
        log.log("worker-1", IntStream.range(0, 300).mapToObj(i -> entry("item-" + i)).toList());
        long fewest = Long.MAX_VALUE;
        try (StoreWork work = new StoreWork(TestInfrastructure.get().mongoUri())) {
            // The fewest of five: this JVM's background work (relay rounds) can only add to a reading.
            for (int i = 0; i < 5; i++) {
                StoreWork.Reading before = work.read();
                log.log("worker-1", List.of(entry("item-" + (300 + i))));
                StoreWork.Reading one = work.read().minus(before);
                fewest = Math.min(fewest, one.commands());
                assertThat(one.examined()).as("documents read: by key only").isLessThan(10);
            }
        }
        // Which are logged, the head, the insert, the head moved; plus the reading's own serverStatus.
        // (The once-keys' own collection took three more: seven.)
        assertThat(fewest).isEqualTo(4 + 1);
        assertThat(log.last("worker-1")).isEqualTo(305);
    }

    /** A lane's round carries everything told meanwhile: one insert for all of it. */
    @Test
    void loggingManyEntriesTakesTheSameFourCommandsAsOne() {
        NumberedLog log = new NumberedLog(mongo, name);
        log.log("worker-1", List.of(entry("item-first")));
        long fewest = Long.MAX_VALUE;
        try (StoreWork work = new StoreWork(TestInfrastructure.get().mongoUri())) {
            for (int i = 0; i < 3; i++) {
                StoreWork.Reading before = work.read();
                log.log("worker-1", IntStream.range(0, 100).mapToObj(n -> entry("item-" + n)).toList());
                fewest = Math.min(fewest, work.read().minus(before).commands());
            }
        }
        assertThat(fewest).as("told again, nothing new: which are logged, plus the reading").isEqualTo(1 + 1);
        // The store's counters are the whole server's: a background poll of this context can land in one
        // measurement, so the fewest of three fresh logs is what a log costs.
        NumberedLog fresh = null;
        long fewestFresh = Long.MAX_VALUE;
        try (StoreWork work = new StoreWork(TestInfrastructure.get().mongoUri())) {
            for (int i = 0; i < 3; i++) {
                fresh = new NumberedLog(mongo, name + "b" + i);
                StoreWork.Reading before = work.read();
                fresh.log("worker-1", IntStream.range(0, 100).mapToObj(n -> entry("item-" + n)).toList());
                fewestFresh = Math.min(fewestFresh, work.read().minus(before).commands());
            }
        }
        assertThat(fewestFresh).as("which are logged, the head, one insert, the head moved").isLessThanOrEqualTo(4 + 1);
        assertThat(fresh.after("worker-1", 0)).extracting(NumberedLog.Logged::number)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
    }

    /**
     * Another writer took places in the middle of a batch without moving the head yet: the batch goes
     * around them in order, without a hole, and an entry that writer logged is not logged again.
     * (Four writers racing with the same entries, above, meet the other refusal: an entry logged by
     * another writer between the look and the insert.)
     */
    @Test
    void aBatchGoesAroundPlacesAnotherWriterTookAndEntriesItLogged() {
        String entries = name + "_entries";
        NumberedLog log = new NumberedLog(mongo, name);
        mongo.insert(new Document("_id", "worker-1:" + String.format("%010d", 3)).append("number", 3L)
                .append("once", "worker-1/other-a").append("body", new Document("what", "other-a")), entries);
        mongo.insert(new Document("_id", "worker-1:" + String.format("%010d", 4)).append("number", 4L)
                .append("once", "worker-1/item-4").append("body", new Document("what", "item-4")), entries);
        mongo.insert(new Document("_id", "worker-1:" + String.format("%010d", 7)).append("number", 7L)
                .append("once", "worker-1/other-b").append("body", new Document("what", "other-b")), entries);

        log.log("worker-1", List.of(entry("item-1"), entry("item-2"), entry("item-3"), entry("item-5"),
                entry("item-6"), entry("item-7")));
        log.log("worker-1", List.of(entry("item-4"), entry("item-8")));

        assertThat(log.after("worker-1", 0)).extracting(l -> l.body().getString("what")).containsExactly(
                "item-1", "item-2", "other-a", "item-4", "item-3", "item-5", "other-b", "item-6", "item-7", "item-8");
        assertThat(log.last("worker-1")).isEqualTo(10);
    }

    /**
     * A lane's round for a dozen workers complaining together: the same four commands as for one,
     * every worker's log numbered from 1 without a hole. A place another writer took in the middle
     * worker's log sends that worker around it; the workers after it are still logged in one insert.
     */
    @Test
    void manyKeysAreLoggedTogetherInFourCommandsAndARefusalInOneHoldsUpNoOther() {
        NumberedLog log = new NumberedLog(mongo, name);
        Map<String, List<NumberedLog.Entry>> round = new LinkedHashMap<>();
        for (int w = 1; w <= 12; w++) {
            round.put("worker-" + w, IntStream.range(0, 10).mapToObj(n -> entry("item-" + n)).toList());
        }
        try (StoreWork work = new StoreWork(TestInfrastructure.get().mongoUri())) {
            StoreWork.Reading before = work.read(name);
            log.logAll(round);
            // This log's collections only (not the reading's own serverStatus, nor another component's poll in this
            // process that falls inside the window: that made one run of 2026-12-03 count six).
            assertThat(work.read(name).minus(before).commands()).as("which are logged, the heads, one insert, the heads moved")
                    .isEqualTo(4);
        }
        for (int w = 1; w <= 12; w++) {
            assertThat(log.after("worker-" + w, 0)).extracting(l -> l.body().getString("what"))
                    .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(n -> "item-" + n).toList());
        }

        NumberedLog other = new NumberedLog(mongo, name + "b");
        mongo.insert(new Document("_id", "worker-b:" + String.format("%010d", 2)).append("number", 2L)
                .append("once", "worker-b/other").append("body", new Document("what", "other")), name + "b_entries");
        Map<String, List<NumberedLog.Entry>> refused = new LinkedHashMap<>();
        for (String w : List.of("worker-a", "worker-b", "worker-c")) {
            refused.put(w, List.of(entry(w + "-1"), entry(w + "-2"), entry(w + "-3")));
        }
        other.logAll(refused);
        assertThat(other.after("worker-a", 0)).extracting(l -> l.body().getString("what"))
                .containsExactly("worker-a-1", "worker-a-2", "worker-a-3");
        assertThat(other.after("worker-b", 0)).extracting(l -> l.body().getString("what"))
                .containsExactly("worker-b-1", "other", "worker-b-2", "worker-b-3");
        assertThat(other.after("worker-c", 0)).extracting(l -> l.body().getString("what"))
                .containsExactly("worker-c-1", "worker-c-2", "worker-c-3");
        assertThat(List.of(other.last("worker-a"), other.last("worker-b"), other.last("worker-c"))).containsExactly(3L, 4L, 3L);
        other.logAll(refused); // told again: nothing new
        assertThat(other.last("worker-b")).isEqualTo(4);
    }

    /** Both logs get every entry: a case moving between two organisations' queues is in both. */
    @Test
    void entriesLoggedInTheBackgroundAreLoggedOnceInEachLogInTheOrderTheyWereTold() {
        NumberedLog log = new NumberedLog(mongo, name);
        try {
            // As the case queue tells them: each change tells the latest steps again, so most are told twice or more.
            List<NumberedLog.Entry> steps = IntStream.range(0, 60).mapToObj(i -> entry("step-" + i)).toList();
            for (int i = 1; i <= steps.size(); i++) {
                log.logLater("organisation-1", steps.subList(Math.max(0, i - 5), i));
                log.logLater("organisation-2", steps.subList(i - 1, i));
            }
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> log.last("organisation-1") == 60 && log.last("organisation-2") == 60);
            for (String key : List.of("organisation-1", "organisation-2")) {
                assertThat(log.after(key, 0)).as(key).extracting(l -> l.body().getString("what"))
                        .containsExactlyElementsOf(steps.stream().map(e -> e.body().getString("what")).toList());
            }
        } finally {
            log.stop();
        }
    }

    private static NumberedLog.Entry entry(String what) {
        return new NumberedLog.Entry(what, new Document("what", what));
    }
}
