package cn.unionhub.devstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * An embedded MongoDB-wire server (mongo-java-server, H2 MVStore backend) on a fixed port: in a
 * file for the local run, in memory for tests. It lacks multi-document transactions, change
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
        MongoServer server = new MongoServer(file == null ? H2Backend.inMemory() : new H2Backend(file.toString()));
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
