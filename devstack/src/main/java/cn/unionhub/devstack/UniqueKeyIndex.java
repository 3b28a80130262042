package cn.unionhub.devstack;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;

/**
 * A unique index kept in an MVStore map whose keys are ordered by comparing their values.
 *
 * <p>Why: the stock H2 backend opens its index maps with H2's generic {@link ObjectDataType}.
 * mongo-java-server's {@link KeyValue} is not {@link Comparable}, so that type orders two keys by
 * Java-serialising both and comparing the bytes — on every step of every B-tree search. Profiles of
 * the register import and of lookups showed nearly all the store's time there. Here keys compare
 * value by value with the server's own BSON order; keys are written as BSON, and read in either encoding.
 *
 * <p>A map written by the stock backend is in byte order, which this order does not search
 * correctly; such a map is re-sorted once when opened (read in stored order, cleared, re-inserted)
 * and marked, so data directories from before this change keep working.
 */
final class UniqueKeyIndex extends AbstractUniqueIndex<Object> {

    /** Marks index maps already in value order; kept in the same store, so it commits with them. */
    private static final String ORDERED_MAPS = "unionhub.value-ordered-indexes";

    private final MVMap<KeyValue, Object> map;
    /** Whether the map was already on file when opened: kept with its documents since. */
    private final boolean onFile;

    private UniqueKeyIndex(MVMap<KeyValue, Object> map, boolean onFile, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
        this.onFile = onFile;
    }

    static UniqueKeyIndex open(MVStore store, String mapName, String name, List<IndexKey> keys, boolean sparse) {
        boolean existed = store.hasMap(mapName);
        MVMap<KeyValue, Object> map = store.openMap(mapName, new MVMap.Builder<KeyValue, Object>().keyType(new KeyType()));
        MVMap<String, Boolean> ordered = store.openMap(ORDERED_MAPS);
        if (existed && ordered.get(mapName) == null && !map.isEmpty()) {
            resort(map);
        }
        ordered.put(mapName, Boolean.TRUE);
        return new UniqueKeyIndex(map, existed, name, keys, sparse);
    }

    /** Iterating walks the stored pages without comparing keys, so it is safe in any order. */
    private static void resort(MVMap<KeyValue, Object> map) {
        List<Map.Entry<KeyValue, Object>> entries = new ArrayList<>((int) Math.min(map.sizeAsLong(), Integer.MAX_VALUE));
        for (Map.Entry<KeyValue, Object> entry : map.entrySet()) {
            entries.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        map.clear();
        for (Map.Entry<KeyValue, Object> entry : entries) {
            map.put(entry.getKey(), entry.getValue());
        }
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return map.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return map.get(key);
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    /**
     * Asked only when the index joins its collection, which fills an empty index from every
     * document. A map already on file holds what its documents need, even when that is nothing (a
     * sparse index no document has a key for): filling it again would only read every document.
     */
    @Override
    public boolean isEmpty() {
        return !onFile && map.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    /**
     * Two {@link KeyValue}s compare by their values in BSON order (the order MongoDB's indexes use;
     * values it calls equal, such as 1 and 1.0, are one key, as in a MongoDB unique index), then by
     * length. Keys are written as BSON ({@link BsonObjectType}).
     */
    static final class KeyType extends BsonObjectType {

        private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();

        @Override
        public int compare(Object a, Object b) {
            if (a instanceof KeyValue x && b instanceof KeyValue y) {
                int n = Math.min(x.size(), y.size());
                for (int i = 0; i < n; i++) {
                    int c = compareValues(x.get(i), y.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(x.size(), y.size());
            }
            return super.compare(a, b);
        }

        /**
         * Strings (ids, tracking numbers, scopes: nearly every key) straight by {@link String#compareTo},
         * which is what the server's comparator does for two strings after its type checks; those checks
         * and the number normalisation around them were a sixth of the store's CPU under load.
         */
        private static int compareValues(Object a, Object b) {
            if (a instanceof String s && b instanceof String t) {
                return s.compareTo(t);
            }
            return VALUES.compare(a, b);
        }
    }
}
