package cn.unionhub.gateway.limits;

import java.time.Duration;

/**
 * A token bucket: {@code capacity} requests at once, then one more every {@code refillEvery}.
 * Time is passed in (nanoseconds) so the arithmetic is tested without waiting.
 */
final class TokenBucket {

    private final int capacity;
    private final long refillNanos;
    private double tokens;
    private long updatedAt;

    TokenBucket(int capacity, Duration refillEvery, long now) {
        this.capacity = capacity;
        this.refillNanos = refillEvery.toNanos();
        this.tokens = capacity;
        this.updatedAt = now;
    }

    /** Takes one token: returns 0 if allowed, otherwise the nanoseconds until one is available. */
    synchronized long tryTake(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) * refillNanos);
    }

    /** A bucket that has refilled completely holds no state worth keeping. */
    synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        if (now > updatedAt) {
            tokens = Math.min(capacity, tokens + (double) (now - updatedAt) / refillNanos);
            updatedAt = now;
        }
    }
}
