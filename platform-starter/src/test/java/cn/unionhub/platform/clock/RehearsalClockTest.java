package cn.unionhub.platform.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RehearsalClockTest {

    private static final Instant NOW = Instant.parse("2026-11-30T20:00:00Z");

    @Test
    void runsAheadByTheOffsetAndBackToRealTime() {
        RehearsalClock clock = new RehearsalClock(Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(clock.instant()).isEqualTo(NOW);
        clock.setOffset(Duration.ofDays(30));
        assertThat(clock.instant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(clock.millis()).isEqualTo(NOW.plus(Duration.ofDays(30)).toEpochMilli());
        clock.setOffset(Duration.ZERO);
        assertThat(clock.instant()).isEqualTo(NOW);
    }

    @Test
    void aZonedCopyKeepsFollowingTheOffsetSetLater() {
        RehearsalClock clock = new RehearsalClock(Clock.fixed(NOW, ZoneOffset.UTC));
        Clock shanghai = clock.withZone(ZoneId.of("Asia/Shanghai"));
        assertThat(LocalDate.now(shanghai)).isEqualTo(LocalDate.of(2026, 12, 1));
        clock.setOffset(Duration.ofDays(2));
        assertThat(LocalDate.now(shanghai)).as("the copy was made before the clock moved").isEqualTo(LocalDate.of(2026, 12, 3));
    }

    @Test
    void neverRunsBehindRealTime() {
        RehearsalClock clock = new RehearsalClock(Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> clock.setOffset(Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.instant()).isEqualTo(NOW);
    }
}
