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

    /**
     * @param file the MVStore file, or {@code null} to keep everything in memory
     * @param port the port, or 0 for any free one ({@link #connectionString()} names the one taken)
     */
    public static EmbeddedMongo start(java.nio.file.Path file, int port) {
        /*
         * Pages of 4 KB instead of H2's 16 KB for a file store: a write to a document rewrites its
         * whole page, and a read that misses the cache decodes the whole page. Keys such as USCCs
         * and event ids land at random places, so every insert touched another page; at 16 KB the
         * store spent most of an import re-encoding neighbours (bench/register-import.py 150000:
         * 735 rows/s at 16 KB, 1,194 at 4 KB, 1,216 at 2 KB, each on a fresh store).
         */
        /*
         * Compaction only while idle: at H2's default fill rate (90 %) the background writer rewrote
         * half-empty chunks all through a load — a fifth of the store's CPU samples at 100
         * redemptions/s (JFR, 2026-12-03), reading cold pages into the cache and turning them into
         * old-generation garbage. Below 71 % H2 never compacts while writes go on (its busy target is
         * the square of this rate); at rest it still compacts to 50 %, so the file holds up to about
         * twice its live data. docs/benchmarks.md, "Welfare money", session 24.
         */
        /*
         * A page cache of 8 MB, not 128: pages hold documents as BSON bytes (StoredDocument), so a
         * miss costs a read from the operating system's file cache and a copy, not a decode. The
         * store's CPU per redemption was the same with 2, 8, 16 and 128 MB, per complaint within the
         * noise with 8 MB (about 15 % more with 4 MB) (bench/welfare.py latency,
         * bench/pipeline-load.py, 2026-12-03). What the size does change is the collector's work: a
         * cache small enough to stay in the young generation's survivor spaces (StackConfig.STORE_JAVA_OPTIONS)
         * is never promoted, so no full collections under load; each young pause copies it, so
         * smaller is shorter (about 20 ms at 2 MB, 30 at 8, 40-75 at 16).
         */
        MVStore.Builder store = new MVStore.Builder().cacheSize(Integer.getInteger("unionhub.mongo.cache-mb", 8))
                .pageSplitSize(Integer.getInteger("unionhub.mongo.page-kb", 4) * 1024)
                .autoCompactFillRate(Integer.getInteger("unionhub.mongo.compact-fill-rate", 50));
        if (file != null) {
            store.fileName(file.toString());
        }
        MongoServer server = new MongoServer(new KeyLookupH2Backend(store.open()));
        server.bind("127.0.0.1", port);
        return new EmbeddedMongo(server, server.getLocalAddress().getPort());
    }

    public int port() {
        return port;
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
