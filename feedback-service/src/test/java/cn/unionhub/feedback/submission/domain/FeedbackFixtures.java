package cn.unionhub.feedback.submission.domain;

import cn.unionhub.feedback.category.domain.FeedbackCategory;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Named, realistic submissions (seed 000: 宁波富德能源's workers and their commute). */
final class FeedbackFixtures {

    static final String FUDE_ENERGY = "91330211MA2H3K5Q1G";
    static final Enterprise FUDE = new Enterprise(FUDE_ENERGY, "宁波富德能源有限公司", "330211", true);

    static final SubmissionRules RULES = new SubmissionRules(definitions(),
            Set.of(RatingDimension.PAY, RatingDimension.WELFARE, RatingDimension.WORKING_CONDITIONS,
                    RatingDimension.DEMOCRATIC_MANAGEMENT), 2000);

    private FeedbackFixtures() {
    }

    static RawSubmission commuteComplaint() {
        return new RawSubmission("COMPLAINT", "CANTEEN_DORMITORY_COMMUTE", "MINI_PROGRAM", FUDE_ENERGY,
                "厂区离市区15公里，公交不便，单程要一个多小时，希望公司安排通勤车。", Map.of(),
                Map.of("commuteMinutesOneWay", 70), true, "REGULAR", null, null);
    }

    static RawSubmission wageArrears(Map<String, Object> details) {
        return new RawSubmission("APPEAL", "WAGES_ARREARS", "MINI_PROGRAM", FUDE_ENERGY, "三个月工资没有发。", Map.of(),
                details, false, "MIGRANT_WORKER", null, null);
    }

    static RawSubmission review(Map<String, Integer> ratings) {
        return new RawSubmission("REVIEW", "WELFARE_BENEFITS", "APP", FUDE_ENERGY, "福利不错，食堂一般。", ratings, Map.of(),
                false, null, null, null);
    }

    private static Map<FeedbackCategory, CategoryDefinition> definitions() {
        Map<FeedbackCategory, CategoryDefinition> definitions = new EnumMap<>(FeedbackCategory.class);
        for (FeedbackCategory category : FeedbackCategory.values()) {
            definitions.put(category, new CategoryDefinition(category, List.of()));
        }
        definitions.put(FeedbackCategory.WAGES_ARREARS, new CategoryDefinition(FeedbackCategory.WAGES_ARREARS, List.of(
                new FieldDefinition("amountOwedFen", FieldDefinition.Type.MONEY_FEN, true, 1L, null, null),
                new FieldDefinition("workersAffected", FieldDefinition.Type.INTEGER, true, 1L, 100_000L, null),
                new FieldDefinition("owedSince", FieldDefinition.Type.YEAR_MONTH, false, null, null, null))));
        definitions.put(FeedbackCategory.CANTEEN_DORMITORY_COMMUTE, new CategoryDefinition(FeedbackCategory.CANTEEN_DORMITORY_COMMUTE,
                List.of(new FieldDefinition("commuteMinutesOneWay", FieldDefinition.Type.INTEGER, false, 1L, 600L, null))));
        return definitions;
    }
}
