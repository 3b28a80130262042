package cn.unionhub.events.alert;

import java.time.Instant;

/**
 * One signal behind a warning and what it adds to the score when the warning was raised or
 * changed level: the explanation other systems and staff read.
 *
 * @param signalId     the signal's id
 * @param kind         e.g. WAGE_ARREARS_COMPLAINT, SOCIAL_INSURANCE_ARREARS
 * @param occurredAt   when it happened
 * @param magnitude    its size in the kind's unit (1 per complaint, calls, months…)
 * @param source       who reported it, e.g. feedback-service, 12351-hotline
 * @param reference    the source's own reference (tracking number, clue number), if any
 * @param contribution score points it contributes, decay applied
 */
public record SignalContribution(String signalId, String kind, Instant occurredAt, double magnitude, String source,
        String reference, double contribution) {
}
