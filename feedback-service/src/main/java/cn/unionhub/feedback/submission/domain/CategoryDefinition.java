package cn.unionhub.feedback.submission.domain;

import cn.unionhub.feedback.category.domain.FeedbackCategory;
import java.util.List;

/** What a submission in one category must or may carry besides the text. */
public record CategoryDefinition(FeedbackCategory category, List<FieldDefinition> fields) {

    public CategoryDefinition {
        fields = List.copyOf(fields);
    }
}
