package cn.unionhub.devstack;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A stored document as its BSON bytes: what the store's maps and page cache hold, decoded afresh
 * on every read.
 *
 * <p>Why not the decoded document, as the stock backend keeps it: a decoded document is a graph of
 * map entries, strings and boxed values, two and a half times its BSON size in the heap and a few
 * dozen objects. With 124,000 complaints stored the page cache was about 300 MB of such graphs,
 * which the store's collector had to trace on every full collection (0.5–0.8 s each, every few
 * seconds under load: the tail of every request). As bytes, a cached document is one array the
 * collector does not look into. And a page is written by copying bytes: the stock type re-encoded
 * every document of a dirty page at each commit (29 % of the store's CPU in a burst of complaints).
 *
 * <p>A fresh instance per read also means no reply shares an instance with an update on another
 * connection's thread, so updates need no defensive copies.
 */
record StoredDocument(byte[] bson) {

    /** Bytes a stored document takes in the heap beyond its BSON: the record and the array headers. */
    static final int OVERHEAD = 32;

    /** The document's BSON, or null when BSON cannot represent it (the caller keeps the document). */
    static StoredDocument of(Document document) {
        ByteBuf out = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, out);
        } catch (RuntimeException notRepresentable) {
            return null;
        }
        byte[] bson = new byte[out.readableBytes()];
        out.readBytes(bson);
        return new StoredDocument(bson);
    }

    Document decode() {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /**
     * The document a map value stands for, an instance of its own: values are stored documents,
     * except a document BSON could not represent, kept as it came (and copied here, since the
     * stock update changes the instance it is given).
     */
    static Document read(Object value) {
        if (value instanceof StoredDocument stored) {
            return stored.decode();
        }
        return value == null ? null : new Document((Document) value);
    }

    /** What a map stores for the document. */
    static Object store(Document document) {
        StoredDocument stored = of(document);
        return stored != null ? stored : document;
    }
}
