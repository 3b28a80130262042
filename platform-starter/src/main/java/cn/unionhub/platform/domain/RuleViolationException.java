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

    private RuleViolationException(List<FieldViolation> violations) {
        super("validation", violations.size());
        this.violations = List.copyOf(violations);
    }

    /** The plain "request has N errors" problem, for a request missing what any endpoint needs (no domain rule of its own). */
    public static RuleViolationException invalid(List<FieldViolation> violations) {
        return new RuleViolationException(violations);
    }

    /** Throws {@link #invalid} naming each field that is absent or blank: {@code requireAll("caseNumber", n, "code", c)}. */
    public static void requireAll(String... namesAndValues) {
        List<FieldViolation> wrong = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null || namesAndValues[i + 1].isBlank()) {
                wrong.add(new FieldViolation(namesAndValues[i], "required"));
            }
        }
        if (!wrong.isEmpty()) {
            throw invalid(wrong);
        }
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
