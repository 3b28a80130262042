package cn.unionhub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.SettableClock;
import cn.unionhub.test.StoreWork;
import cn.unionhub.test.TestInfrastructure;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The inbox on the store: what it recognises as applied (also under the key used before time-ordered
 * keys), and what trimming forgets — only one consumer's entries older than the cut-off, read by key.
 */
@IntegrationTest
class InboxIT {

    private static final Instant T0 = Instant.parse("2026-11-30T02:00:00Z");

    @Autowired
    MongoTemplate mongo;

    private final SettableClock clock = new SettableClock(T0);

    @Test
    void anAppliedEventIsRecognisedAndADifferentOneIsNot() {
        Inbox inbox = new Inbox(mongo, clock);
        String consumer = "inbox-it-" + UUID.randomUUID();
        inbox.record(consumer, "e-1", T0.minusSeconds(5), "t");

        assertThat(inbox.contains(consumer, "e-1", T0.minusSeconds(5))).isTrue();
        assertThat(inbox.contains(consumer, "e-2", T0.minusSeconds(5))).isFalse();
        assertThat(inbox.contains("another-" + consumer, "e-1", T0.minusSeconds(5))).isFalse();
        inbox.record(consumer, "e-1", T0.minusSeconds(5), "t"); // a redelivery recorded again: harmless
        assertThat(inbox.contains(consumer, "e-1", T0.minusSeconds(5))).isTrue();
        // A poll's worth in one lookup: the same answers.
        assertThat(inbox.applied(consumer, List.of(new Inbox.Seen("e-1", T0.minusSeconds(5)),
                new Inbox.Seen("e-2", T0.minusSeconds(5))))).containsExactly("e-1");
        assertThat(inbox.applied("another-" + consumer, List.of(new Inbox.Seen("e-1", T0.minusSeconds(5))))).isEmpty();
    }

    @Test
    void eventsAppliedTogetherAreRecordedInOneInsertEvenWhenSomeWereRecordedBefore() {
        Inbox inbox = new Inbox(mongo, clock);
        String consumer = "inbox-it-" + UUID.randomUUID();
        inbox.record(consumer, "e-2", T0.minusSeconds(5), "t");

        // e-2 again (a part applied twice after a crash) must not stop e-3 from being recorded.
        inbox.recordAll(consumer, List.of(new Inbox.Applied("e-1", T0.minusSeconds(6), "t"),
                new Inbox.Applied("e-2", T0.minusSeconds(5), "t"), new Inbox.Applied("e-3", T0.minusSeconds(4), "t"),
                new Inbox.Applied("e-4", null, "t")));

        assertThat(inbox.applied(consumer, List.of(new Inbox.Seen("e-1", T0.minusSeconds(6)),
                new Inbox.Seen("e-2", T0.minusSeconds(5)), new Inbox.Seen("e-3", T0.minusSeconds(4)),
                new Inbox.Seen("e-4", null), new Inbox.Seen("e-5", T0)))).containsExactlyInAnyOrder("e-1", "e-2", "e-3", "e-4");
        inbox.recordAll(consumer, List.of()); // nothing to record: no command
    }

    @Test
    void anEventAppliedBeforeTheUpgradeUnderTheOldKeyIsStillRecognised() {
        String database = "inbox-upgraded-" + UUID.randomUUID().toString().substring(0, 8);
        try (MongoClient client = MongoClients.create(TestInfrastructure.get().mongoUri())) {
            eventsAppliedUnderTheOldKeyAreFoundUntilAnHourAfterTheFirstStart(new MongoTemplate(client, database));
            client.getDatabase(database).drop();
        }
    }

    private void eventsAppliedUnderTheOldKeyAreFoundUntilAnHourAfterTheFirstStart(MongoTemplate upgraded) {
        String consumer = "inbox-it";
        // What the previous version wrote: consumer:eventId. This version starts for the first time now.
        upgraded.insert(new Document("_id", consumer + ":old-1").append("type", "t").append("appliedAt", Date.from(T0)), Inbox.COLLECTION);
        upgraded.insert(new Document("_id", consumer + ":no-time").append("type", "t").append("appliedAt", Date.from(T0)), Inbox.COLLECTION);
        Inbox inbox = new Inbox(upgraded, clock);

        assertThat(inbox.contains(consumer, "old-1", T0.minus(Duration.ofHours(3)))).isTrue();
        assertThat(inbox.contains(consumer, "no-time", null)).as("an event without a time keeps the old key").isTrue();
        inbox.record(consumer, "new-1", null, "t");
        assertThat(inbox.contains(consumer, "new-1", null)).isTrue();
        // An old-version instance still running during a rolling upgrade records old keys for a while.
        upgraded.insert(new Document("_id", consumer + ":rollout").append("type", "t"), Inbox.COLLECTION);
        assertThat(inbox.contains(consumer, "rollout", T0.plus(Duration.ofMinutes(20)))).isTrue();
        // Events from well after the upgrade are looked up once, under the new key only.
        upgraded.insert(new Document("_id", consumer + ":late").append("type", "t"), Inbox.COLLECTION);
        assertThat(inbox.contains(consumer, "late", T0.plus(Duration.ofHours(2)))).isFalse();
        assertThat(inbox.applied(consumer, List.of(new Inbox.Seen("old-1", T0.minus(Duration.ofHours(3))),
                new Inbox.Seen("no-time", null), new Inbox.Seen("new-1", null),
                new Inbox.Seen("rollout", T0.plus(Duration.ofMinutes(20))), new Inbox.Seen("late", T0.plus(Duration.ofHours(2))),
                new Inbox.Seen("never", T0.minus(Duration.ofHours(3))))))
                .containsExactlyInAnyOrder("old-1", "no-time", "new-1", "rollout");
    }

