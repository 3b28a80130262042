package cn.unionhub.contest.common.store;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * What was read last, kept in memory up to a total weight (ledger lines, registrations), the least
 * recently used going first. Only for values that say themselves whether they are still true (a
 * ledger prefix checked against its head's hash, a roster against its stamp): this is no cache
 * with a guess of freshness. Safe for concurrent use; the store is never read under its lock.
 */
public final class RecentlyRead<V> {

    private final long maxWeight;
    private final ToIntFunction<V> weight;
    private final LinkedHashMap<String, V> values = new LinkedHashMap<>(16, 0.75f, true);
    private long kept;

    public RecentlyRead(long maxWeight, ToIntFunction<V> weight) {
        this.maxWeight = maxWeight;
        this.weight = weight;
    }

    public synchronized Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Keeps the value (replacing the key's earlier one), unless it alone is heavier than the whole allowance. */
    public synchronized void put(String key, V value) {
        V before = values.remove(key);
        if (before != null) {
            kept -= weight.applyAsInt(before);
        }
        int w = weight.applyAsInt(value);
        if (w > maxWeight) {
            return;
        }
        values.put(key, value);
        kept += w;
        Iterator<Map.Entry<String, V>> oldest = values.entrySet().iterator();
        while (kept > maxWeight && oldest.hasNext()) {
            kept -= weight.applyAsInt(oldest.next().getValue());
            oldest.remove();
        }
    }

    public synchronized void forget(String key) {
        V before = values.remove(key);
        if (before != null) {
            kept -= weight.applyAsInt(before);
        }
    }

    /** The total weight kept, for the tests and a gauge. */
    public synchronized long weight() {
        return kept;
    }
}
