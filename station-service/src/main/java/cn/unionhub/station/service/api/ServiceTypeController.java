package cn.unionhub.station.service.api;

import cn.unionhub.station.service.domain.StationServiceType;
import cn.unionhub.platform.web.CodeLabel;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public code list for front-ends (labels in Chinese and English). */
@RestController
@RequestMapping("/api/v1/stations")
class ServiceTypeController {

    @GetMapping("/service-types")
    List<CodeLabel> list() {
        return CodeLabel.of(StationServiceType.values());
    }
}
