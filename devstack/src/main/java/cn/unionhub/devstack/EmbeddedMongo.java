package cn.unionhub.devstack;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

/**
 * An embedded MongoDB-wire server (mongo-java-server, H2 MVStore backend) on a fixed port: in a
 * file for the local run, in memory for tests. Its planner serves queries that pin a unique key
 * (such as {@code {_id: x, version: n}}) by that key, and {@code serverStatus} counts the documents
 * examined ({@link KeyLookupH2Backend}). It lacks multi-document transactions, change
 * streams and the geo query operators; services must not rely on them (docs/architecture.md).
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final int port;

    private EmbeddedMongo(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** @param file the MVStore file, or {@code null} to keep everything in memory */
    public static EmbeddedMongo start(java.nio.file.Path file, int port) {
        MVStore.Builder store = new MVStore.Builder().cacheSize(Integer.getInteger("unionhub.mongo.cache-mb", 128));
        if (file != null) {
            store.fileName(file.toString());
        }
        MongoServer server = new MongoServer(new KeyLookupH2Backend(store.open()));
        server.bind("127.0.0.1", port);
        return new EmbeddedMongo(server, port);
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    /** Closing the backend flushes the MVStore; a kill -9 may lose the last second of writes. */
    @Override
    public void close() {
        server.shutdown();
    }
}
