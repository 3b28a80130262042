package cn.unionhub.feedback.submission.domain;

import static cn.unionhub.feedback.submission.domain.FeedbackFixtures.RULES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.unionhub.feedback.category.domain.FeedbackCategory;
import cn.unionhub.platform.domain.RuleViolationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmissionRulesTest {

    @Test
    void anAnonymousCommuteComplaintFromTheMiniProgramIsAccepted() {
        ValidSubmission valid = RULES.check(FeedbackFixtures.commuteComplaint(), false);

        assertThat(valid.type()).isEqualTo(FeedbackType.COMPLAINT);
        assertThat(valid.category()).isEqualTo(FeedbackCategory.CANTEEN_DORMITORY_COMMUTE);
        assertThat(valid.anonymous()).isTrue();
        assertThat(valid.details()).containsEntry("commuteMinutesOneWay", 70L);
        assertThat(valid.workerGroup()).isEqualTo(WorkerGroup.REGULAR);
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        RawSubmission bad = new RawSubmission("GRUMBLE", "NOT_A_CATEGORY", "CARRIER_PIGEON", "91330211MA2H3K5Q1X",
                "x".repeat(2001), Map.of(), Map.of(), false, "ALIENS", null, "12345");

        assertThat(fields(bad, false)).containsExactlyInAnyOrder("type", "category", "channel", "workerGroup", "enterprise",
                "text", "contactPhone");
    }

    @Test
    void categorySpecificFieldsComeFromTheDefinitions() {
        assertThat(violations(FeedbackFixtures.wageArrears(Map.of()), false))
                .contains("details.amountOwedFen:required", "details.workersAffected:required");
        assertThat(violations(FeedbackFixtures.wageArrears(Map.of("amountOwedFen", 0, "workersAffected", 12, "owedSince", "2026-13",
                "bonus", 1)), false))
                .containsExactlyInAnyOrder("details.amountOwedFen:out-of-range", "details.owedSince:year-month", "details.bonus:unknown");
        assertThat(violations(FeedbackFixtures.wageArrears(Map.of("amountOwedFen", "五百万", "workersAffected", 200)), false))
                .containsExactly("details.amountOwedFen:money-fen");

        ValidSubmission valid = RULES.check(FeedbackFixtures.wageArrears(
                Map.of("amountOwedFen", 500_000_000L, "workersAffected", 200, "owedSince", "2026-08")), false);
        assertThat(valid.details()).containsEntry("amountOwedFen", 500_000_000L).containsEntry("owedSince", "2026-08");
    }

    @Test
    void wagesAreOwedSinceAMonthThatHasComeNotOneStillToCome() {
        java.time.YearMonth december = java.time.YearMonth.of(2026, 12);
        for (String month : new String[] {"2027-01", "1979-12"}) {
            RuleViolationException e = catchThrowableOfType(RuleViolationException.class, () -> RULES.check(
                    FeedbackFixtures.wageArrears(Map.of("amountOwedFen", 100_000, "workersAffected", 3, "owedSince", month)), false, december));
            assertThat(e).as(month).isNotNull();
            assertThat(e.violations()).extracting(v -> v.field() + ":" + v.code()).containsExactly("details.owedSince:month-out-of-range");
        }
        assertThat(RULES.check(FeedbackFixtures.wageArrears(Map.of("amountOwedFen", 100_000, "workersAffected", 3, "owedSince", "2026-12")),
                false, december).details()).containsEntry("owedSince", "2026-12");
    }

    @Test
    void aReviewNeedsEveryRequiredRatingWithinOneToFiveStars() {
        assertThat(violations(FeedbackFixtures.review(Map.of("PAY", 4, "WELFARE", 6, "COFFEE", 3)), false))
                .containsExactlyInAnyOrder("ratings.WELFARE:out-of-range", "ratings.COFFEE:unknown-choice",
                        "ratings.WORKING_CONDITIONS:required", "ratings.DEMOCRATIC_MANAGEMENT:required");

        ValidSubmission valid = RULES.check(FeedbackFixtures.review(
                Map.of("PAY", 4, "WELFARE", 5, "WORKING_CONDITIONS", 3, "DEMOCRATIC_MANAGEMENT", 4, "CANTEEN_DORMITORY_COMMUTE", 2)), false);
        assertThat(valid.ratings()).hasSize(5).containsEntry(RatingDimension.CANTEEN_DORMITORY_COMMUTE, 2);
    }

    @Test
    void onlyReviewsCarryRatings() {
        RawSubmission complaint = FeedbackFixtures.commuteComplaint();
        RawSubmission rated = new RawSubmission(complaint.type(), complaint.category(), complaint.channel(),
                complaint.enterprise(), complaint.text(), Map.of("PAY", 1), complaint.details(), true, null, null, null);

        assertThat(violations(rated, false)).containsExactly("ratings:only-for-reviews");
    }

    @Test
    void anonymousMeansNoNameAndNoPhone() {
        RawSubmission withContact = new RawSubmission("COMPLAINT", "OTHER", "MINI_PROGRAM", FeedbackFixtures.FUDE_ENERGY,
                "……", Map.of(), Map.of(), true, null, "张伟", "13812345678");

        assertThat(violations(withContact, false)).containsExactly("anonymous:anonymous-with-contact");
    }

    @Test
    void staffRecordOnlyOnTheirChannelsAndNeedTheWorkersNameUnlessAnonymous() {
        RawSubmission hotlineCall = new RawSubmission("APPEAL", "OTHER", "HOTLINE_12351", FeedbackFixtures.FUDE_ENERGY,
                "来电反映加班费计算问题", Map.of(), Map.of(), false, null, null, null);

        assertThat(violations(hotlineCall, true)).containsExactly("contactName:required");
        assertThat(violations(hotlineCall, false)).contains("channel:channel-staff-only");
        assertThat(violations(FeedbackFixtures.commuteComplaint(), true)).containsExactly("channel:channel-self-service");
    }

    private static List<String> fields(RawSubmission raw, boolean staff) {
        return violations(raw, staff).stream().map(v -> v.substring(0, v.indexOf(':'))).distinct().toList();
    }

    private static List<String> violations(RawSubmission raw, boolean staff) {
        RuleViolationException e = catchThrowableOfType(RuleViolationException.class, () -> RULES.check(raw, staff));
        assertThat(e).as("expected violations").isNotNull();
        return e.violations().stream().map(v -> v.field() + ":" + v.code()).toList();
    }
}
