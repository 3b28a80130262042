package cn.unionhub.devstack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryMatcher;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with seven things real MongoDB has and the stock backend lacks.
 *
 * <p><b>Unique-key lookups inside larger queries.</b> The stock backend uses an index only when a
 * query names exactly that index's keys ({@code {_id: x}}); {@code {_id: x, version: 3}} — every
 * optimistic-locking update, every conditional claim — read the whole collection, so each write
 * cost grew with everything ever stored. Here, a query that pins all keys of a unique index by
 * equality (or {@code $in}) reads only the documents that index names, and the rest of the query is
 * matched on those, as MongoDB's planner does. Non-unique indexes are still ignored (the stock
 * backend keeps none), so other queries scan: hot paths must stay key lookups.
 *
 * <p><b>Sorted by {@code _id} with a limit: read in key order.</b> The documents are kept by
 * {@code _id}; such a query reads them in that order and stops at the limit, as MongoDB's
 * {@code _id} index serves it, instead of reading and sorting them all.
 *
 * <p><b>Index keys compared by value, documents kept as BSON.</b> See {@link UniqueKeyIndex},
 * {@link BsonObjectType} and {@link StoredDocument}: the stock backend Java-serialises documents and
 * index keys, compared index keys by serialising them, and kept documents decoded in its page cache
 * (a graph of objects per document for the collector to trace); here the cache holds their bytes
 * and a read decodes the document it needs.
 *
 * <p><b>Opening a database reads no documents.</b> The stock backend fills an index from every
 * document of its collection when the index says it is empty — and its placeholder for a
 * non-unique index (which it does not keep) always says so, as does a sparse unique index no
 * document has a key for. So opening a database read each such collection twice per index: with
 * 350,000 enterprises and their copies stored, opening the store took 320 s. Here those indexes
 * are not filled again: an index map already on file was kept with its documents.
 *
 * <p><b>{@code listDatabases} without reopening every database.</b> The stock backend answers it by
 * opening each database anew (the full reads above) — and Spring Boot's MongoDB health check sends
 * {@code listDatabases} on every health probe. With 350,000 enterprises and their copies stored,
 * each probe read the whole store (over a gigabyte): the store sat at a full core, and services
 * restarted against it stayed unhealthy for minutes. Here the answer comes from the databases
 * already open.
 *
 * <p><b>Counts and sorted pages without holding every match.</b> The stock backend answers a count
 * (drivers send {@code countDocuments} as an aggregation, {@code $match} then {@code $group}) by
 * collecting every document of the collection into one list, and a sorted query by collecting every
 * match before sorting. With 124,000 complaints stored, one staff list page (a page and its total)
 * ran the store out of its heap: 214 full collections, {@code OutOfMemoryError}, every service's
 * requests failing. Here a count reads the documents one at a time and keeps a number, and a sorted
 * query with a limit keeps only the best {@code skip + limit} matches. Both still read every
 * document (no secondary indexes), but in constant memory.
 *
 * <p><b>Long reads a batch at a time.</b> The stock backend answers a find by collecting every match
 * (and sorting them all) before the first batch goes out, then keeps the rest in the cursor: an
 * export or an audit over a large collection held it all at once and ran the store out of its heap.
 * Here a find that asks for batches reads each batch when it is asked for (see {@code inBatches}).
 *
 * <p><b>Counters in {@code serverStatus}.</b> {@code metrics.queryExecutor.scannedObjects}
 * (documents examined, as MongoDB names it) and {@code opcounters} (commands by kind), so tests and
 * benchmarks can show that the work per request does not grow with the data stored.
 */
final class KeyLookupH2Backend extends H2Backend {

    private static final Field MV_STORE = field(H2Database.class, "mvStore");

    private final LongAdder examined = new LongAdder();
    private final Map<String, LongAdder> commands = new ConcurrentHashMap<>();
    /** Commands by database, collection and name: which writes and reads a request costs. */
    private final Map<String, LongAdder> commandsByTarget = new ConcurrentHashMap<>();
    private final LongAdder databasesOpened = new LongAdder();

