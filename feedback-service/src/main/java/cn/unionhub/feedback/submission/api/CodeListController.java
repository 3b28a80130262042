package cn.unionhub.feedback.submission.api;

import cn.unionhub.feedback.category.domain.FeedbackCategory;
import cn.unionhub.feedback.submission.FeedbackProperties;
import cn.unionhub.feedback.submission.domain.Channel;
import cn.unionhub.feedback.submission.domain.FieldDefinition;
import cn.unionhub.feedback.submission.domain.FeedbackType;
import cn.unionhub.feedback.submission.domain.RatingDimension;
import cn.unionhub.feedback.submission.domain.WorkerGroup;
import cn.unionhub.platform.web.CodeLabel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a submission form needs to render itself: code lists and each category's fields (public). */
@RestController
@RequestMapping("/api/v1/feedback")
class CodeListController {

    record CategoryForm(String code, String label, List<FieldDefinition> fields) {
    }

    private final FeedbackProperties properties;

    CodeListController(FeedbackProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/code-lists")
    Map<String, List<CodeLabel>> codeLists() {
        return Map.of("types", CodeLabel.of(FeedbackType.values()), "channels", CodeLabel.of(Channel.values()),
                "workerGroups", CodeLabel.of(WorkerGroup.values()), "ratingDimensions", CodeLabel.of(RatingDimension.values()));
    }

    @GetMapping("/category-definitions")
    List<CategoryForm> categoryDefinitions() {
        return Arrays.stream(FeedbackCategory.values())
                .map(c -> new CategoryForm(c.name(), c.label(LocaleContextHolder.getLocale()),
                        properties.categoryFields().getOrDefault(c, List.of())))
                .toList();
    }
}
