package cn.unionhub.alert.risk.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each worker's latest wage-issue report per enterprise is kept (the store keeps one
 * document per enterprise and reporter key). Implementations follow {@link WageReporter#report}:
 * asked again for the same signal they answer the same move, so retries and redeliveries count a
 * worker once. A store may refuse a write that raced with another report of the same worker
 * (optimistic locking); the caller then retries the whole signal.
 */
public interface WageReporterLedger {

    /**
     * Records that {@code reporter} raised a wage issue about {@code enterprise} at {@code at}
     * (signal {@code signalId}).
     *
     * @return how the reporter's latest report moved, or null if it did not
     */
    WageReporter.Move report(String enterprise, String reporter, String signalId, Instant at);

    /**
     * A ledger in memory, for profiles that never leave memory (tests, the scoring benchmark, a
     * replay), used by one thread. It grows with the number of workers, which is why the service
     * keeps its ledger in the database instead.
     */
    static WageReporterLedger inMemory() {
        Map<String, WageReporter> entries = new HashMap<>();
        return (enterprise, reporter, signalId, at) -> {
            String key = enterprise + "|" + reporter;
            WageReporter.Outcome outcome = WageReporter.report(entries.get(key), signalId, at);
            if (outcome.next() != null) {
                entries.put(key, outcome.next());
            }
            return outcome.move();
        };
    }
}
