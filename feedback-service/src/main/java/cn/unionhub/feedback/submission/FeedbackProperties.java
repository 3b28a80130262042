package cn.unionhub.feedback.submission;

import cn.unionhub.feedback.category.domain.FeedbackCategory;
import cn.unionhub.feedback.submission.domain.CategoryDefinition;
import cn.unionhub.feedback.submission.domain.FieldDefinition;
import cn.unionhub.feedback.submission.domain.RatingDimension;
import cn.unionhub.feedback.submission.domain.SubmissionRules;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code unionhub.feedback.*}, kept in {@code feedback-rules.yml}: the submission rules as data.
 * Enterprises are not configured: they come from the register's events ({@code RegisterCopy}).
 *
 * @param maxTextLength            longest text accepted
 * @param requiredReviewDimensions dimensions every review must rate
 * @param categoryFields           category-specific fields
 * @param ratingWindow             how long a worker has to rate a resolved item
 * @param defaultRating            what counts when they do not (documented in docs/architecture.md)
 * @param kAnonymity               fewest reviews for an enterprise page to show averages and exact times
 */
@ConfigurationProperties("unionhub.feedback")
public record FeedbackProperties(
        @DefaultValue("2000") int maxTextLength,
        @DefaultValue List<RatingDimension> requiredReviewDimensions,
        @DefaultValue Map<FeedbackCategory, List<FieldDefinition>> categoryFields,
        @DefaultValue("7d") java.time.Duration ratingWindow,
        @DefaultValue("SATISFIED") cn.unionhub.feedback.submission.domain.Satisfaction defaultRating,
        @DefaultValue("5") int kAnonymity) {

    public SubmissionRules rules() {
        Map<FeedbackCategory, CategoryDefinition> definitions = new EnumMap<>(FeedbackCategory.class);
        for (FeedbackCategory category : FeedbackCategory.values()) {
            definitions.put(category, new CategoryDefinition(category, categoryFields.getOrDefault(category, List.of())));
        }
        return new SubmissionRules(definitions, java.util.Set.copyOf(requiredReviewDimensions), maxTextLength);
    }
}
