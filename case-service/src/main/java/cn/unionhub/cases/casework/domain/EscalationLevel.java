package cn.unionhub.cases.casework.domain;

import java.time.Duration;

/**
 * One rung of the supervision ladder (督办): once a deadline has been missed by {@code after}, the
 * case is escalated to this level and the named organisation supervises it.
 *
 * @param level        1, 2, … in order
 * @param after        how long after the missed deadline (on the case's clock)
 * @param organisation who supervises; {@code {districtName}} is filled in
 */
public record EscalationLevel(int level, Duration after, String organisation) {

    public EscalationLevel {
        if (level < 1 || after == null || after.isNegative() || organisation == null || organisation.isBlank()) {
            throw new IllegalArgumentException("escalation level needs level >= 1, after >= 0 and an organisation");
        }
    }
}
