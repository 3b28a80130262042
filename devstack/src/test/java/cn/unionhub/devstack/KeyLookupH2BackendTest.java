package cn.unionhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded store reads one document for a query that pins a unique key, whatever else it asks. */
class KeyLookupH2BackendTest {

    private static final int STORED = 2_000;
    private static EmbeddedMongo server;
    private static MongoClient client;
    private static MongoCollection<Document> items;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedMongo.start(null, 0);
        client = MongoClients.create(server.connectionString());
        items = client.getDatabase("test").getCollection("items");
        items.createIndex(new Document("number", 1), new com.mongodb.client.model.IndexOptions().unique(true));
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < STORED; i++) {
            documents.add(new Document("_id", "item-" + i).append("number", "N" + i).append("version", 1).append("tag", i % 10));
        }
        items.insertMany(documents);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void helloIsAnsweredAsDriversAndHealthChecksAskIt() {
        Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
        assertThat(hello.get("ok", Number.class).intValue()).isEqualTo(1);
        assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
    }

    /**
     * Spring Boot's health check lists the databases on every probe; the stock backend reopened
     * each one for that, rebuilding its indexes from every document stored.
     */
    @Test
    void listingTheDatabasesDoesNotReopenThem() {
        client.getDatabase("other").getCollection("things").insertOne(new Document("_id", "t-1"));
        long opened = databasesOpened();

        for (int probe = 0; probe < 3; probe++) {
            assertThat(client.listDatabaseNames()).contains("test", "other");
        }

        assertThat(databasesOpened()).isEqualTo(opened);
        assertThat(items.find(Filters.eq("_id", "item-5")).first()).as("the data is still served").isNotNull();
    }

    private static long databasesOpened() {
        return client.getDatabase("admin").runCommand(new Document("serverStatus", 1))
                .get("unionhubDatabasesOpened", Number.class).longValue();
    }

    /**
     * The stock backend changes a stored document in place while a reply holding it may still be
     * encoded on another connection: the encoder failed with a ConcurrentModificationException, the
     * server closed that connection, and the service's driver stalled every request for up to 2 s.
     */
    @Test
    void readersOfADocumentBeingUpdatedNeverLoseTheirConnection() throws Exception {
        readersKeepTheirConnectionWhileUpdatesFind("busy", Filters.eq("_id", "busy"));
    }

    /** The same when the update and the reads find the document by a field no index holds (a scan). */
    @Test
    void readersOfADocumentBeingUpdatedByAScanNeverLoseTheirConnection() throws Exception {
        readersKeepTheirConnectionWhileUpdatesFind("busy-scanned", Filters.eq("f0", 0));
    }

    private void readersKeepTheirConnectionWhileUpdatesFind(String collection, org.bson.conversions.Bson filter) throws Exception {
        MongoCollection<Document> busy = client.getDatabase("test").getCollection(collection);
        Document first = new Document("_id", "busy");
        for (int f = 0; f < 40; f++) {
            first.append("f" + f, f);
        }
        busy.insertOne(first);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(6);
        // Without retries: the driver would otherwise hide a lost connection behind a new one.
        try (MongoClient readers = MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString(server.connectionString())).retryReads(false).build())) {
            MongoCollection<Document> read = readers.getDatabase("test").getCollection(collection);
            List<java.util.concurrent.Callable<Void>> work = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int writer = t;
                work.add(() -> {
                    // Fields come and go: a change to the stored document's set of keys. And values
                    // inside it change (an array grows, a sub-document's field is set): an update
                    // gets only a shallow copy, so nothing it does may change a nested value in place.
                    for (int i = 0; i < 1_000; i++) {
                        busy.updateOne(filter, Updates.combine(
                                Updates.set("w" + writer + "-" + i, i), Updates.unset("w" + writer + "-" + (i - 1)),
                                Updates.push("log" + writer, i), Updates.set("nested.w" + writer, i)));
                    }
                    return null;
                });
                work.add(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        assertThat(read.find(filter).first()).isNotNull();
                    }
                    return null;
                });
            }
            for (java.util.concurrent.Future<Void> done : threads.invokeAll(work)) {
                done.get();
            }
            Document last = busy.find(filter).first();
            assertThat(last.getList("log0", Integer.class)).hasSize(1_000).endsWith(999);
            assertThat(last.get("nested", Document.class)).containsEntry("w0", 999).containsEntry("w2", 999);
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void aConditionalUpdateByIdExaminesOneDocument() {
        long examined = examinedBy(() -> assertThat(items.updateOne(
                Filters.and(Filters.eq("_id", "item-700"), Filters.eq("version", 1)), Updates.inc("version", 1))
                .getModifiedCount()).isEqualTo(1));
        assertThat(examined).isEqualTo(1);
        // The rest of the query still decides: the same update at the old version changes nothing.
        assertThat(items.updateOne(Filters.and(Filters.eq("_id", "item-700"), Filters.eq("version", 1)),
                Updates.inc("version", 1)).getModifiedCount()).isZero();
    }

    /** An update's counts (which the services' compare-and-set writes read) are the stock server's. */
    @Test
    void updatesCountWhatTheyMatchedAndChanged() {
        MongoCollection<Document> counted = client.getDatabase("test").getCollection("counted");
        counted.insertOne(new Document("_id", "c-1").append("n", 1).append("tags", List.of("a")).append("group", "g"));
        counted.insertOne(new Document("_id", "c-2").append("n", 2).append("group", "g"));

        var changed = counted.updateOne(Filters.eq("_id", "c-1"), Updates.set("n", 5));
        assertThat(List.of(changed.getMatchedCount(), changed.getModifiedCount())).containsExactly(1L, 1L);
        var same = counted.updateOne(Filters.eq("_id", "c-1"), Updates.set("n", 5.0));
        assertThat(List.of(same.getMatchedCount(), same.getModifiedCount())).as("5.0 is 5").containsExactly(1L, 0L);
        var nested = counted.updateOne(Filters.eq("_id", "c-1"), Updates.addToSet("tags", "a"));
        assertThat(nested.getModifiedCount()).as("a set that holds it already").isZero();
        var positional = counted.updateOne(Filters.and(Filters.eq("_id", "c-1"), Filters.eq("tags", "a")), Updates.set("tags.$", "b"));
        assertThat(positional.getModifiedCount()).isEqualTo(1);
        assertThat(counted.find(Filters.eq("_id", "c-1")).first().getList("tags", String.class)).containsExactly("b");
        var none = counted.updateOne(Filters.eq("_id", "c-9"), Updates.set("n", 1));
        assertThat(List.of(none.getMatchedCount(), none.getModifiedCount())).containsExactly(0L, 0L);
        var upserted = counted.updateOne(Filters.eq("_id", "c-9"), Updates.set("n", 9), new com.mongodb.client.model.UpdateOptions().upsert(true));
        assertThat(upserted.getUpsertedId()).isNotNull();
        assertThat(counted.find(Filters.eq("_id", "c-9")).first().getInteger("n")).isEqualTo(9);
        var many = counted.updateMany(Filters.eq("group", "g"), Updates.set("n", 2));
        assertThat(List.of(many.getMatchedCount(), many.getModifiedCount())).as("c-2 held 2 already").containsExactly(2L, 1L);
    }

    @Test
    void idsInAListExamineOnlyThoseDocuments() {
        long examined = examinedBy(() -> assertThat(items.find(Filters.and(
                Filters.in("_id", "item-1", "item-2", "item-3"), Filters.eq("tag", 2))).into(new ArrayList<>()))
                .extracting(d -> d.getString("_id")).containsExactly("item-2"));
        assertThat(examined).isEqualTo(3);
    }

    @Test
    void anotherUniqueKeyIsUsedToo() {
        long examined = examinedBy(() -> assertThat(items.find(Filters.and(Filters.eq("number", "N42"),
                Filters.exists("tag"))).first()).isNotNull());
        assertThat(examined).isEqualTo(1);
    }

    @Test
    void theFirstDocumentsInIdOrderAreReadWithoutReadingTheRest() {
        List<Object> ids = new ArrayList<>();
        long examined = examinedBy(() -> items.find().sort(new Document("_id", 1)).limit(5).forEach(d -> ids.add(d.get("_id"))));
        assertThat(ids).containsExactly("item-0", "item-1", "item-10", "item-100", "item-1000");
        assertThat(examined).isEqualTo(5);
    }

    @Test
    void aBoundOnIdStartsTheWalkThereInEitherDirection() {
        List<Object> after = new ArrayList<>();
        long examined = examinedBy(() -> items.find(Filters.gt("_id", "item-1998")).sort(new Document("_id", 1)).limit(3)
                .forEach(d -> after.add(d.get("_id"))));
        assertThat(after).containsExactly("item-1999", "item-2", "item-20");
        assertThat(examined).isLessThanOrEqualTo(4);

        List<Object> before = new ArrayList<>();
        items.find(Filters.lt("_id", "item-1000")).sort(new Document("_id", -1)).limit(3).forEach(d -> before.add(d.get("_id")));
        assertThat(before).containsExactly("item-100", "item-10", "item-1");
    }

    @Test
    void otherConditionsStillDecideOnTheWalk() {
        List<Object> ids = new ArrayList<>();
        long examined = examinedBy(() -> items.find(Filters.eq("tag", 7)).sort(new Document("_id", 1)).limit(2)
                .forEach(d -> ids.add(d.get("_id"))));
        // In _id order: item-0, item-1, item-10 ... item-1007 is the first with tag 7, then item-1017.
        assertThat(ids).containsExactly("item-1007", "item-1017");
        assertThat(examined).isLessThan(STORED / 10);
        // Sorted by another field, the whole collection is read (keeping only the best matches).
        assertThat(examinedBy(() -> items.find(Filters.eq("tag", 7)).sort(new Document("number", 1)).limit(2).first()))
                .isEqualTo(STORED);
    }

    /** The collection's own reads and writes of its map, replaced to keep documents as bytes, behave as the stock ones. */
    @Test
    void documentsKeptAsBytesAreInsertedUpdatedDeletedAndReadInEitherNaturalOrder() {
        MongoCollection<Document> things = client.getDatabase("test").getCollection("bytes");
        things.insertMany(List.of(new Document("_id", "a").append("n", 1).append("text", "中文"),
                new Document("_id", "b").append("n", 2), new Document("_id", "c").append("n", 3)));
        things.updateOne(Filters.eq("_id", "b"), Updates.combine(Updates.set("n", 20), Updates.push("log", "x")));
        things.deleteOne(Filters.eq("_id", "c"));

        assertThat(things.find(Filters.eq("_id", "b")).first()).isEqualTo(new Document("_id", "b").append("n", 20).append("log", List.of("x")));
        assertThat(things.find(Filters.eq("text", "中文")).first()).containsEntry("_id", "a");
        List<Object> reversed = new ArrayList<>();
        things.find().sort(new Document("$natural", -1)).forEach(d -> reversed.add(d.get("_id")));
        assertThat(reversed).containsExactly("b", "a");
        assertThat(things.countDocuments()).isEqualTo(2);
        // The same _id again is still refused, and nothing changed.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> things.insertOne(new Document("_id", "a").append("n", 9)))
                .isInstanceOf(com.mongodb.MongoWriteException.class);
        assertThat(things.find(Filters.eq("_id", "a")).first()).containsEntry("n", 1);
    }

    @Test
    void aQueryOnOtherFieldsStillScansAndTheCounterSaysSo() {
        long examined = examinedBy(() -> assertThat(items.countDocuments(Filters.eq("tag", 3))).isEqualTo(STORED / 10));
        assertThat(examined).isEqualTo(STORED);
    }

    @Test
    void aCountByKeyReadsThatKeyAndOtherCountsReadEachDocumentOnce() {
        // countDocuments (MongoTemplate.count) is an aggregation; the stock code collected the whole
        // collection into one list for it, even for a key.
        assertThat(examinedBy(() -> assertThat(items.countDocuments(Filters.eq("_id", "item-5"))).isEqualTo(1))).isEqualTo(1);
        assertThat(examinedBy(() -> assertThat(items.countDocuments(Filters.eq("tag", 3),
                new com.mongodb.client.model.CountOptions().skip(50).limit(100))).isEqualTo(100))).isEqualTo(STORED);
        assertThat(items.countDocuments(Filters.eq("tag", 3), new com.mongodb.client.model.CountOptions().skip(150))).isEqualTo(50);
        assertThat(items.countDocuments(Filters.eq("tag", 42))).isZero();
        assertThat(client.getDatabase("test").getCollection("nothing-here").countDocuments()).isZero();
        // Any other aggregation is still the stock code's.
        Document byTag = items.aggregate(List.of(new Document("$match", new Document("tag", 3)),
                new Document("$group", new Document("_id", "$tag").append("n", new Document("$sum", 1))))).first();
        assertThat(byTag).isEqualTo(new Document("_id", 3).append("n", STORED / 10));
    }

    @Test
    void aSortedPageIsTheStockOrderKeptInBoundedMemory() {
        List<Document> expected = new ArrayList<>();
        items.find(Filters.eq("tag", 3)).forEach(expected::add);
        expected.sort(java.util.Comparator.comparing((Document d) -> d.getString("number")).reversed());
        List<Document> page = items.find(Filters.eq("tag", 3)).sort(com.mongodb.client.model.Sorts.descending("number"))
                .skip(5).limit(10).into(new ArrayList<>());
        assertThat(page).isEqualTo(expected.subList(5, 15));
        // Equal sort keys come in key order, as the stock stable sort leaves them.
        List<String> tagZeroInKeyOrder = new ArrayList<>();
        items.find(Filters.eq("tag", 0)).sort(com.mongodb.client.model.Sorts.ascending("_id")).forEach(d -> tagZeroInKeyOrder.add(d.getString("_id")));
        List<String> firstByTag = new ArrayList<>();
        items.find().sort(com.mongodb.client.model.Sorts.ascending("tag")).limit(15).forEach(d -> firstByTag.add(d.getString("_id")));
        assertThat(firstByTag).isEqualTo(tagZeroInKeyOrder.subList(0, 15));
    }

    /**
     * A find that asks for batches is answered a batch at a time, each read from where the last one
     * stopped, instead of every match collected at once (the journal's reconciliation ran the store
     * out of memory that way): every document once, in order, with a write between batches seen.
     */
    @Test
    void aLongReadInBatchesReadsOneBatchPerCommandAndEveryDocumentOnce() {
        List<String> inOrder = new ArrayList<>();
        items.find().sort(new Document("_id", 1)).forEach(d -> inOrder.add(d.getString("_id")));

        long[] examinedByFirst = new long[1];
        List<String> read = new ArrayList<>();
        examinedByFirst[0] = examinedBy(() -> {
            try (com.mongodb.client.MongoCursor<Document> cursor = items.find().sort(new Document("_id", 1)).batchSize(7).cursor()) {
                read.add(cursor.next().getString("_id"));
            }
        });
        assertThat(read).containsExactly(inOrder.get(0));
        assertThat(examinedByFirst[0]).isEqualTo(7);

        read.clear();
        MongoCollection<Document> late = client.getDatabase("test").getCollection("batches");
        for (int i = 0; i < 50; i++) {
            late.insertOne(new Document("_id", String.format("k-%03d", i)).append("even", i % 2 == 0));
        }
        try (com.mongodb.client.MongoCursor<Document> cursor = late.find(Filters.eq("even", true)).batchSize(4).cursor()) {
            while (cursor.hasNext()) {
                read.add(cursor.next().getString("_id"));
                if (read.size() == 5) {
                    late.insertOne(new Document("_id", "k-100").append("even", true)); // after the walk's place
                    late.deleteOne(Filters.eq("_id", "k-040"));                       // not reached yet
                }
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i += 2) {
            if (i != 40) {
                expected.add(String.format("k-%03d", i));
            }
        }
        expected.add("k-100");
        assertThat(read).isEqualTo(expected);

        List<String> backwards = new ArrayList<>();
        late.find(Filters.lt("_id", "k-010")).sort(new Document("_id", -1)).skip(1).limit(6).batchSize(2)
                .projection(new Document("even", 0)).forEach(d -> {
                    assertThat(d).doesNotContainKey("even");
                    backwards.add(d.getString("_id"));
                });
        assertThat(backwards).containsExactly("k-008", "k-007", "k-006", "k-005", "k-004", "k-003");
    }

    /**
     * Sorted by other fields, a read in batches keeps only the sort fields and keys of the matches and
     * reads each batch's documents by key: the stock order (ties in key order), skip and limit kept.
     */
    @Test
    void aLongSortedReadInBatchesKeepsTheStockOrder() {
        List<String> expected = new ArrayList<>();
        for (int tag : new int[] {2, 1}) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < STORED; i++) {
                if (i % 10 == tag) {
                    ids.add("item-" + i);
                }
            }
            ids.sort(null); // ties on tag in key order
            expected.addAll(ids);
        }
        List<String> read = new ArrayList<>();
        List<Object> fields = new ArrayList<>();
        items.find(Filters.in("tag", 1, 2)).sort(com.mongodb.client.model.Sorts.descending("tag")).skip(3).limit(350)
                .batchSize(40).projection(new Document("number", 1)).forEach(d -> {
                    read.add(d.getString("_id"));
                    fields.addAll(d.keySet());
                });
        assertThat(read).isEqualTo(expected.subList(3, 353));
        assertThat(fields).containsOnly("_id", "number");

        long examinedByFirst = examinedBy(() -> {
            try (com.mongodb.client.MongoCursor<Document> cursor = items.find().sort(new Document("number", -1)).batchSize(5).cursor()) {
                assertThat(cursor.next().getString("number")).isEqualTo("N999");
            }
        });
        assertThat(examinedByFirst).isEqualTo(STORED); // every match read once, to sort; none held
    }

    private static long examinedBy(Runnable action) {
        long before = scannedObjects();
        action.run();
        return scannedObjects() - before;
    }

    private static long scannedObjects() {
        Document status = client.getDatabase("admin").runCommand(new Document("serverStatus", 1));
        return ((Number) status.get("metrics", Document.class).get("queryExecutor", Document.class).get("scannedObjects"))
                .longValue();
    }
}
