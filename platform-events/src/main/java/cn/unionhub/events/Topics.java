package cn.unionhub.events;

import java.util.List;

/**
 * Kafka topics, one per publishing service. Every topic has a dead-letter twin with the
 * {@link #DEAD_LETTER_SUFFIX}; consumers that give up on a record park it there with the reason.
 */
public final class Topics {

    public static final String FEEDBACK = "feedback.events";
    public static final String CASE = "case.events";
    public static final String MEMBER_CARD = "member-card.events";
    public static final String STATION = "station.events";
    public static final String CONTEST = "contest.events";
    public static final String ALERT = "alert.events";
    /** Inbound: risk signals about enterprises from other systems, for alert-service. */
    public static final String ALERT_SIGNALS = "alert.signals";

    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    public static final List<String> ALL = List.of(FEEDBACK, CASE, MEMBER_CARD, STATION, CONTEST, ALERT, ALERT_SIGNALS);

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
