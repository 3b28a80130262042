package cn.unionhub.alert.risk;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Scores decay without new signals: enterprises with a level are re-checked for sustained downgrades. */
@Component
class Reassessment {

    private final RiskService risk;

    Reassessment(RiskService risk) {
        this.risk = risk;
    }

    @Scheduled(fixedDelayString = "${unionhub.alerts.reassess-every:PT10M}", initialDelayString = "PT1M")
    void run() {
        risk.reassessAll();
    }
}
