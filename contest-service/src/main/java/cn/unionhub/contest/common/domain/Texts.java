package cn.unionhub.contest.common.domain;

import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.util.List;

/** The free texts people must give — a reason, the grounds of an objection — checked alike everywhere. */
public final class Texts {

    /** Long enough for a considered reason, short enough to publish on a notice. */
    public static final int MAX_REASON = 500;

    private Texts() {
    }

    /** The stripped text, or a 400 ({@code problem}) naming the field as required or too long. */
    public static String required(String text, String field, int max, String problem) {
        if (cn.unionhub.platform.text.PlainText.isBlank(text)) { // white space, or only invisible characters
            throw new RuleViolationException(problem, List.of(new FieldViolation(field, "required")));
        }
        if (text.strip().length() > max) {
            throw new RuleViolationException(problem, List.of(new FieldViolation(field, "too-long", max)));
        }
        return text.strip();
    }

    /** A reason for a decision: {@code reason-required} when missing. */
    public static String reason(String reason) {
        return required(reason, "reason", MAX_REASON, "reason-required");
    }
}
