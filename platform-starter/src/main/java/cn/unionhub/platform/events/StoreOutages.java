package cn.unionhub.platform.events;

import java.time.Duration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Tells a database outage from a record that cannot be processed. A consumer whose database is gone
 * retries the same record until it is back — the partition waits, in order — rather than moving
 * every record that arrives meanwhile to the dead-letter topic, where someone would have to replay
 * them by hand.
 */
public final class StoreOutages {

    private StoreOutages() {
    }

    /** Whether the failure (or any cause of it) is the database being unreachable. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException) {
                return true;
            }
        }
        return false;
    }

    /** Retry at a steady pace, without a limit, until the database answers. */
    public static BackOff untilTheStoreIsBack(Duration interval) {
        return new FixedBackOff(interval.toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS);
    }
}
