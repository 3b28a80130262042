package cn.unionhub.alert.risk.domain;

/**
 * A kind of risk signal and how much it weighs, as configuration ({@code alert-rules.yml}).
 *
 * @param name         code, e.g. {@code WAGE_ARREARS_COMPLAINT}, {@code SOCIAL_INSURANCE_ARREARS}
 * @param weight       points one unit of magnitude adds to a fresh score
 * @param maxMagnitude cap on one signal's magnitude, so a single huge figure cannot decide alone
 * @param wageIssue    whether it counts towards collective-dispute detection (many workers, wages)
 * @param external     whether other systems may report it through the ingestion API and topic
 */
public record SignalKind(String name, double weight, double maxMagnitude, boolean wageIssue, boolean external) {
}
