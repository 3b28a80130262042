package cn.unionhub.alert.risk.api;

import cn.unionhub.alert.risk.RiskService;
import cn.unionhub.alert.warning.store.Warnings;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Signal kinds with their weights and how often warnings they drove were confirmed or false: for reviewing weights. */
@RestController
@RequestMapping("/api/v1/alerts/signal-kinds")
class SignalKindController {

    record KindReview(String kind, double weight, double maxMagnitude, boolean wageIssue, boolean external, long confirmed,
            long falsePositives) {
    }

    private final RiskService risk;
    private final Warnings warnings;

    SignalKindController(RiskService risk, Warnings warnings) {
        this.risk = risk;
        this.warnings = warnings;
    }

    @GetMapping
    List<KindReview> review() {
        Map<String, Map<String, Long>> verdicts = warnings.verdictsByKind();
        return risk.model().kinds().values().stream()
                .sorted(java.util.Comparator.comparing(cn.unionhub.alert.risk.domain.SignalKind::name))
                .map(k -> {
                    Map<String, Long> v = verdicts.getOrDefault(k.name(), Map.of());
                    return new KindReview(k.name(), k.weight(), k.maxMagnitude(), k.wageIssue(), k.external(),
                            v.getOrDefault("CONFIRMED", 0L), v.getOrDefault("FALSE_POSITIVE", 0L));
                })
                .toList();
    }
}
