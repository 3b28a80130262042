package cn.unionhub.platform.concurrent;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Threads for a service's own background work: named, so a thread dump or a JFR recording says
 * whose they are, and daemons, so none of them holds up the JVM's exit after the context closed.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Threads called {@code name}; a second and later ones {@code name-2}, {@code name-3}… */
    public static ThreadFactory named(String name) {
        return factory(n -> n == 1 ? name : name + "-" + n);
    }

    /** Threads called {@code prefix-1}, {@code prefix-2}… (a pool's). */
    public static ThreadFactory numbered(String prefix) {
        return factory(n -> prefix + "-" + n);
    }

    private static ThreadFactory factory(IntFunction<String> nameOfNth) {
        AtomicInteger made = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, nameOfNth.apply(made.incrementAndGet()));
            t.setDaemon(true);
            return t;
        };
    }

    /** One thread running timed work, called {@code name}. */
    public static ScheduledExecutorService scheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(named(name));
    }
}
