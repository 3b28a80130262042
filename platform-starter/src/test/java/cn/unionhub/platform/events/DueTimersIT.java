package cn.unionhub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.platform.store.DueTimers;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.SettableClock;
import cn.unionhub.test.StoreWork;
import cn.unionhub.test.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Durable timers: each fires once its time has come, survives a failing handler, and costs key lookups at rest. */
@IntegrationTest
class DueTimersIT {

    private static final Instant T0 = Instant.parse("2026-11-30T02:00:00Z");

    @Autowired
    MongoTemplate mongo;

    private final SettableClock clock = new SettableClock(T0);

    private DueTimers timers() {
        return new DueTimers(mongo, "test-" + UUID.randomUUID(), Duration.ofMinutes(1), Duration.ofMinutes(5), clock);
    }

    @Test
    void aTimerFiresOnceWhenItsTimeHasComeAndNotBefore() {
        DueTimers timers = timers();
        timers.fire(clock.instant(), due -> { }, null);
        timers.schedule("case-1", T0.plus(Duration.ofMinutes(90)));
        List<String> fired = new ArrayList<>();

        clock.set(T0.plus(Duration.ofMinutes(89)));
        assertThat(timers.fire(clock.instant(), due -> fired.add(due.id()), null)).isZero();
        clock.set(T0.plus(Duration.ofMinutes(91)));
        assertThat(timers.fire(clock.instant(), due -> fired.add(due.id()), null)).isEqualTo(1);
        clock.set(T0.plus(Duration.ofMinutes(92)));
        timers.fire(clock.instant(), due -> fired.add(due.id()), null);

        assertThat(fired).containsExactly("case-1");
    }

    /** A poll's timers in one command: each fires once, at its own time, past ones at once. */
    @Test
    void timersSetTogetherFireEachOnceAtTheirTime() {
        DueTimers timers = timers();
        timers.fire(clock.instant(), due -> { }, null);
        List<DueTimers.Due> set = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            set.add(new DueTimers.Due("case-" + i, T0.plus(Duration.ofMinutes(i % 3 == 0 ? 10 : 70))));
        }
        set.add(new DueTimers.Due("case-past", T0.minus(Duration.ofDays(1))));
        long fewest = Long.MAX_VALUE;
        try (StoreWork work = new StoreWork(TestInfrastructure.get().mongoUri())) {
            // Set again: the same timers (the fewest of three, as this JVM's relay rounds can only add to a reading).
            for (int i = 0; i < 3; i++) {
                StoreWork.Reading before = work.read();
                timers.scheduleAll(set);
                fewest = Math.min(fewest, work.read().minus(before).commands());
            }
        }
        assertThat(fewest).as("one bulk, plus the reading").isEqualTo(1 + 1);
        List<String> fired = new ArrayList<>();

        timers.fire(clock.instant(), due -> fired.add(due.id()), null);
        assertThat(fired).containsExactly("case-past");
        clock.set(T0.plus(Duration.ofMinutes(11)));
        timers.fire(clock.instant(), due -> fired.add(due.id()), null);
        assertThat(fired).hasSize(1 + 10);
        clock.set(T0.plus(Duration.ofMinutes(71)));
        timers.fire(clock.instant(), due -> fired.add(due.id()), null);
        timers.fire(clock.instant(), due -> fired.add(due.id()), null);
        assertThat(fired).hasSize(31).doesNotHaveDuplicates();
    }

    @Test
    void aHandlerThatFailsKeepsItsTimerAndANewTimeForTheSameIdSetDuringTheRunSurvivesIt() {
        DueTimers timers = timers();
        timers.fire(clock.instant(), due -> { }, null);
        timers.schedule("case-2", T0.minus(Duration.ofDays(14))); // already past: goes into the current bucket
        timers.schedule("case-3", T0);

        List<String> fired = new ArrayList<>();
        timers.fire(clock.instant(), due -> {
            fired.add(due.id());
            if (due.id().equals("case-3")) {
                throw new IllegalStateException("database away");
            }
            timers.schedule("case-2", clock.instant()); // the next rung is already due too
        }, null);
        timers.fire(clock.instant(), due -> fired.add(due.id()), null);

        assertThat(fired.subList(0, 2)).containsExactly("case-2", "case-3");
        assertThat(fired.subList(2, fired.size())).as("the failed one again, and the new time set during the run")
                .containsExactlyInAnyOrder("case-2", "case-3");
    }

    @Test
    void theFirstRunSetsTimersForEarlierDataOnceAndLaterRunsNeverReadItAgain() {
        DueTimers timers = timers();
        List<String> fired = new ArrayList<>();
        int[] backfills = {0};
        timers.fire(clock.instant(), due -> fired.add(due.id()), () -> {
            backfills[0]++;
            return List.of(new DueTimers.Due("legacy", T0.minus(Duration.ofHours(1))));
        });
        timers.fire(clock.instant(), due -> fired.add(due.id()), () -> {
            backfills[0]++;
            return List.of();
        });
        assertThat(backfills[0]).isEqualTo(1);
        assertThat(fired).containsExactly("legacy");
    }

    @Test
    void aRunWithNothingDueExaminesOnlyAFewTimerDocumentsHoweverManyAreScheduled() {
        DueTimers timers = timers();
        timers.fire(clock.instant(), due -> { }, null);
        for (int i = 0; i < 3_000; i++) {
            timers.schedule("later-" + i, T0.plus(Duration.ofMinutes(10 + i)));
        }
        mongo.insert(new Document("_id", UUID.randomUUID().toString()), DueTimers.COLLECTION);
        try (StoreWork work = new StoreWork(TestInfrastructure.get().mongoUri())) {
            StoreWork.Reading before = work.read();
            clock.set(T0.plus(Duration.ofMinutes(2)));
            assertThat(timers.fire(clock.instant(), due -> { }, null)).isZero();
            StoreWork.Reading run = work.read().minus(before);
            // Key lookups of the cursor and the buckets from the look-back to now, plus the cursor update.
            // Background work of this test JVM (relay rounds) may add a few; a scan would add 3,000.
            assertThat(run.examined()).isLessThan(50);
        }
    }
}
