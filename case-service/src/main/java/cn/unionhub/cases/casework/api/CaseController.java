package cn.unionhub.cases.casework.api;

import cn.unionhub.cases.casework.CaseService;
import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.security.Actor;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Cases as handlers and union staff see them (their enterprise or district only). */
@RestController
@RequestMapping("/api/v1/cases")
class CaseController {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    record CaseView(String caseNumber, String trackingNumber, String source, String category, String enterprise,
            String enterpriseName, String district, String priority, String status, String organisationType,
            String organisationName, String routingRule, OffsetDateTime openedAt, OffsetDateTime firstResponseDueAt) {
    }

    private final CaseService cases;

    CaseController(CaseService cases) {
        this.cases = cases;
    }

    @GetMapping("/{caseNumber}")
    CaseView find(@PathVariable String caseNumber, Actor actor) {
        Case c = cases.find(caseNumber, actor);
        return new CaseView(c.caseNumber(), c.trackingNumber(), c.source(), c.category(), c.enterprise(), c.enterpriseName(),
                c.district(), c.priority().name(), c.status().name(), c.organisationType().name(), c.organisationName(),
                c.routingRule(), c.openedAt().atZone(BEIJING).toOffsetDateTime(),
                c.firstResponseDueAt().atZone(BEIJING).toOffsetDateTime());
    }
}
