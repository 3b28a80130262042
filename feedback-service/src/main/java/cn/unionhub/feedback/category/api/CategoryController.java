package cn.unionhub.feedback.category.api;

import cn.unionhub.feedback.category.domain.FeedbackCategory;
import cn.unionhub.platform.web.CodeLabel;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public code list for front-ends (labels in Chinese and English). */
@RestController
@RequestMapping("/api/v1/feedback")
class CategoryController {

    @GetMapping("/categories")
    List<CodeLabel> list() {
        return CodeLabel.of(FeedbackCategory.values());
    }
}
