package cn.unionhub.cases.routing.api;

import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import cn.unionhub.platform.web.CodeLabel;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public code list for front-ends (labels in Chinese and English). */
@RestController
@RequestMapping("/api/v1/cases")
class HandlingOrganisationController {

    @GetMapping("/handling-organisations")
    List<CodeLabel> list() {
        return CodeLabel.of(HandlingOrganisationType.values());
    }
}
