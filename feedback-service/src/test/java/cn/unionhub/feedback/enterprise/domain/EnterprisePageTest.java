package cn.unionhub.feedback.enterprise.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnterprisePageTest {

    private static final List<EnterprisePage.Resolved> RECENT = List.of(
            new EnterprisePage.Resolved("COMPLAINT", "CANTEEN_DORMITORY_COMMUTE", "公司租赁大巴车接送职工上下班", LocalDate.of(2026, 10, 28)));

    @Test
    void belowKReviewsThePageShowsCountsAndRatesButNoAveragesOrDates() {
        EnterprisePage.Stats few = new EnterprisePage.Stats(4, 4, Map.of("PAY", 12L), Map.of("PAY", 4L), Map.of("PAY", 4L), 10, 9, 8,
                Map.of(1L, 1L, 2L, 1L));

        EnterprisePage page = EnterprisePage.of("91330211MA2H3K5Q1G", "宁波富德能源有限公司", "330211", "ACTIVE", few, RECENT, 5);

        assertThat(page.limited()).isTrue();
        assertThat(page.averageRatings()).isNull();
        assertThat(page.medianHoursToResolve()).isNull();
        assertThat(page.replyRate()).isEqualTo(0.9);
        assertThat(page.resolutionRate()).isEqualTo(0.8);
        assertThat(page.recentlyResolved().get(0).resolvedOn()).isEqualTo("2026-10");
    }

    @Test
    void fromKReviewsOnAveragesMedianAndDatesAppear() {
        EnterprisePage.Stats enough = new EnterprisePage.Stats(5, 5, Map.of("PAY", 18L, "WELFARE", 22L),
                Map.of("PAY", 5L, "WELFARE", 5L), Map.of("PAY", 5L, "WELFARE", 5L), 6, 6, 5, Map.of(10L, 2L, 1L, 1L, 24L, 2L));

        EnterprisePage page = EnterprisePage.of("91330211MA2H3K5Q1G", "宁波富德能源有限公司", "330211", "ACTIVE", enough, RECENT, 5);

        assertThat(page.limited()).isFalse();
        assertThat(page.averageRatings()).containsEntry("PAY", 3.6).containsEntry("WELFARE", 4.4);
        assertThat(page.medianHoursToResolve()).isEqualTo(10.0);
        assertThat(page.recentlyResolved().get(0).resolvedOn()).isEqualTo("2026-10-28");
        assertThat(page.recentlyResolved().get(0).whatWasDone()).isEqualTo("公司租赁大巴车接送职工上下班");
    }

    @Test
    void anEnterpriseWithNothingYetHasNoRates() {
        EnterprisePage page = EnterprisePage.of("91330211MA2H3K5Q1G", null, "330211", "ACTIVE",
                new EnterprisePage.Stats(0, 0, Map.of(), Map.of(), Map.of(), 0, 0, 0, Map.of()), List.of(), 5);

        assertThat(page.replyRate()).isNull();
        assertThat(page.resolutionRate()).isNull();
        assertThat(page.recentlyResolved()).isEmpty();
    }

    @Test
    void kCountsPeopleNotReviewsAndEachDimensionWaitsForKPeopleWhoRatedIt() {
        // One worker reviewing five times is one person: still limited.
        EnterprisePage.Stats onePerson = new EnterprisePage.Stats(5, 1, Map.of("PAY", 5L), Map.of("PAY", 5L), Map.of("PAY", 1L),
                0, 0, 0, Map.of());
        assertThat(EnterprisePage.of("91330211MA2H3K5Q1G", null, "330211", "ACTIVE", onePerson, List.of(), 5).limited()).isTrue();

        // Six people reviewed, but only two rated canteen food: that average would be theirs alone.
        EnterprisePage.Stats sixPeople = new EnterprisePage.Stats(6, 6, Map.of("PAY", 24L, "CANTEEN", 4L),
                Map.of("PAY", 6L, "CANTEEN", 2L), Map.of("PAY", 6L, "CANTEEN", 2L), 0, 0, 0, Map.of());
        EnterprisePage page = EnterprisePage.of("91330211MA2H3K5Q1G", null, "330211", "ACTIVE", sixPeople, List.of(), 5);
        assertThat(page.averageRatings()).containsOnlyKeys("PAY");
    }

    @Test
    void publishedTextsHaveTheirNumbersAndNamesMasked() {
        List<EnterprisePage.Resolved> recent = List.of(new EnterprisePage.Resolved("COMPLAINT", "WAGES_ARREARS",
                "已联系职工陈小红（电话13812345678，身份证330211199506150012）补发工资", LocalDate.of(2026, 10, 28)));
        EnterprisePage page = EnterprisePage.of("91330211MA2H3K5Q1G", null, "330211", "ACTIVE",
                new EnterprisePage.Stats(0, 0, Map.of(), Map.of(), Map.of(), 1, 1, 1, Map.of(1L, 1L)), recent, 5);
        assertThat(page.recentlyResolved().get(0).whatWasDone()).doesNotContain("13812345678").doesNotContain("330211199506150012")
                .doesNotContain("小红").contains("职工陈某").contains("补发工资");
    }

    @Test
    void theMedianTimeToResolveComesFromAnHourlyHistogramThatDoesNotGrowWithHistory() {
        // 1,000 resolutions within an hour and 1,001 taking a day: the middle one took a day.
        EnterprisePage.Stats many = new EnterprisePage.Stats(5, 5, Map.of(), Map.of(), Map.of(), 2001, 2001, 2001,
                Map.of(0L, 1_000L, 24L, 1_001L));
        assertThat(EnterprisePage.of("91330211MA2H3K5Q1G", null, "330211", "ACTIVE", many, List.of(), 5).medianHoursToResolve())
                .isEqualTo(24.0);
        EnterprisePage.Stats even = new EnterprisePage.Stats(5, 5, Map.of(), Map.of(), Map.of(), 6, 6, 6, Map.of(2L, 3L, 5L, 3L));
        assertThat(EnterprisePage.of("91330211MA2H3K5Q1G", null, "330211", "ACTIVE", even, List.of(), 5).medianHoursToResolve())
                .isEqualTo(3.5);
        // Fewer than k resolved: no median, since one item's median is its own time, known to whoever resolved it.
        EnterprisePage.Stats few = new EnterprisePage.Stats(5, 5, Map.of(), Map.of(), Map.of(), 4, 4, 4, Map.of(0L, 4L));
        assertThat(EnterprisePage.of("91330211MA2H3K5Q1G", null, "330211", "ACTIVE", few, List.of(), 5).medianHoursToResolve())
                .isNull();
    }
}
