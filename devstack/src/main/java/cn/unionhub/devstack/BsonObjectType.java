package cn.unionhub.devstack;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * H2's object type, but documents and index keys are written as BSON.
 *
 * <p>Why: the stock H2 backend stores mongo-java-server's documents with H2's generic
 * {@link ObjectDataType}, which Java-serialises each one (a new object stream, class descriptors
 * and all) whenever a page is written. Profiled during the 350,000-enterprise import, writing pages
 * took more than half of the store's CPU. BSON, the format the documents arrived in, is several
 * times cheaper to write and to read.
 *
 * <p>Each BSON value is written behind a tag byte H2 does not use, so pages written before this
 * type existed (Java-serialised) are still read by H2's own code: no migration of existing data.
 * A document BSON cannot represent (none is expected) falls back to H2's encoding.
 *
 * <p>Documents are read as {@link StoredDocument}s, their bytes, not decoded: the collection decodes
 * one when a command reads it. A Java-serialised document of an older page is turned into one on
 * reading, so the maps hold one kind of value whatever wrote the page.
 */
class BsonObjectType extends ObjectDataType {

    /** Tag bytes outside every range ObjectDataType uses (0-19, 32-49, 64-119). */
    private static final byte DOCUMENT = 30;
    private static final byte KEY = 31;
    private static final String KEY_VALUES = "k";

    /** Running mean of the encoded sizes: H2 sizes pages and its cache by these estimates. */
    private volatile int averageSize = 256;

    /**
     * Heap bytes a decoded index key (or a document BSON cannot hold) takes per byte of its BSON: its
     * map entries, field-name and value objects, and Chinese text as UTF-16. Measured when documents
     * were cached decoded: a cache of "128 MB" by the BSON size held about 300 MB of live objects
     * (124,000 complaints stored), so the store's 640 MB heap ran full collections back to back
     * whenever a scan churned the cache. Estimated this way, the cache holds what its size says.
     */
    private static final double HEAP_PER_BSON_BYTE = 2.5;

    @Override
    public int getMemory(Object obj) {
        if (obj instanceof StoredDocument stored) {
            return stored.bson().length + StoredDocument.OVERHEAD;
        }
        return obj instanceof Document || obj instanceof KeyValue ? (int) (averageSize * HEAP_PER_BSON_BYTE) : super.getMemory(obj);
    }

    @Override
    public void write(WriteBuffer buff, Object obj) {
        StoredDocument bson = obj instanceof StoredDocument stored ? stored
                : obj instanceof Document d ? StoredDocument.of(d)
                : obj instanceof KeyValue k ? StoredDocument.of(asDocument(k)) : null;
        if (bson == null) {
            super.write(buff, obj);
            return;
        }
        buff.put(obj instanceof KeyValue ? KEY : DOCUMENT).put(bson.bson());
        averageSize = (averageSize * 15 + bson.bson().length) / 16;
    }

    @Override
    public Object read(ByteBuffer buff) {
        byte tag = buff.get(buff.position());
        if (tag != DOCUMENT && tag != KEY) {
            Object old = super.read(buff);
            return old instanceof Document document ? StoredDocument.store(document) : old;
        }
        buff.get();
        byte[] bson = new byte[Integer.reverseBytes(buff.getInt(buff.position()))]; // BSON lengths are little-endian
        buff.get(bson);
        StoredDocument stored = new StoredDocument(bson);
        return tag == DOCUMENT ? stored : new KeyValue((List<?>) stored.decode().get(KEY_VALUES));
    }

    /** A key as {@code {k: [values]}}: BSON has no top-level list. */
    private static Document asDocument(KeyValue key) {
        List<Object> values = new ArrayList<>(key.size());
        key.forEach(values::add);
        return new Document(KEY_VALUES, values);
    }
}
