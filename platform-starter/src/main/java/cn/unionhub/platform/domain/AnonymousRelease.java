package cn.unionhub.platform.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * When the enterprise side (an enterprise's own union) first sees what an anonymous worker filed: at the
 * next release of the Beijing day — every {@code period} from midnight — together with everything filed
 * since the one before.
 *
 * <p>Why: the chair of an enterprise union knows who was on shift, on a break, or just left the canteen.
 * Showing an anonymous complaint's times by day only (as the views do) is not enough when the complaint
 * itself appears in the chair's list or live queue the moment it is filed: arrival is the time. Released
 * in batches, it tells only the window it was filed in, and its place in the list says no more (a release
 * sorts by its time, then by a random id). The district union, which supervises the deadline, sees it at
 * once; the deadline runs from the complaint, not from the release.
 *
 * <p>With no period everything is seen at once (the rule is off).
 */
public final class AnonymousRelease {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Duration DAY = Duration.ofDays(1);

    private final Duration period;

    private AnonymousRelease(Duration period) {
        this.period = period;
    }

    /**
     * Releases every {@code period} from Beijing midnight (the last window of a day ends at midnight).
     *
     * @throws IllegalArgumentException for a period under a second or over a day
     */
    public static AnonymousRelease every(Duration period) {
        if (period == null || period.isZero()) {
            return immediately();
        }
        if (period.compareTo(Duration.ofSeconds(1)) < 0 || period.compareTo(DAY) > 0) {
            throw new IllegalArgumentException("a release period from one second to one day, not " + period);
        }
        return new AnonymousRelease(period);
    }

    /** No batching: what is filed is seen at once. */
    public static AnonymousRelease immediately() {
        return new AnonymousRelease(null);
    }

    /** The time between two releases; empty when the rule is off. */
    public java.util.Optional<Duration> period() {
        return java.util.Optional.ofNullable(period);
    }

    /**
     * When the enterprise side first sees something filed at {@code filed}: the first release after it
     * (never the same instant, which would give the filing time away), or {@code filed} itself when the
     * rule is off.
     */
    public Instant of(Instant filed) {
        if (period == null) {
            return filed;
        }
        Instant midnight = filed.atZone(BEIJING).toLocalDate().atStartOfDay(BEIJING).toInstant();
        Instant nextMidnight = filed.atZone(BEIJING).toLocalDate().plusDays(1).atStartOfDay(BEIJING).toInstant();
        long windows = Duration.between(midnight, filed).toMillis() / period.toMillis() + 1;
        Instant release = midnight.plusMillis(windows * period.toMillis());
        return release.isAfter(nextMidnight) ? nextMidnight : release;
    }

    /**
     * The start of the window {@code filed} falls in (the release before it, or Beijing midnight): all the enterprise
     * side may know of when it was filed. {@code filed} itself when the rule is off.
     */
    public Instant windowStart(Instant filed) {
        if (period == null) {
            return filed;
        }
        Instant midnight = filed.atZone(BEIJING).toLocalDate().atStartOfDay(BEIJING).toInstant();
        long windows = Duration.between(midnight, filed).toMillis() / period.toMillis();
        return midnight.plusMillis(windows * period.toMillis());
    }

    /** When the enterprise side first sees something filed at {@code filed} by a worker who did or did not ask for anonymity. */
    public Instant of(Instant filed, boolean anonymous) {
        return anonymous ? of(filed) : filed;
    }
}
