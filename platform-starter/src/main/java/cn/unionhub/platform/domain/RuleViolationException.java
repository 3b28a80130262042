package cn.unionhub.platform.domain;

import java.util.List;

/**
 * Input that is well-formed but breaks a business rule (400), with every offending field so a
 * form can mark them all at once.
 */
public class RuleViolationException extends DomainException {

    /** One bad field: the JSON path of the field and the message code explaining why. */
    public record FieldViolation(String field, String code, Object... arguments) {
    }

    private final transient List<FieldViolation> violations;

    public RuleViolationException(String code, List<FieldViolation> violations) {
        super(code);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
