package cn.unionhub.platform.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** How the stores' scheduled runs ({@link DueTimers}, {@link ReleaseQueue}) hand a read's batch to a handler of one item. */
final class OneByOne {

    private OneByOne() {
    }

    /**
     * Hands each of {@code batch} to {@code handler} on its own: one that throws goes to {@code failed} and stays for
     * the next run, and the others go on.
     *
     * @return those whose handler returned, in order (the caller removes them)
     */
    static <T> List<T> handle(List<T> batch, Consumer<T> handler, BiConsumer<T, RuntimeException> failed) {
        List<T> done = new ArrayList<>(batch.size());
        for (T item : batch) {
            try {
                handler.accept(item);
                done.add(item);
            } catch (RuntimeException e) {
                failed.accept(item, e);
            }
        }
        return done;
    }
}