    @Test
    void aDatabaseWhoseInboxWasEmptyAtTheFirstStartIsNeverAskedForOldKeys() {
        String database = "inbox-fresh-" + UUID.randomUUID().toString().substring(0, 8);
        try (MongoClient client = MongoClients.create(TestInfrastructure.get().mongoUri())) {
            MongoTemplate fresh = new MongoTemplate(client, database);
            Inbox inbox = new Inbox(fresh, clock);
            assertThat(inbox.contains("c", "e-0", T0.minusSeconds(1))).isFalse(); // the first start: nothing stored
            // An entry of the old key appearing later (none can: no old version ran on this database)
            // is not looked for, even for an event from long before; nor by another process.
            fresh.insert(new Document("_id", "c:e-1").append("type", "t"), Inbox.COLLECTION);
            assertThat(inbox.contains("c", "e-1", T0.minus(Duration.ofDays(2)))).isFalse();
            assertThat(new Inbox(fresh, clock).contains("c", "e-1", T0.minus(Duration.ofDays(2)))).isFalse();
            client.getDatabase(database).drop();
        }
    }

    @Test
    void trimmingForgetsOnlyThatConsumersEventsOlderThanTheCutOffAndReadsNothingElse() {
        Inbox inbox = new Inbox(mongo, clock);
        String consumer = "inbox-it-" + UUID.randomUUID();
        String longer = consumer + ".other"; // a name that starts with the first one: its range must not overlap
        for (int i = 0; i < 1_200; i++) {
            inbox.record(consumer, "old-" + i, T0.minus(Duration.ofDays(40)).plusSeconds(i), "t");
        }
        inbox.record(consumer, "recent", T0.minus(Duration.ofDays(1)), "t");
        inbox.record(longer, "old-0", T0.minus(Duration.ofDays(40)), "t");
        mongo.insert(new Document("_id", consumer + ":legacy").append("type", "t"), Inbox.COLLECTION);

        long removed;
        StoreWork.Reading work;
        try (StoreWork store = new StoreWork(TestInfrastructure.get().mongoUri())) {
            StoreWork.Reading before = store.read();
            removed = inbox.trim(consumer, T0.minus(Duration.ofDays(30)));
            work = store.read().minus(before);
        }

        assertThat(removed).isEqualTo(1_200);
        assertThat(inbox.contains(consumer, "old-0", T0.minus(Duration.ofDays(40)))).isFalse();
        assertThat(inbox.contains(consumer, "recent", T0.minus(Duration.ofDays(1)))).isTrue();
        assertThat(inbox.contains(longer, "old-0", T0.minus(Duration.ofDays(40)))).isTrue();
        assertThat(mongo.findById(consumer + ":legacy", Document.class, Inbox.COLLECTION)).isNotNull();
        // The removed entries, each read once to find and once to delete, and the first one kept: not
        // the rest of the collection (a scan would read every entry of every consumer of this test JVM).
        assertThat(work.examined()).isLessThan(2 * 1_200 + 50);
        assertThat(inbox.trim(consumer, T0.minus(Duration.ofDays(30)))).isZero();
    }

    @Test
    void theTrimmerUsesTheRetentionForEveryConsumerOfTheProcess() {
        Inbox inbox = new Inbox(mongo, clock);
        InboundEvents inbound = new InboundEvents(null, null, inbox, null, null);
        String consumer = "inbox-it-" + UUID.randomUUID();
        inbound.router(consumer);
        inbox.record(consumer, "a", T0.minus(Duration.ofDays(31)), "t");
        inbox.record(consumer, "b", T0.minus(Duration.ofDays(29)), "t");

        long removed = new InboxTrimmer(inbox, inbound, Duration.ofDays(30), clock).trimAll();

        assertThat(removed).isEqualTo(1);
        assertThat(inbox.contains(consumer, "a", T0.minus(Duration.ofDays(31)))).isFalse();
        assertThat(inbox.contains(consumer, "b", T0.minus(Duration.ofDays(29)))).isTrue();
    }
}
