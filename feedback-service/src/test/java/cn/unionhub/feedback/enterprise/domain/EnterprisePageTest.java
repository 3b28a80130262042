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
                List.of(60L, 120L));

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
                Map.of("PAY", 5L, "WELFARE", 5L), Map.of("PAY", 5L, "WELFARE", 5L), 4, 4, 3, List.of(600L, 60L, 1440L));

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
                new EnterprisePage.Stats(0, 0, Map.of(), Map.of(), Map.of(), 0, 0, 0, List.of()), List.of(), 5);

        assertThat(page.replyRate()).isNull();
        assertThat(page.resolutionRate()).isNull();
        assertThat(page.recentlyResolved()).isEmpty();
    }

    @Test
    void kCountsPeopleNotReviewsAndEachDimensionWaitsForKPeopleWhoRatedIt() {
        // One worker reviewing five times is one person: still limited.
        EnterprisePage.Stats onePerson = new EnterprisePage.Stats(5, 1, Map.of("PAY", 5L), Map.of("PAY", 5L), Map.of("PAY", 1L),
                0, 0, 0, List.of());
        assertThat(EnterprisePage.of("91330211MA2H3K5Q1G", null, "330211", "ACTIVE", onePerson, List.of(), 5).limited()).isTrue();

        // Six people reviewed, but only two rated canteen food: that average would be theirs alone.
        EnterprisePage.Stats sixPeople = new EnterprisePage.Stats(6, 6, Map.of("PAY", 24L, "CANTEEN", 4L),
                Map.of("PAY", 6L, "CANTEEN", 2L), Map.of("PAY", 6L, "CANTEEN", 2L), 0, 0, 0, List.of());
        EnterprisePage page = EnterprisePage.of("91330211MA2H3K5Q1G", null, "330211", "ACTIVE", sixPeople, List.of(), 5);
        assertThat(page.averageRatings()).containsOnlyKeys("PAY");
    }

    @Test
    void publishedTextsHaveTheirNumbersMasked() {
        List<EnterprisePage.Resolved> recent = List.of(new EnterprisePage.Resolved("COMPLAINT", "WAGES_ARREARS",
                "已联系职工（电话13812345678，身份证330211199506150012）补发工资", LocalDate.of(2026, 10, 28)));
        EnterprisePage page = EnterprisePage.of("91330211MA2H3K5Q1G", null, "330211", "ACTIVE",
                new EnterprisePage.Stats(0, 0, Map.of(), Map.of(), Map.of(), 1, 1, 1, List.of(60L)), recent, 5);
        assertThat(page.recentlyResolved().get(0).whatWasDone()).doesNotContain("13812345678").doesNotContain("330211199506150012")
                .contains("补发工资");
    }
}
