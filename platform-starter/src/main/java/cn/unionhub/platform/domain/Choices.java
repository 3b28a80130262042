package cn.unionhub.platform.domain;

import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a choice — an enum constant — from what a form, a query or a file row says: case does not
 * matter and dashes are ignored ({@code gcj-02} is {@code GCJ02}). A missing or unknown value becomes
 * a field violation ({@code required}, {@code unknown-choice} with the options) collected with the others, so one
 * answer names every mistake.
 */
public final class Choices {

    private Choices() {
    }

    /** The constant, or null with a violation added to {@code wrong}. */
    public static <E extends Enum<E>> E read(Class<E> type, String value, String field, List<FieldViolation> wrong) {
        if (value == null || value.isBlank()) {
            wrong.add(new FieldViolation(field, "required"));
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace("-", ""));
        } catch (IllegalArgumentException e) {
            // With the options: "没有“MAYBE”这个选项" alone left the caller guessing (exploratory test, 2026-12-04).
            wrong.add(new FieldViolation(field, "unknown-choice", value, String.join(", ",
                    java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())));
            return null;
        }
    }

    /** The constant; a 400 naming the field otherwise. */
    public static <E extends Enum<E>> E read(Class<E> type, String value, String field) {
        List<FieldViolation> wrong = new ArrayList<>();
        E choice = read(type, value, field, wrong);
        if (!wrong.isEmpty()) {
            throw RuleViolationException.invalid(wrong);
        }
        return choice;
    }

    /** A filter's constant: {@code null} when the query leaves it out, a 400 naming the field when it is not one. */
    public static <E extends Enum<E>> E filter(Class<E> type, String value, String field) {
        return value == null || value.isBlank() ? null : read(type, value, field);
    }
}
