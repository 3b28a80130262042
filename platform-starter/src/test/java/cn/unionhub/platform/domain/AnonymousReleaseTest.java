package cn.unionhub.platform.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AnonymousReleaseTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private final AnonymousRelease everyThreeHours = AnonymousRelease.every(Duration.ofHours(3));

    private static Instant beijing(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BEIJING).toInstant();
    }

    @Test
    void whatIsFiledIsSeenAtTheNextReleaseOfTheBeijingDay() {
        assertThat(everyThreeHours.of(beijing("2026-12-03T10:32:17"))).isEqualTo(beijing("2026-12-03T12:00:00"));
        assertThat(everyThreeHours.of(beijing("2026-12-03T00:10:00"))).isEqualTo(beijing("2026-12-03T03:00:00"));
        // 08:00 Beijing is midnight UTC: the windows are Beijing's, not the stored instants' zone.
        assertThat(everyThreeHours.of(beijing("2026-12-03T07:59:59"))).isEqualTo(beijing("2026-12-03T09:00:00"));
        // After the last release of the day: midnight (across a year's end too).
        assertThat(everyThreeHours.of(beijing("2026-12-31T23:59:59"))).isEqualTo(beijing("2027-01-01T00:00:00"));
    }

    @Test
    void aFilingAtAReleaseWaitsForTheNextOneSoTheReleaseNeverEqualsTheFilingTime() {
        assertThat(everyThreeHours.of(beijing("2026-12-03T12:00:00"))).isEqualTo(beijing("2026-12-03T15:00:00"));
        assertThat(everyThreeHours.of(beijing("2026-12-03T00:00:00"))).isEqualTo(beijing("2026-12-03T03:00:00"));
    }

    @Test
    void everythingFiledInOneWindowIsReleasedTogether() {
        Instant release = beijing("2026-12-03T21:00:00");
        assertThat(everyThreeHours.of(beijing("2026-12-03T18:00:00.001"))).isEqualTo(release);
        assertThat(everyThreeHours.of(beijing("2026-12-03T19:41:00"))).isEqualTo(release);
        assertThat(everyThreeHours.of(beijing("2026-12-03T20:59:59.999"))).isEqualTo(release);
    }

    @Test
    void theWindowStartIsAllThatTheEnterpriseSideMayKnowOfTheFilingTime() {
        assertThat(everyThreeHours.windowStart(beijing("2026-12-03T10:32:17"))).isEqualTo(beijing("2026-12-03T09:00:00"));
        assertThat(everyThreeHours.windowStart(beijing("2026-12-03T12:00:00"))).isEqualTo(beijing("2026-12-03T12:00:00"));
        assertThat(everyThreeHours.windowStart(beijing("2026-12-03T23:59:59"))).isEqualTo(beijing("2026-12-03T21:00:00"));
        assertThat(AnonymousRelease.every(Duration.ofHours(5)).windowStart(beijing("2026-12-03T21:30:00")))
                .isEqualTo(beijing("2026-12-03T20:00:00"));
        Instant filed = beijing("2026-12-03T10:32:17");
        assertThat(AnonymousRelease.immediately().windowStart(filed)).isEqualTo(filed);
    }

    @Test
    void aPeriodThatDoesNotDivideTheDayEndsTheDaysLastWindowAtMidnight() {
        AnonymousRelease everyFiveHours = AnonymousRelease.every(Duration.ofHours(5));
        assertThat(everyFiveHours.of(beijing("2026-12-03T19:30:00"))).isEqualTo(beijing("2026-12-03T20:00:00"));
        assertThat(everyFiveHours.of(beijing("2026-12-03T20:30:00"))).isEqualTo(beijing("2026-12-04T00:00:00"));
    }

    @Test
    void namedFilingsAndAnInstallationWithoutAPeriodAreSeenAtOnce() {
        Instant filed = beijing("2026-12-03T10:32:17");
        assertThat(everyThreeHours.of(filed, false)).isEqualTo(filed);
        assertThat(everyThreeHours.of(filed, true)).isEqualTo(beijing("2026-12-03T12:00:00"));
        assertThat(AnonymousRelease.immediately().of(filed)).isEqualTo(filed);
        assertThat(AnonymousRelease.every(Duration.ZERO).of(filed, true)).isEqualTo(filed);
        assertThat(AnonymousRelease.every(null).period()).isEmpty();
    }

    @Test
    void aPeriodUnderASecondOrOverADayIsAMistake() {
        assertThatThrownBy(() -> AnonymousRelease.every(Duration.ofMillis(500))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnonymousRelease.every(Duration.ofHours(25))).isInstanceOf(IllegalArgumentException.class);
    }
}
