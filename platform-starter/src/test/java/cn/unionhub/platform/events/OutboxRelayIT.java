package cn.unionhub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.StoreWork;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class OutboxRelayIT {

    @Autowired
    AggregateStore store;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JsonMapper json;

    @Test
    void eventsLeaveTheOutboxAsCloudEventsInOrderPerAggregate() {
        String id = "parcel-" + UUID.randomUUID();
        Parcel parcel = new Parcel(id);
        parcel = store.insert(parcel, parcel.stamp("收件"));
        for (int i = 2; i <= 5; i++) {
            parcel = store.update(parcel, parcel.stamp("第" + i + "次盖章"));
        }

        try (TopicProbe probe = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "test.parcels")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.withKey(id).size() >= 5);
            List<ConsumerRecord<String, byte[]>> records = probe.withKey(id);

            assertThat(records).hasSize(5);
            assertThat(records).extracting(r -> sequenceOf(r)).containsExactly(1, 2, 3, 4, 5);
            ConsumerRecord<String, byte[]> first = records.get(0);
            assertThat(TopicProbe.header(first, "ce_specversion")).isEqualTo("1.0");
            assertThat(TopicProbe.header(first, "ce_type")).isEqualTo("cn.unionhub.test.parcel-stamped.v1");
            assertThat(TopicProbe.header(first, "ce_source")).isEqualTo("/unionhub/starter-test");
            assertThat(TopicProbe.header(first, "ce_subject")).isEqualTo(id);
            assertThat(TopicProbe.header(first, "ce_time")).isNotBlank();
            assertThat(TopicProbe.header(first, "content-type")).isEqualTo("application/json");
            assertThat(records).extracting(r -> TopicProbe.header(r, "ce_id")).doesNotHaveDuplicates();
            assertThat(new String(first.value(), StandardCharsets.UTF_8)).contains("收件");
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Document stored = mongo.findById(id, Document.class, "parcels");
            assertThat(stored.getList(OutboxEntry.FIELD, Document.class)).isEmpty();
            assertThat(stored).doesNotContainKey(OutboxEntry.LEASE).doesNotContainKey(OutboxEntry.LEASE_OWNER);
            assertThat(pointersTo(id)).as("pointers of published writes are dropped").isZero();
            assertThat(stored.getInteger("stamps")).isEqualTo(5);
            assertThat(stored.getLong("version")).isEqualTo(4L);
        });
    }

    @Test
    void staleUpdateIsRefusedAndLeavesNeitherStateNorEvents() {
        String id = "parcel-" + UUID.randomUUID();
        Parcel parcel = new Parcel(id);
        store.insert(parcel, parcel.stamp("收件"));

        Parcel mine = mongo.findById(id, Parcel.class);
        Parcel theirs = mongo.findById(id, Parcel.class);
        store.update(mine, mine.stamp("mine"));

        assertThatThrownBy(() -> store.update(theirs, theirs.stamp("theirs")))
                .isInstanceOf(OptimisticLockingFailureException.class);
        Parcel stored = mongo.findById(id, Parcel.class);
        assertThat(stored.lastNote).isEqualTo("mine");
        assertThat(stored.stamps).isEqualTo(2);
        // The refused write took back its pointer; the others' go once their events are out.
        await().atMost(Duration.ofSeconds(10)).until(() -> pointersTo(id) == 0);
    }

    /** A poll's changes: one read, one pointer insert, one bulk write; each change once, each event published. */
    @Test
    void manyAggregatesAreModifiedWithOneReadAndOneWrite() {
        String a = receivedParcel();
        String b = receivedParcel();

        Map<Object, Parcel> written = store.modifyAll(Parcel.class, List.of(
                new AggregateStore.Modification<Parcel>(a, p -> new AggregateStore.Change<>(p, p.stamp("分拣"))),
                new AggregateStore.Modification<Parcel>(b, p -> new AggregateStore.Change<>(p, p.stamp("分拣"))),
                new AggregateStore.Modification<Parcel>("parcel-unknown", p -> new AggregateStore.Change<>(p, p.stamp("?"))),
                new AggregateStore.Modification<Parcel>(a, p -> new AggregateStore.Change<>(p, p.stamp("派送")))));

        assertThat(written).containsOnlyKeys(a, b);
        assertThat(written.get(a).stamps).isEqualTo(3);
        assertThat(written.get(a).version).as("both changes of a in one write").isEqualTo(1L);
        assertThat(mongo.findById(a, Parcel.class).lastNote).isEqualTo("派送");
        assertThat(mongo.findById(b, Parcel.class).stamps).isEqualTo(2);
        try (TopicProbe probe = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "test.parcels")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.withKey(a).size() >= 3 && probe.withKey(b).size() >= 2);
            assertThat(probe.withKey(a)).extracting(this::sequenceOf).containsExactly(1, 2, 3);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pointersTo(a) == 0 && pointersTo(b) == 0);

        long fewest = Long.MAX_VALUE;
        try (StoreWork work = new StoreWork(TestInfrastructure.get().mongoUri())) {
            // The fewest of three: this JVM's relay rounds can only add to a reading.
            for (int i = 0; i < 3; i++) {
                String note = "核对" + i;
                StoreWork.Reading before = work.read();
                store.modifyAll(Parcel.class, List.of(a, b).stream().map(id -> new AggregateStore.Modification<Parcel>(id, p -> {
                    p.lastNote = note; // a change that raises no event
                    return new AggregateStore.Change<>(p, List.of());
                })).toList());
                fewest = Math.min(fewest, work.read().minus(before).commands());
            }
        }
        assertThat(fewest).as("one read, one bulk write, plus the reading's own serverStatus").isEqualTo(2 + 1);
        assertThat(mongo.findById(b, Parcel.class).lastNote).isEqualTo("核对2");
    }

    /** Another writer got in between the read and the bulk write: that aggregate is modified again from a fresh load. */
    @Test
    void anAggregateChangedMeanwhileIsModifiedAgainFromAFreshLoad() {
        String a = receivedParcel();
        String b = receivedParcel();
        AtomicBoolean interfered = new AtomicBoolean();

        Map<Object, Parcel> written = store.modifyAll(Parcel.class, List.of(
                new AggregateStore.Modification<Parcel>(a, p -> {
                    if (interfered.compareAndSet(false, true)) {
                        store.modify(Parcel.class, a, theirs -> new AggregateStore.Change<>(theirs, theirs.stamp("theirs")));
                    }
                    return new AggregateStore.Change<>(p, p.stamp("mine"));
                }),
                new AggregateStore.Modification<Parcel>(b, p -> new AggregateStore.Change<>(p, p.stamp("mine")))));

        Parcel storedA = mongo.findById(a, Parcel.class);
        assertThat(storedA.stamps).as("received, theirs, mine: each once").isEqualTo(3);
        assertThat(storedA.lastNote).isEqualTo("mine");
        assertThat(written.get(a).version).isEqualTo(storedA.version).isEqualTo(2L);
        assertThat(mongo.findById(b, Parcel.class).stamps).isEqualTo(2);
        try (TopicProbe probe = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "test.parcels")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.withKey(a).size() >= 3);
            assertThat(probe.withKey(a)).as("the refused write's events never left").extracting(this::sequenceOf)
                    .containsExactly(1, 2, 3);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pointersTo(a) == 0 && pointersTo(b) == 0);
    }

    @Test
    void eventThatBreaksItsSchemaFailsTheWriteItself() {
        String id = "parcel-" + UUID.randomUUID();
        Parcel parcel = new Parcel(id);
        List<ParcelStamped> events = List.of(new ParcelStamped(id, 1, "x".repeat(201)));

        assertThatThrownBy(() -> store.insert(parcel, events)).hasMessageContaining("violates its schema");
        assertThat(mongo.findById(id, Document.class, "parcels")).isNull();
    }

    @Test
    void eventsLeftByAnEarlierRunAreFoundThroughTheirPointerAndDocumentsWithoutOneAreNeverRead() {
        String id = "legacy-" + UUID.randomUUID();
        OutboxEntry leftOver = new OutboxEntry(UUID.randomUUID().toString(), "cn.unionhub.test.parcel-stamped.v1",
                "test.parcels", id, id, Instant.now(), "{\"parcelId\":\"" + id + "\",\"sequence\":1,\"note\":\"上次运行留下的\"}");
        Document entry = AggregateStore.toDocument(leftOver);
        String earlierRun = "earlier_run_parcels";
        // What a run that crashed after its write, before publishing, leaves: the pointer, then the document.
        mongo.insert(OutboxRelay.Pointer.of(earlierRun, id, entry).toDocument(), OutboxRelay.PENDING);
        mongo.insert(new Document("_id", id).append(OutboxEntry.FIELD, List.of(entry)), earlierRun);
        String unrelated = "unrelated-" + UUID.randomUUID();
        mongo.insert(new Document("_id", unrelated).append(OutboxEntry.FIELD, List.of(entry)), "not_an_outbox");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(mongo.findById(id, Document.class, earlierRun).getList(OutboxEntry.FIELD, Document.class)).isEmpty());
        try (TopicProbe probe = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "test.parcels")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.withKey(id).size() == 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pointersTo(id) == 0);
        assertThat(mongo.findById(unrelated, Document.class, "not_an_outbox").getList(OutboxEntry.FIELD, Document.class))
                .as("the relay reads only documents a pointer names").hasSize(1);
    }

    @Test
    void aPointerWhoseWriteNeverHappenedIsDroppedAfterTheGracePeriodAndPublishesNothing() {
        String id = "never-written-" + UUID.randomUUID();
        Document entry = AggregateStore.toDocument(new OutboxEntry(UUID.randomUUID().toString(),
                "cn.unionhub.test.parcel-stamped.v1", "test.parcels", id, id, Instant.now(), "{}"));
        mongo.insert(OutboxRelay.Pointer.of("parcels", id, entry).toDocument(), OutboxRelay.PENDING);

        await().atMost(Duration.ofSeconds(30)).until(() -> pointersTo(id) == 0);
        try (TopicProbe probe = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "test.parcels")) {
            assertThat(probe.poll()).noneMatch(r -> id.equals(r.key()));
        }
    }

    /** A new parcel, stamped once on arrival: its id. */
    private String receivedParcel() {
        String id = "parcel-" + UUID.randomUUID();
        Parcel parcel = new Parcel(id);
        store.insert(parcel, parcel.stamp("收件"));
        return id;
    }

    private long pointersTo(String aggregate) {
        return mongo.count(new Query(Criteria.where("a").is(aggregate)), OutboxRelay.PENDING);
    }

    private int sequenceOf(ConsumerRecord<String, byte[]> record) {
        JsonNode data = json.readTree(record.value());
        return data.get("sequence").asInt();
    }
}
