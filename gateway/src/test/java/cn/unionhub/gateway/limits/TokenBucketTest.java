package cn.unionhub.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void allowsABurstUpToCapacityThenSaysHowLongToWait() {
        TokenBucket bucket = new TokenBucket(3, Duration.ofSeconds(10), 0);

        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isEqualTo(10 * SECOND);
        assertThat(bucket.tryTake(4 * SECOND)).isEqualTo(6 * SECOND);
    }

    @Test
    void refillsOneTokenPerIntervalButNeverAboveCapacity() {
        TokenBucket bucket = new TokenBucket(2, Duration.ofSeconds(1), 0);
        bucket.tryTake(0);
        bucket.tryTake(0);

        assertThat(bucket.tryTake(SECOND)).isZero();
        assertThat(bucket.tryTake(SECOND)).isPositive();
        assertThat(bucket.isFull(100 * SECOND)).isTrue();
        assertThat(bucket.tryTake(100 * SECOND)).isZero();
        assertThat(bucket.tryTake(100 * SECOND)).isZero();
        assertThat(bucket.tryTake(100 * SECOND)).isPositive();
    }
}
