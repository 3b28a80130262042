package cn.unionhub.alert.warning.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnterpriseSideTest {

    @Test
    void kindsAreOrderedWithoutTheirWeightsAndTimesBecomeBeijingDates() {
        assertThat(EnterpriseSide.kindsInOrder(Map.of("A", 10.0, "B", 80.5, "C", 0.0))).containsExactly("B", "A");
        // 23:30 UTC on 1 March is already 2 March in Beijing.
        assertThat(EnterpriseSide.day(Instant.parse("2026-03-01T23:30:00Z"))).isEqualTo(LocalDate.of(2026, 3, 2));
    }
}
