package cn.unionhub.alert.warning.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnterpriseSideTest {

    @Test
    void oneMoreWorkerDoesNotShowUnlessItCrossesABand() {
        assertThat(EnterpriseSide.workersBand(0)).isEqualTo("0");
        assertThat(EnterpriseSide.workersBand(1)).isEqualTo("1-4");
        assertThat(EnterpriseSide.workersBand(4)).isEqualTo("1-4");
        assertThat(EnterpriseSide.workersBand(5)).isEqualTo("5-9");
        assertThat(EnterpriseSide.workersBand(12)).isEqualTo(EnterpriseSide.workersBand(13)).isEqualTo("10-29");
        assertThat(EnterpriseSide.workersBand(200)).isEqualTo("100+");
    }

    @Test
    void moneyIsShownInBandsOfYuan() {
        assertThat(EnterpriseSide.amountBand(0)).isEqualTo("0-9999");
        assertThat(EnterpriseSide.amountBand(999_999)).isEqualTo("0-9999");
        assertThat(EnterpriseSide.amountBand(1_000_000)).isEqualTo("10000-99999");
        assertThat(EnterpriseSide.amountBand(10_320_000)).isEqualTo("100000-999999");
        assertThat(EnterpriseSide.amountBand(500_000_000)).isEqualTo("1000000+");
    }

    @Test
    void kindsAreOrderedWithoutTheirWeightsAndTimesBecomeBeijingDates() {
        assertThat(EnterpriseSide.kindsInOrder(Map.of("A", 10.0, "B", 80.5, "C", 0.0))).containsExactly("B", "A");
        // 23:30 UTC on 1 March is already 2 March in Beijing.
        assertThat(EnterpriseSide.day(Instant.parse("2026-03-01T23:30:00Z"))).isEqualTo(LocalDate.of(2026, 3, 2));
    }
}