    KeyLookupH2Backend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // The superclass's constructor opens the databases on file before this field is set.
        if (databasesOpened != null) {
            databasesOpened.increment();
        }
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        commands.computeIfAbsent(opcounter(command), k -> new LongAdder()).increment();
        Object target = query.get(command);
        commandsByTarget.computeIfAbsent(databaseName + (target instanceof String collection ? "." + collection : "") + " " + command,
                k -> new LongAdder()).increment();
        long before = EXAMINED_HERE.get()[0];
        /*
         * A command reads one version of the store. Registered, that version's pages stay on disk
         * until the command ends: unregistered, a read lasting longer than the store's retention
         * time while others write (a scan of a large collection during a bulk import) met pages
         * whose chunk had been reused — "Chunk n not found".
         */
        MVStore.TxCounter reading = getMvStore().registerVersionUsage();
        Document answer;
        try {
            if ("hello".equals(command)) {
                // MongoDB's current name for isMaster, which drivers' health checks (Spring Boot's
                // MongoHealthIndicator) send; the stock server knows only the old name.
                answer = super.handleCommand(channel, databaseName, "isMaster", query);
                answer.put("isWritablePrimary", Boolean.TRUE);
            } else if ("listDatabases".equalsIgnoreCase(command) && "admin".equals(databaseName)) {
                answer = listDatabases();
            } else if ((answer = countInConstantMemory(databaseName, command, query)) != null) {
                // answered
            } else {
                answer = super.handleCommand(channel, databaseName, command, query);
            }
        } finally {
            getMvStore().deregisterVersionUsage(reading);
        }
        long examinedHere = EXAMINED_HERE.get()[0] - before;
        examined.add(examinedHere);
        if (examinedHere >= SCAN_REPORTED && examinedHere > 2 * returned(answer)) {
            reportScan(databaseName + " " + command, query, examinedHere);
        }
        return answer;
    }

    @Override
    public Document getServerStatus() {
        Document status = super.getServerStatus();
        Document metrics = (Document) status.get("metrics");
        metrics.put("queryExecutor", new Document("scannedObjects", examined.sum()));
        Document opcounters = new Document();
        for (String kind : new String[] {"insert", "query", "update", "delete", "getmore", "command"}) {
            LongAdder n = commands.get(kind);
            opcounters.put(kind, n == null ? 0L : n.sum());
        }
        status.put("opcounters", opcounters);
        // Not MongoDB's: how often a database was opened.
        status.put("unionhubDatabasesOpened", databasesOpened.sum());
        // Not MongoDB's either: indexes filled by reading every document of their collection.
        status.put("unionhubIndexFills", INDEX_FILLS.sum());
        // Not MongoDB's either (its nearest is $top): commands by "database.collection command".
        Document byTarget = new Document();
        new java.util.TreeMap<>(commandsByTarget).forEach((target, n) -> byTarget.put(target, n.sum()));
        status.put("unionhubCommands", byTarget);
        return status;
    }

    /**
     * A count as drivers send it — {@code aggregate} with {@code [$match?, $skip?, $limit?, $group
     * {_id: c, n: {$sum: 1}}]}, or the {@code count} command — answered by reading the documents one
     * at a time; null for any other command (the stock code answers it).
     */
    private Document countInConstantMemory(String databaseName, String command, Document query) {
        if (!(query.get(command) instanceof String collectionName)) {
            return null;
        }
        Document filter = new Document();
        long skip = 0;
        long limit = 0;
        Document group = null;
        if ("count".equals(command)) {
            if (query.get("query") instanceof Document q) {
                filter = q;
            }
            skip = query.get("skip") instanceof Number n ? n.longValue() : 0;
            limit = query.get("limit") instanceof Number n ? Math.abs(n.longValue()) : 0;
        } else if ("aggregate".equals(command) && query.get("pipeline") instanceof List<?> stages && !stages.isEmpty()) {
            for (int i = 0; i < stages.size(); i++) {
                if (!(stages.get(i) instanceof Document stage) || stage.size() != 1) {
                    return null;
                }
                boolean last = i == stages.size() - 1;
                if (i == 0 && stage.get("$match") instanceof Document match) {
                    filter = match;
                } else if (!last && stage.get("$skip") instanceof Number n) {
                    skip += n.longValue();
                } else if (!last && stage.get("$limit") instanceof Number n) {
                    limit = n.longValue();
                } else if (last && stage.get("$group") instanceof Document g && g.size() == 2 && g.containsKey("_id")
                        && !(g.get("_id") instanceof String) && !(g.get("_id") instanceof Document)) {
                    group = g;
                } else {
                    return null;
                }
            }
            if (group == null) {
                return null;
            }
        } else {
            return null;
        }
        String countField = null;
        if (group != null) {
            for (Map.Entry<String, Object> field : group.entrySet()) {
                if (!field.getKey().equals("_id")) {
                    if (!(field.getValue() instanceof Document sum) || sum.size() != 1 || !(sum.get("$sum") instanceof Number one)
                            || one.intValue() != 1) {
                        return null;
                    }
                    countField = field.getKey();
                }
            }
        }
        MongoCollection<?> collection = resolveDatabase(databaseName).resolveCollection(collectionName, false);
        if (collection != null && !(collection instanceof KeyLookupCollection)) {
            return null;
        }
        long matched = collection == null ? 0 : ((KeyLookupCollection) collection).countMatching(filter);
        long n = Math.max(0, matched - skip);
        if (limit > 0) {
            n = Math.min(n, limit);
        }
        Document answer;
        if (group == null) {
            answer = new Document("n", n);
        } else {
            List<Document> batch = n == 0 ? List.of() : List.of(new Document("_id", group.get("_id")).append(countField, n));
            answer = new Document("cursor", new Document("firstBatch", batch).append("id", 0L)
                    .append("ns", databaseName + "." + collectionName));
        }
        Utils.markOkay(answer);
        return answer;
    }

    /** The stock answer's shape, from the databases already open (opened once if not yet). */
    private Document listDatabases() {
        List<Document> databases = listDatabaseNames().stream().sorted()
                .map(name -> new Document("name", name).append("empty", resolveDatabase(name).isEmpty()))
                .toList();
        Document answer = new Document("databases", databases);
        Utils.markOkay(answer);
        return answer;
    }

    /** Documents a find answered with: reading 5,000 to return 5,000 is not a scan. */
    private static int returned(Document answer) {
        return answer != null && answer.get("cursor") instanceof Document cursor
                && cursor.get("firstBatch") instanceof Collection<?> batch ? batch.size() : 0;
    }

    /** MongoDB's opcounters kinds; findAndModify and the like count as "command" there too. */
    private static String opcounter(String command) {
        return switch (command) {
            case "insert", "update", "delete", "getmore" -> command;
            case "getMore" -> "getmore";
            case "find" -> "query";
            default -> "command";
        };
    }

    private static final class Database extends H2Database {

        Database(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
        }

        /*
         * Called from H2Database's constructor too (collections already on file are opened there),
         * before a subclass could keep the store: it is read from the superclass's field.
         */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            MVStore store = store();
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Object> data = store.openMap("databases." + fullName,
                    new MVMap.Builder<Object, Object>().keyType(new DocumentKeyType()).valueType(new BsonObjectType()));
            MVMap<String, Object> meta = store.openMap("meta." + fullName);
            return new KeyLookupCollection(this, collectionName, options, data, meta, cursorRegistry);
        }

        /** The map name is the stock backend's, so data directories written before keep their indexes. */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            return UniqueKeyIndex.open(store(), mapName, indexName, keys, sparse);
        }

        /** The stock placeholder, except that it does not ask to be filled from every document. */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            return new IgnoredIndex(indexName, keys);
        }

        /** The superclass's store (these methods also run from its constructor, before a field of ours is set). */
        private MVStore store() {
            return (MVStore) read(MV_STORE, this);
        }
    }

    /**
     * A non-unique index, which this store does not keep (queries on its keys scan). The stock
     * placeholder reports itself empty, so adding it to its collection — on every opening of the
     * database — read every document twice to fill it with nothing.
     */
    private static final class IgnoredIndex extends EmptyIndex<Object> {

        IgnoredIndex(String name, List<IndexKey> keys) {
            super(name, keys);
        }

        @Override
        public boolean isEmpty() {
            return false;
        }
    }

    private static final class KeyLookupCollection extends H2Collection {

        private static final MethodHandle UPDATE_DOCUMENT = privateMethod(AbstractMongoCollection.class, "updateDocument",
                MethodType.methodType(Document.class, Document.class, Document.class, ArrayFilters.class, Integer.class));

        /** The stock collection's matcher is private; this one finds the position a {@code $} update refers to, as it does. */
        private final QueryMatcher matcher = new DefaultQueryMatcher();

        /** The documents by {@code _id}, in key order, as {@link StoredDocument}s: the stock backend's map. */
        private final MVMap<Object, Object> stored;

        @SuppressWarnings({"unchecked", "rawtypes"})
        KeyLookupCollection(Database database, String name, CollectionOptions options, MVMap<Object, Object> stored,
                MVMap<String, Object> meta, CursorRegistry cursors) {
            // The stock collection is handed the map typed for documents but reads and writes it only
            // through the methods overridden here.
            super(database, name, options, (MVMap) stored, meta, cursors);
            this.stored = stored;
        }

        /*
         * The map holds StoredDocuments (BSON bytes, see there), so every method of the stock
         * collection that touches it is replaced by one that decodes what it reads and encodes what
         * it writes. Each read is a new instance: an update changes an instance no reply holds (the
         * stock backend changed the stored instance in place while a reply holding it could still
         * be encoded on another connection's thread: ConcurrentModificationException, the
         * connection closed, the client's driver holding every request for up to 2 s).
         */
        @Override
        protected Document getDocument(Object position) {
            return StoredDocument.read(stored.get(position));
        }

        /** The stock method's, with the document stored as bytes. */
        @Override
        protected Object addDocumentInternal(Document document) {
            Object id = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
            Object previous = stored.put(Missing.ofNullable(id), StoredDocument.store(document));
            if (previous != null) {
                throw new IllegalStateException("Document with key '" + id + "' already existed in " + this);
            }
            return id;
        }

        @Override
        protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
            stored.put(Missing.ofNullable(position), StoredDocument.store(newDocument));
        }

        @Override
        protected void removeDocument(Object position) {
            stored.remove(position);
        }

        @Override
        protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
            return stored.entrySet().stream().map(e -> new DocumentWithPosition<>(StoredDocument.read(e.getValue()), e.getKey()));
        }

        /** The stock method's: every document, in key order or (for {@code $natural: -1}) reversed. */
        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fieldSelector) {
            Stream<Document> documents = isNaturalDescending(orderBy)
                    ? streamAllDocumentsWithPosition()
                            .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                            .map(DocumentWithPosition::getDocument)
                    : stored.values().stream().map(StoredDocument::read);
            return matchDocumentsFromStream(documents, query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fieldSelector) {
            for (Index<Object> index : getIndexes()) {
                if (index.isUnique() && !index.canHandle(query)) {
                    Document keys = pinnedKeys(index, query);
                    if (keys != null && index.canHandle(keys)) {
                        return matchDocuments(query, index.getPositions(keys), orderBy, skip, limit, batchSize, fieldSelector);
                    }
                }
            }
            QueryResult firstBatch = inBatches(query, orderBy, skip, limit, batchSize, fieldSelector);
            if (firstBatch != null) {
                return firstBatch;
            }
            Stream<Document> inIdOrder = limit > 0 ? walkInIdOrder(query, orderBy) : null;
            if (inIdOrder != null) {
                return matchDocumentsFromStream(query, inIdOrder, skip, limit, batchSize, null, fieldSelector);
            }
            List<Document> best = limit > 0 ? bestMatches(query, orderBy, skip + limit) : null;
            if (best != null) {
                QueryResult page = matchDocumentsFromStream(query, best.stream(), skip, limit, batchSize, null, fieldSelector);
                EXAMINED_HERE.get()[0] -= best.size(); // matched again only to page them: each document counts once
                return page;
            }
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        /**
         * A read in key order (unsorted, or sorted by {@code _id}) that asks for batches and more than
         * one batch's worth: the first batch now, the rest a batch per {@code getMore}, each read
         * afresh from where the previous one stopped — as MongoDB serves it from the {@code _id}
         * index. The stock code collects every match of a find into one list before answering and
         * keeps the rest in the cursor: the daily reconciliation's walk of the journal (250,000 lines,
         * 500 a batch) held them all at once and ran the store out of its heap. Null when this does
         * not apply (no batch size, a limit within one batch, another order).
         */
        private QueryResult inBatches(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fieldSelector) {
            if (batchSize <= 0 || limit > 0 && limit <= batchSize) {
                return null;
            }
            KeyRange range = orderBy == null || orderBy.isEmpty() ? KeyRange.ALL : idRange(query, orderBy);
            return range != null
                    ? firstBatch(new Batches(cursorRegistry.generateCursorId(), query, range, skip, limit, fieldSelector), batchSize)
                    : sortedInBatches(query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        private QueryResult firstBatch(AbstractCursor cursor, int batchSize) {
            List<Document> first = cursor.takeDocuments(batchSize);
            if (cursor.isEmpty()) {
                return new QueryResult(first);
            }
            cursorRegistry.add(cursor);
            return new QueryResult(first, cursor);
        }

        /**
         * The same for a read sorted by other top-level fields (an export of a ledger, oldest first),
         * or by {@code _id} where the map's order is not BSON's:
         * every match is read once, but only its sort fields and key are kept and sorted; each batch
         * then reads its documents by key. The stock code sorted the matching documents themselves,
         * all decoded at once. Null for an order this does not handle (dotted or {@code $} keys).
         */
        private QueryResult sortedInBatches(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fieldSelector) {
            if (orderBy.keySet().stream().anyMatch(key -> key.startsWith("$") || key.contains("."))) {
                return null;
            }
            java.util.Comparator<Document> order = deriveComparator(orderBy);
            List<Map.Entry<Document, Object>> matches = new ArrayList<>();
            forEachMatch(query, (key, document) -> {
                Document sortFields = new Document();
                orderBy.keySet().stream().filter(document::containsKey).forEach(field -> sortFields.put(field, document.get(field)));
                matches.add(Map.entry(sortFields, key));
            });
            matches.sort(Map.Entry.comparingByKey(order)); // stable: equal keys stay in key order, as the stock sort leaves them
            int from = Math.min(skip, matches.size());
            int to = limit > 0 ? Math.min(matches.size(), from + limit) : matches.size();
            List<Object> keys = matches.subList(from, to).stream().map(Map.Entry::getValue).toList();
            return firstBatch(new SortedBatches(cursorRegistry.generateCursorId(), keys, fieldSelector), batchSize);
        }

        /** A cursor over keys sorted beforehand: each batch reads its documents by key (one deleted meanwhile is left out). */
        private final class SortedBatches extends AbstractCursor {
            private final List<Object> keys;
            private final Document fieldSelector;
            private int next;

            SortedBatches(long id, List<Object> keys, Document fieldSelector) {
                super(id);
                this.keys = keys;
                this.fieldSelector = fieldSelector;
            }

            @Override
            public boolean isEmpty() {
                return next >= keys.size();
            }

            @Override
            public synchronized List<Document> takeDocuments(int wanted) {
                List<Document> batch = new ArrayList<>();
                int size = wanted > 0 ? wanted : DEFAULT_BATCH;
                while (batch.size() < size && next < keys.size()) {
                    Document document = StoredDocument.read(stored.get(keys.get(next++)));
                    if (document != null) {
                        batch.add(document);
                    }
                }
                return projected(batch, fieldSelector);
            }
        }

        /** The stock projection of the documents, by way of the stock matcher on an empty query (not counted again). */
        private List<Document> projected(List<Document> batch, Document fieldSelector) {
            if (fieldSelector == null || fieldSelector.isEmpty() || batch.isEmpty()) {
                return batch;
            }
            List<Document> projected = new ArrayList<>();
            matchDocumentsFromStream(new Document(), batch.stream(), 0, 0, 0, null, fieldSelector).forEach(projected::add);
            EXAMINED_HERE.get()[0] -= batch.size();
            return projected;
        }

        /**
         * A cursor that keeps the last key it read, not the documents still to come: each batch walks
         * the map on from there (documents written meanwhile may be seen, as with MongoDB's own
         * cursors), inside the {@code getMore} command that asks for it.
         */
        private final class Batches extends AbstractCursor {
            private final Document query;
            private final KeyRange range;
            private final Document fieldSelector;
            private Object from;
            private Object lastKey;
            private int toSkip;
            private long remaining;
            private boolean exhausted;

            Batches(long id, Document query, KeyRange range, int skip, int limit, Document fieldSelector) {
                super(id);
                this.query = query;
                this.range = range;
                this.from = range.from();
                this.toSkip = skip;
                this.remaining = limit > 0 ? limit : Long.MAX_VALUE;
                this.fieldSelector = fieldSelector;
            }

            @Override
            public boolean isEmpty() {
                return exhausted;
            }

            @Override
            public synchronized List<Document> takeDocuments(int wanted) {
                List<Document> batch = new ArrayList<>();
                Cursor<Object, Object> walk = stored.cursor(from, range.to(), range.reverse());
                int size = wanted > 0 ? wanted : DEFAULT_BATCH;
                while (batch.size() < size && remaining > 0 && walk.hasNext()) {
                    Object key = walk.next();
                    if (key.equals(lastKey)) {
                        continue; // the walk resumes at the last key read, which the previous batch had
                    }
                    lastKey = key;
                    from = key;
                    Document document = StoredDocument.read(walk.getValue());
                    if (!documentMatchesQuery(document, query)) {
                        continue;
                    }
                    if (toSkip > 0) {
                        toSkip--;
                        continue;
                    }
                    batch.add(document);
                    remaining--;
                }
                exhausted = remaining == 0 || !walk.hasNext();
                return projected(batch, fieldSelector);
            }
        }

        /**
         * The first {@code wanted} matches in the query's order, read one document at a time and
         * kept in a bounded heap (the stock code collects every match, then sorts); null when the
         * order is not a plain field order.
         */
        private List<Document> bestMatches(Document query, Document orderBy, int wanted) {
            if (orderBy == null || orderBy.isEmpty() || wanted <= 0 || wanted > 10_000
                    || orderBy.keySet().stream().anyMatch(key -> key.startsWith("$"))) {
                return null;
            }
            // Equal sort keys in the order read (key order), as the stock stable sort leaves them.
            java.util.Comparator<Read> order = java.util.Comparator.<Read, Document>comparing(Read::document, deriveComparator(orderBy))
                    .thenComparingLong(Read::number);
            // The worst kept match on top, so a better one replaces it.
            java.util.PriorityQueue<Read> kept = new java.util.PriorityQueue<>(wanted + 1, order.reversed());
            long[] number = {0};
            forEachMatch(query, (key, document) -> {
                Read read = new Read(document, number[0]++);
                if (kept.size() < wanted) {
                    kept.add(read);
                } else if (order.compare(read, kept.peek()) < 0) {
                    kept.poll();
                    kept.add(read);
                }
            });
            return kept.stream().sorted(order).map(Read::document).toList();
        }

        /** A match and its place in key order. */
        private record Read(Document document, long number) {
        }

        /** How many documents match, read one at a time: a count holds a number, not the documents. */
        long countMatching(Document query) {
            for (Index<Object> index : getIndexes()) {
                if (index.isUnique() && pinnedKeys(index, query) != null) {
                    long n = 0;
                    for (Document ignored : queryDocuments(query, null, 0, 0, 0, null)) {
                        n++;
                    }
                    return n;
                }
            }
            long[] n = {0};
            forEachMatch(query, (key, document) -> n[0]++);
            return n[0];
        }

        /** Every matching document in key order, read one at a time from the whole collection (no secondary indexes). */
        private void forEachMatch(Document query, java.util.function.BiConsumer<Object, Document> each) {
            Cursor<Object, Object> cursor = stored.cursor(null);
            while (cursor.hasNext()) {
                Object key = cursor.next();
                Document document = StoredDocument.read(cursor.getValue());
                if (documentMatchesQuery(document, query)) {
                    each.accept(key, document);
                }
            }
        }

        /**
         * A query sorted by {@code _id} with a limit, as MongoDB serves it from the {@code _id}
         * index: the documents of {@link #idRange} read lazily, so the caller stops after
         * {@code skip + limit} matches instead of reading and sorting the whole collection (the
         * outbox relay's "oldest pending events" is such a query). Null when this does not apply.
         */
        private Stream<Document> walkInIdOrder(Document query, Document orderBy) {
            KeyRange range = orderBy == null ? null : idRange(query, orderBy);
            if (range == null) {
                return null;
            }
            Cursor<Object, Object> cursor = stored.cursor(range.from(), range.to(), range.reverse());
            Iterator<Document> documents = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return cursor.hasNext();
                }

                @Override
                public Document next() {
                    cursor.next();
                    return StoredDocument.read(cursor.getValue());
                }
            };
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(documents, Spliterator.ORDERED), false);
        }

        /**
         * The part of the map, in walking order, that holds a query's documents in its order
         * {@code {_id: 1}} or {@code {_id: -1}}: from the bound the query sets on {@code _id} (if any)
         * to the other, both inclusive (the query itself still decides on every document read). Only
         * when every key and bound is a string: the map orders values of different types by H2's type
         * numbers, not BSON's order. Null when a walk of the map does not give the query's order.
         */
        private KeyRange idRange(Document query, Document orderBy) {
            if (orderBy.size() != 1 || !(orderBy.get("_id") instanceof Number direction)
                    || stored.isEmpty() || !(stored.firstKey() instanceof String) || !(stored.lastKey() instanceof String)) {
                return null;
            }
            Object lower = bound(query, "$gt", "$gte");
            Object upper = bound(query, "$lt", "$lte");
            if (!(lower == null || lower instanceof String) || !(upper == null || upper instanceof String)) {
                return null;
            }
            return direction.intValue() < 0 ? new KeyRange(upper, lower, true) : new KeyRange(lower, upper, false);
        }

        /** Where a walk of the map starts and ends (null: its first or last key), and in which direction. */
        private record KeyRange(Object from, Object to, boolean reverse) {
            /** The whole map in key order: an unsorted read. */
            static final KeyRange ALL = new KeyRange(null, null, false);
        }

        /** The bound a top-level condition on {@code _id} sets with one of the operators; null if none. */
        private static Object bound(Document query, String exclusive, String inclusive) {
            if (!(query.get("_id") instanceof Document condition)) {
                return null;
            }
            return condition.containsKey(exclusive) ? condition.get(exclusive) : condition.get(inclusive);
        }

        /**
         * The stock update, with its "did this change anything" ({@code nModified}) decided by
         * {@link SameValues} instead of normalising both whole documents (see there). An upsert that
         * matched nothing, and a multi-document update the stock code refuses, are the stock code's.
         */
        @Override
        public synchronized Document updateDocuments(Document selector, Document updateQuery, ArrayFilters arrayFilters,
                boolean isMulti, boolean isUpsert, Oplog oplog) {
            if (isMulti && updateQuery.keySet().stream().anyMatch(key -> !key.startsWith("$"))) {
                return super.updateDocuments(selector, updateQuery, arrayFilters, true, isUpsert, oplog); // its error
            }
            int matched = 0;
            List<Object> modified = new ArrayList<>();
            for (Document document : queryDocuments(selector, null, 0, 0, 0, null)) {
                Integer matchPosition = matcher.matchPosition(document, selector);
                Document before = updateDocument(document, updateQuery, arrayFilters, matchPosition);
                if (!SameValues.same(before, document)) {
                    modified.add(document.get(getIdField()));
                }
                matched++;
                if (!isMulti) {
                    break;
                }
            }
            if (matched == 0 && isUpsert) {
                return super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, true, oplog);
            }
            oplog.handleUpdate(getFullName(), selector, updateQuery, modified);
            return new Document("n", matched).append("nModified", modified.size());
        }

        /** The stock {@code updateDocument} (private there): applies the update in place, returns the document as it was. */
        private Document updateDocument(Document document, Document updateQuery, ArrayFilters arrayFilters, Integer matchPosition) {
            try {
                return (Document) UPDATE_DOCUMENT.invoke(this, document, updateQuery, arrayFilters, matchPosition);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * No running total of the documents' BSON size: the stock collection encodes every inserted
         * document once and every updated one twice (old and new) only to keep collStats' {@code size}
         * current, which nothing here reads (the store's size on disk is its file). That was 9 % of
         * the store's CPU in a burst of complaints. {@code size} keeps whatever it last held.
         */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        /** An index that says it is empty is filled from every document; counted, as that is a full read. */
        @Override
        public void addIndex(Index<Object> index) {
            boolean fills = index.isEmpty() && !isEmpty()
                    && getIndexes().stream().noneMatch(existing -> existing.getName().equals(index.getName()));
            super.addIndex(index);
            if (fills) {
                INDEX_FILLS.increment();
            }
        }

        /** Every document a command reads passes here: the count behind scannedObjects and the scan log. */
        @Override
        protected boolean documentMatchesQuery(Document document, Document query) {
            EXAMINED_HERE.get()[0]++;
            return super.documentMatchesQuery(document, query);
        }

        /**
         * The part of the query that pins every key of the index by equality or {@code $in}, at
         * the top level or in a top-level {@code $and} (drivers write {@code and(eq, eq)} that
         * way); null if some key is not pinned.
         */
        private static Document pinnedKeys(Index<Object> index, Document query) {
            Document keys = new Document();
            for (IndexKey key : index.getKeys()) {
                Object value = pinned(query, key.getKey());
                if (value == null) {
                    return null;
                }
                keys.put(key.getKey(), value);
            }
            return keys;
        }

        private static Object pinned(Document query, String key) {
            Object value = query.get(key);
            if (value != null) {
                return value instanceof Document d && !isIn(d) ? null : value;
            }
            if (query.get("$and") instanceof Collection<?> all) {
                for (Object part : all) {
                    if (part instanceof Document condition && (value = pinned(condition, key)) != null) {
                        return value;
                    }
                }
            }
            return null;
        }

        private static boolean isIn(Document condition) {
            return condition.size() == 1 && condition.get("$in") instanceof Collection<?>;
        }
    }

    /** Indexes filled from their collection's documents, in this process (one store per process). */
    private static final LongAdder INDEX_FILLS = new LongAdder();
    /** Documents examined by this thread; handleCommand adds each command's share to the total. */
    private static final ThreadLocal<long[]> EXAMINED_HERE = ThreadLocal.withInitial(() -> new long[1]);
    /** Documents in a batch whose size the client left open: MongoDB's first batch. */
    private static final int DEFAULT_BATCH = 101;
    /** A query that reads this many documents is reported, like MongoDB's slow-query log. */
    private static final long SCAN_REPORTED = 2_000;
    private static final Map<String, Long> REPORTED = new ConcurrentHashMap<>();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KeyLookupH2Backend.class);

    /**
     * Logs a query that read many documents — a scan on a hot path is the bug this store makes
     * visible — at most once a minute per collection and query shape.
     */
    private static void reportScan(String command, Document query, long examined) {
        String shape = command + " " + query.get(command.substring(command.indexOf(' ') + 1));
        long now = System.currentTimeMillis();
        Long last = REPORTED.get(shape);
        if (last == null || now - last > 60_000) {
            REPORTED.put(shape, now);
            log.warn("Scan: {} examined {} documents: {}", command, examined, query.toString().replaceAll("\\s+", " "));
        }
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("mongo-java-server changed: no " + type.getSimpleName() + "." + name, e);
        }
    }

    private static MethodHandle privateMethod(Class<?> type, String name, MethodType signature) {
        try {
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup()).findVirtual(type, name, signature);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("mongo-java-server changed: no " + type.getSimpleName() + "." + name + signature, e);
        }
    }

    private static Object read(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
