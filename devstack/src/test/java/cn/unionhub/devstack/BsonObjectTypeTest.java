package cn.unionhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents and index keys survive a round trip through the file in BSON, documents are read as their
 * bytes (decoded by the collection), and older files still read.
 */
class BsonObjectTypeTest {

    @TempDir
    Path dir;

    private static Document sample(int i) {
        return new Document("_id", "doc-" + i).append("n", i).append("big", 1L << 40).append("ratio", 0.25)
                .append("at", Instant.parse("2026-11-30T01:02:03.456Z")).append("flag", true).append("none", null)
                .append("oid", new ObjectId()).append("bytes", new BinData(new byte[] {1, 2, 3}))
                .append("nested", new Document("list", List.of("a", 2, new Document("x", "中文"))));
    }

    @Test
    void documentsAndKeysReadBackEqualAfterReopening() {
        Path file = dir.resolve("bson.mv");
        Document first = sample(1);
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).open()) {
            store.openMap("docs", new MVMap.Builder<String, Object>().valueType(new BsonObjectType()))
                    .put("1", StoredDocument.store(first));
            store.openMap("keys", new MVMap.Builder<KeyValue, String>().keyType(new UniqueKeyIndex.KeyType()))
                    .put(new KeyValue("330211", "宁波富德"), "doc-1");
        }
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).open()) {
            Object read = store.openMap("docs", new MVMap.Builder<String, Object>().valueType(new BsonObjectType())).get("1");
            assertThat(read).isInstanceOf(StoredDocument.class);
            assertThat(StoredDocument.read(read)).isEqualTo(first);
            assertThat(store.openMap("keys", new MVMap.Builder<KeyValue, String>().keyType(new UniqueKeyIndex.KeyType()))
                    .get(new KeyValue("330211", "宁波富德"))).isEqualTo("doc-1");
        }
    }

    @Test
    void bothAreWrittenAsBsonNotJavaSerialisation() {
        org.h2.mvstore.WriteBuffer out = new org.h2.mvstore.WriteBuffer();
        Document document = sample(4);
        new BsonObjectType().write(out, document);
        new BsonObjectType().write(out, StoredDocument.store(document));
        new BsonObjectType().write(out, new KeyValue("a", 1));
        java.nio.ByteBuffer bytes = out.getBuffer().flip();
        assertThat(bytes.get(0)).isEqualTo((byte) 30);
        Object first = new BsonObjectType().read(bytes);
        assertThat(bytes.get(bytes.position())).isEqualTo((byte) 30);
        Object second = new BsonObjectType().read(bytes);
        // A document written decoded and one written as its bytes read back alike, as bytes.
        assertThat(first).isInstanceOf(StoredDocument.class);
        assertThat(((StoredDocument) second).bson()).isEqualTo(((StoredDocument) first).bson());
        assertThat(StoredDocument.read(first)).isEqualTo(document);
        assertThat(bytes.get(bytes.position())).isEqualTo((byte) 31);
        assertThat(new BsonObjectType().read(bytes)).isEqualTo(new KeyValue("a", 1));
        assertThat(bytes.hasRemaining()).isFalse();
    }

    @Test
    void aValueBsonCannotHoldFallsBackToH2sEncoding() {
        org.h2.mvstore.WriteBuffer out = new org.h2.mvstore.WriteBuffer();
        Document raw = new Document("bytes", new byte[] {1, 2, 3});
        new BsonObjectType().write(out, raw);
        java.nio.ByteBuffer bytes = out.getBuffer().flip();
        assertThat(bytes.get(0)).isEqualTo((byte) 19);
        assertThat(StoredDocument.store(raw)).isSameAs(raw);
        assertThat(StoredDocument.read(new BsonObjectType().read(bytes)).get("bytes")).isEqualTo(new byte[] {1, 2, 3});
    }

    @Test
    void pagesWrittenWithH2sOwnTypeAreStillRead() {
        Path file = dir.resolve("old.mv");
        Document old = sample(2);
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).open()) {
            store.openMap("docs").put("2", old); // the stock backend's encoding: Java serialisation
        }
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).open()) {
            MVMap<String, Object> docs = store.openMap("docs", new MVMap.Builder<String, Object>().valueType(new BsonObjectType()));
            assertThat(docs.get("2")).isInstanceOf(StoredDocument.class); // turned into bytes on reading
            assertThat(StoredDocument.read(docs.get("2"))).isEqualTo(old);
            docs.put("3", StoredDocument.store(sample(3)));
        }
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).open()) {
            MVMap<String, Object> docs = store.openMap("docs", new MVMap.Builder<String, Object>().valueType(new BsonObjectType()));
            assertThat(StoredDocument.read(docs.get("2"))).isEqualTo(old);
            assertThat(StoredDocument.read(docs.get("3")).get("nested")).isEqualTo(sample(3).get("nested"));
        }
    }
}
