package cn.unionhub.alert.risk.domain;

import java.time.Instant;

/**
 * One piece of evidence about an enterprise: a complaint, a hotline count, a public-opinion clue,
 * social-insurance arrears… Never names a worker: {@code reporter} is an opaque key that only tells
 * distinct workers apart for collective-dispute detection.
 *
 * @param id             stable id; the same signal delivered twice is applied once
 * @param enterprise     unified social credit code
 * @param enterpriseName registered name, when known
 * @param district       administrative division code, when known
 * @param industry       industry code, when the source knows it
 * @param kind           a configured {@link SignalKind} name
 * @param magnitude      how much (1 for a complaint, a count of calls, months of arrears…)
 * @param occurredAt     when it happened
 * @param source         who reported it, e.g. {@code feedback-service}, {@code 12351-hotline}
 * @param reference      the source's own reference (tracking number, case number, clue number)
 * @param reporter       opaque key of the worker who raised it (wage issues), or null
 * @param amountFen      money at stake in fen, or 0
 */
public record Signal(String id, String enterprise, String enterpriseName, String district, String industry, String kind,
        double magnitude, Instant occurredAt, String source, String reference, String reporter, long amountFen) {

    /**
     * The most money one signal may put at stake: 1亿元, as case intake allows for one case. Two signals of
     * Long.MAX_VALUE fen had turned the city's daily total negative.
     */
    public static final long MAX_AMOUNT_FEN = 10_000_000_000L;

    /** Sums of money at stake: never past {@link Long#MAX_VALUE} (amounts are never negative). */
    public static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

}
