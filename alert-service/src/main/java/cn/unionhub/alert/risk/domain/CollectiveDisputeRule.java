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

    /**
     * Whether one wage signal (a case staff filed, an inspection report) is a collective case by itself. A
     * worker's own complaint never is: its workers and amount are what one person typed, unchecked (one
     * worker's 120万元 made any enterprise a red collective dispute); many workers complaining is the rule's
     * other half, and the case staff open from it is checked.
     */
    public boolean collectiveOnItsOwn(Signal signal) {
        if (EventSignals.SOURCE_FEEDBACK.equals(signal.source())) {
            return false;
        }
        return signal.magnitude() >= oneCaseWorkers || signal.amountFen() >= oneCaseAmountFen;
    }
}
