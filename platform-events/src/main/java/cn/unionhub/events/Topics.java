package cn.unionhub.events;

import java.util.List;
import java.util.Set;

/**
 * Kafka topics, one per publishing service. Every topic has a dead-letter twin with the
 * {@link #DEAD_LETTER_SUFFIX}; consumers that give up on a record park it there with the reason.
 */
public final class Topics {

    public static final String FEEDBACK = "feedback.events";
    public static final String CASE = "case.events";
    /**
     * The holiday schedules case-service publishes (case.calendar-published), apart from the case
     * events: the services that only want the calendar (station- and contest-service) read a record
     * a year instead of every case event, and the topic is compacted by year, so a service deployed
     * long after a schedule was loaded still learns it (case.events keeps a week).
     */
    public static final String CALENDAR = "case.calendar";
    /** The register (organisations, members), member service cards and 特困职工证: records, each with its whole state. */
    public static final String MEMBER_CARD = "member-card.events";
    /**
     * Welfare money (member-card-service): transfers, coupons, payroll, reconciliations. Apart from the
     * register since 2026-12: every service keeping a register copy read each money event only to skip
     * it (about 5 ms of CPU per redemption across three services), and money facts, one key per
     * transfer, would pile up for ever on the register's compacted topic.
     */
    public static final String LEDGER = "member-card.ledger";
    public static final String STATION = "station.events";
    public static final String CONTEST = "contest.events";
    public static final String ALERT = "alert.events";
    /** Inbound: risk signals about enterprises from other systems, for alert-service. */
    public static final String ALERT_SIGNALS = "alert.signals";

    /**
     * Merchant tills' sign-in credentials (member-card-service issues them, the identity server reads them): one
     * compacted record per till client, the newest state of each (a secret's SHA-256, or revoked), so an identity
     * server that starts reads every till it must know. Not for other systems: only the identity server may read it.
     */
    public static final String TILL_CLIENTS = "identity.till-clients";

    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    public static final List<String> ALL = List.of(FEEDBACK, CASE, CALENDAR, MEMBER_CARD, LEDGER, STATION, CONTEST, ALERT, ALERT_SIGNALS,
            TILL_CLIENTS);

    /** Topics that keep the newest record of each key instead of expiring records (their dead letters expire). */
    public static final Set<String> COMPACTED = Set.of(CALENDAR, TILL_CLIENTS);

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
