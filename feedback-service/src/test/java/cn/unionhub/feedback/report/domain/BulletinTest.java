package cn.unionhub.feedback.report.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulletinTest {

    @Test
    void ratesTopProblemsAndMonthOverMonthChangeComeFromTheCounters() {
        Bulletin.Counters november = new Bulletin.Counters(10, 8, 6,
                Map.of("CANTEEN_DORMITORY_COMMUTE", 5L, "WAGES_ARREARS", 3L, "OTHER", 1L, "SKILLS_TRAINING", 1L),
                Map.of("MINI_PROGRAM", 7L, "HOTLINE_12351", 3L), Map.of("COMPLAINT", 8L, "REVIEW", 2L),
                Map.of("SATISFIED", 3L, "PARTLY_SATISFIED", 1L, "NOT_SATISFIED", 1L), 1, Map.of("SATISFIED", 1L),
                Map.of("91330211MA2H3K5Q1G", 2L, "91330206MA2J7P9K2C", 0L));
        Bulletin.Counters october = new Bulletin.Counters(8, 0, 0, Map.of(), Map.of(), Map.of(), Map.of(), 0, Map.of(), Map.of());

        Bulletin b = Bulletin.of("330211", YearMonth.of(2026, 11), november, october);

        assertThat(b.resolutionRate()).isEqualTo(0.75);
        assertThat(b.satisfactionRate()).isEqualTo(0.8);
        assertThat(b.topCategories()).containsExactly("CANTEEN_DORMITORY_COMMUTE", "WAGES_ARREARS", "OTHER");
        assertThat(b.enterprisesMostUnresolved()).containsExactly(Map.entry("91330211MA2H3K5Q1G", 2L));
        assertThat(b.submittedChange()).isEqualTo(0.25);
    }

    @Test
    void defaultRatingsAreNobodysAnswerAndAreShownBesideTheWorkersRatingsNotAmongThem() {
        // Two workers answered (one satisfied, one not); eight said nothing and were rated SATISFIED by default.
        Bulletin.Counters month = new Bulletin.Counters(10, 10, 10, Map.of(), Map.of(), Map.of(),
                Map.of("SATISFIED", 1L, "NOT_SATISFIED", 1L), 8, Map.of("SATISFIED", 8L), Map.of());

        Bulletin b = Bulletin.of("330211", YearMonth.of(2026, 11), month, Bulletin.Counters.empty());

        assertThat(b.satisfactionRate()).isEqualTo(0.5);
        assertThat(b.satisfaction()).containsOnlyKeys("SATISFIED", "NOT_SATISFIED").containsEntry("SATISFIED", 1L);
        assertThat(b.satisfactionRateWithDefaults()).isEqualTo(0.9);
        assertThat(b.ratedByDefault()).isEqualTo(8);
        assertThat(b.defaultRatings()).containsEntry("SATISFIED", 8L);
    }

    @Test
    void anEmptyMonthHasNoRatesRatherThanDivisionsByZero() {
        Bulletin b = Bulletin.of("330211", YearMonth.of(2026, 11), Bulletin.Counters.empty(), Bulletin.Counters.empty());

        assertThat(b.resolutionRate()).isNull();
        assertThat(b.satisfactionRate()).isNull();
        assertThat(b.submittedChange()).isNull();
    }

    @Test
    void periodsAreBeijingMonths() {
        assertThat(BulletinPeriods.of(Instant.parse("2026-11-30T16:30:00Z"))).isEqualTo(YearMonth.of(2026, 12));
        assertThat(BulletinPeriods.of(Instant.parse("2026-11-30T15:59:59Z"))).isEqualTo(YearMonth.of(2026, 11));
    }
}
