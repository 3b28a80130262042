package cn.unionhub.alert.warning.api;

import cn.unionhub.alert.warning.domain.WarningLevel;
import cn.unionhub.platform.web.CodeLabel;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public code list for front-ends (labels in Chinese and English). */
@RestController
@RequestMapping("/api/v1/alerts")
class WarningLevelController {

    @GetMapping("/levels")
    List<CodeLabel> list() {
        return CodeLabel.of(WarningLevel.values());
    }
}
