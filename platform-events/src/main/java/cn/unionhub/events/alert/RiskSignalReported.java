package cn.unionhub.events.alert;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A risk signal about an enterprise from another system (the 12351 hotline statistics, public
 * opinion monitoring, social insurance, utilities, courts…), published on {@link Topics#ALERT_SIGNALS}
 * for alert-service. The same as {@code POST /api/v1/alerts/signals}. A signal that breaks the rules
 * (check digit, unknown kind, magnitude, time) goes to {@code alert.signals.dlt} with the reason.
 * Key: the enterprise's unified social credit code.
 *
 * @param enterprise     unified social credit code (GB 32100 check character)
 * @param enterpriseName registered name, if known
 * @param district       administrative division code, if known
 * @param industry       industry code (GB/T 4754 section letter or code), if known
 * @param kind           a configured external signal kind, e.g. HOTLINE_CALLS, PUBLIC_OPINION,
 *                       SOCIAL_INSURANCE_ARREARS, UTILITY_ARREARS, LAYOFFS, WAGE_ACCOUNT_SHORTFALL, LITIGATION
 * @param magnitude      how much, in the kind's unit (calls, clues, months, workers, cases)
 * @param occurredAt     when it happened or was observed
 * @param source         the reporting system, e.g. {@code 12351-hotline}
 * @param reference      the source's own id; with source, kind, enterprise and time it makes the signal's id
 * @param amountFen      money at stake in fen, if any
 */
@EventContract(type = "cn.unionhub.alert.signal-reported.v1", topic = Topics.ALERT_SIGNALS)
public record RiskSignalReported(String enterprise, String enterpriseName, String district, String industry, String kind,
        double magnitude, Instant occurredAt, String source, String reference, Long amountFen) implements DomainEvent {

    @Override
    public String subject() {
        return enterprise;
    }
}
