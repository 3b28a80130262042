package cn.unionhub.alert.risk.domain;

import cn.unionhub.alert.warning.domain.WarningLevel;
import java.time.Duration;

/**
 * Collective-dispute risk (集体争议风险): at least {@code minWorkers} distinct workers of one
 * enterprise raising wage issues within {@code window}, or one wage case that on its own concerns
 * at least {@code oneCaseWorkers} workers or {@code oneCaseAmountFen} of wages — a 12351 order for
 * 200 couriers is one complaint but a collective case — raise the warning to at least {@code level}.
 */
public record CollectiveDisputeRule(Duration window, int minWorkers, WarningLevel level, int oneCaseWorkers,
        long oneCaseAmountFen) {

    /** The rule with one case counting as collective from as many workers as distinct reporters do, or 100万元. */
    public CollectiveDisputeRule(Duration window, int minWorkers, WarningLevel level) {
        this(window, minWorkers, level, minWorkers, 100_000_000L);
    }

    /** Whether one wage signal (a case, an inspection report) is a collective case by itself. */
    public boolean collectiveOnItsOwn(Signal signal) {
        return signal.magnitude() >= oneCaseWorkers || signal.amountFen() >= oneCaseAmountFen;
    }
}
