package cn.unionhub.alert.risk.domain;

import cn.unionhub.alert.warning.domain.WarningLevel;
import java.time.Duration;

/**
 * Collective-dispute risk (集体争议风险): at least {@code minWorkers} distinct workers of one
 * enterprise raising wage issues within {@code window} raise the warning to at least {@code level}.
 */
public record CollectiveDisputeRule(Duration window, int minWorkers, WarningLevel level) {
}
