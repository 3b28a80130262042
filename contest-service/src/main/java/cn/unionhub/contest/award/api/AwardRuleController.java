package cn.unionhub.contest.award.api;

import cn.unionhub.contest.award.domain.AwardKind;
import cn.unionhub.platform.web.CodeLabel;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public code list of award kinds for front-ends (labels in Chinese and English); the rules themselves are data. */
@RestController
@RequestMapping("/api/v1/contests")
class AwardRuleController {

    @GetMapping("/award-rules")
    List<CodeLabel> list() {
        return CodeLabel.of(AwardKind.values());
    }
}
