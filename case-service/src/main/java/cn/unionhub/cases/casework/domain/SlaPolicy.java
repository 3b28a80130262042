package cn.unionhub.cases.casework.domain;

import cn.unionhub.platform.calendar.SlaClock;
import java.time.Duration;
import java.util.Set;

/**
 * How fast a kind of case must be answered and settled, as data. Empty sets match anything; the
 * first matching policy wins.
 *
 * @param name          shown on the case, so everyone can see which promise applies
 * @param categories    categories it covers
 * @param priorities    priorities it covers (the green channel has its own, shorter policy)
 * @param firstResponse time until the worker must have heard back (the 24-hour rule)
 * @param resolution    time until the case must be resolved
 * @param clock         whether time runs on working days only or around the clock
 */
public record SlaPolicy(String name, Set<String> categories, Set<Case.Priority> priorities, Duration firstResponse,
        Duration resolution, SlaClock clock) {

    public SlaPolicy {
        categories = categories == null ? Set.of() : Set.copyOf(categories);
        priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
        clock = clock == null ? SlaClock.WORKING_DAYS : clock;
        if (firstResponse == null || resolution == null || firstResponse.isNegative() || firstResponse.isZero()
                || resolution.compareTo(firstResponse) < 0) {
            throw new IllegalArgumentException("SLA policy " + name + " needs 0 < first-response <= resolution");
        }
    }

    boolean matches(String category, Case.Priority priority) {
        return (categories.isEmpty() || categories.contains(category)) && (priorities.isEmpty() || priorities.contains(priority));
    }
}
